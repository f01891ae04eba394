"""The concepts the grown starter adds: the starter knows them, checks them against their own
pictures, and draws them with the grown model (the rest with the shipped one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.starter import additions
from engine.starter.dataset import load_concepts


def test_the_starter_knows_the_added_concepts_beside_the_shipped_ones() -> None:
    shipped = load_concepts()
    concepts = additions.drawable_concepts()
    added = concepts[len(shipped) :]
    names = [c.name for c in concepts]
    assert len(added) >= 300
    assert {"teacher", "baby", "student", "girl"} <= {c.name for c in added}
    assert len(set(names)) == len(names)  # a name draws one thing
    assert [c.index for c in concepts] == list(range(len(concepts)))
    pictures = additions.drawable_pictures()
    assert len(pictures.images) == len(pictures.owners) == len(pictures.styles)
    # every concept has its reference pictures, the added ones in each style they have
    counts = np.bincount(pictures.owners, minlength=len(concepts))
    assert counts.min() >= 1
    teacher = names.index("teacher")
    assert counts[teacher] == len(concepts[teacher].styles) > 1
    assert "added by the grown model" in additions.summary()


@dataclass(frozen=True)
class Asked:
    subject: str
    prompt: str


def test_each_model_draws_its_own_concepts_and_the_order_is_kept() -> None:
    calls: list[tuple[str, list[str]]] = []

    def call(part: list[Any], model: str) -> tuple[list[Any], list[Any] | None]:
        calls.append((model, [r.prompt for r in part]))
        flags = [False] * len(part) if model != "shipped" else None
        return [f"picture of {r.subject}" for r in part], flags

    asked = [
        Asked("cat", "a cat"),
        Asked("teacher", "a teacher"),
        Asked("dog", "a dog, fluent style"),
        Asked("baby", "a baby, fluent style"),
        Asked("cat", "a cat, fluent style"),
        Asked("man", "a man"),
        Asked("man", "a man, fluent style"),
        Asked("robot", "a robot, fluent style"),
        Asked("desk", "a desk, twemoji style"),
    ]
    looks = {
        "cat": ("noto", "fluent"),
        "dog": ("noto",),
        "teacher": ("noto",),
        "baby": ("noto",),
        "man": ("twemoji",),  # added, drawn truly only in another look
        "robot": ("noto", "twemoji"),  # added, drawn truly only with the mend LoRA
        "desk": ("noto",),  # an icon set's thing, drawn with the icons' LoRA
    }
    routes = additions.Routes(
        frozenset({"teacher", "baby", "man", "robot", "desk"}),
        looks,
        frozenset({"robot"}),
        frozenset({"desk"}),
    )
    images, flags = additions.split_by_model(asked, routes, call)
    assert images == [f"picture of {a.subject}" for a in asked]
    assert flags == [None, False, None, False, False, False, False, False, False]
    # the grown model draws in the look asked for where it was measured true in it, else in
    # the concept's first look; the shipped model is never asked for a style it does not know
    assert calls == [
        ("shipped", ["a cat", "a dog"]),
        (
            "grown",
            [
                "a teacher, noto style",
                "a baby, noto style",
                "a cat, fluent style",
                "a man, twemoji style",
                "a man, twemoji style",
            ],
        ),
        ("mended", ["a robot, noto style"]),
        ("icons", ["a desk, noto style"]),
    ]
    # a picture in another style that failed the check is drawn again in the starter's own look
    assert routes.own_look(asked[4]).prompt == "a cat" and routes.own_look(asked[1]) == asked[1]
    assert routes.route(routes.own_look(asked[6]))[1].prompt == "a man, twemoji style"
    # failed there too: its next look, if it has one (a cat in Fluent; a dog has no other)
    assert routes.next_look(asked[0]).prompt == "a cat, fluent style"  # type: ignore[union-attr]
    assert routes.next_look(Asked("dog", "a dog")) is None
    # a word a teacher taught is drawn by the shipped model (its own token), in no other look
    taught = routes.without({"man", "cat", "robot", "desk"})
    assert taught.route(asked[8]) == ("shipped", Asked("desk", "a desk"))
    assert taught.route(asked[6]) == ("shipped", Asked("man", "a man"))
    assert taught.route(asked[4]) == ("shipped", Asked("cat", "a cat"))
    assert taught.route(asked[7]) == ("shipped", Asked("robot", "a robot"))
    calls.clear()
    images, flags = additions.split_by_model(asked[:1], routes, call)
    assert images == ["picture of cat"] and flags is None and calls == [("shipped", ["a cat"])]


def test_a_style_is_read_from_the_prompt_and_noto_is_every_concepts_look() -> None:
    assert additions.style_of("an apple, fluent style") == "fluent"
    assert additions.style_of("an apple in fluent style") is None
    assert additions.style_of("an apple") is None
    assert additions.styles_for("no such thing")[0] == "noto"


@pytest.mark.slow
def test_a_word_only_the_grown_model_knows_is_drawn_and_passes_the_check() -> None:
    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    assert "grown" in engine.grown_pipelines and "teacher" in engine.grown_routes.added
    assert "robot" in engine.grown_routes.mended  # drawn truly only with the mend LoRA
    assert "desk" in engine.grown_routes.iconed  # no emoji: an icon set's, with its LoRA
    values = engine.defaults()
    asked = [
        GenerationRequest(
            model="starter", prompt=f"a {word}", negative_prompt="", seed=3, subject=word, **values
        )
        for word in ("teacher", "cat", "baby", "robot", "desk")
    ]
    pictures = engine.draw(asked)
    assert [p.shows for p in pictures] == [True, True, True, True, True]
    assert all(p.png.startswith(b"\x89PNG") for p in pictures)
    # the grown model alone draws no true robot nor desk: without the LoRAs they do not pass
    engine.grown_routes = additions.Routes(engine.grown_routes.added, engine.grown_routes.looks)
    assert [p.shows for p in engine.draw(asked[3:])] == [False, False]
    # the shipped model alone never learned a teacher: its picture does not pass
    engine.grown_routes = None
    alone = engine.draw([asked[0]])
    assert alone[0].shows is False
