"""The picture check: the starter's own (its training pictures), failing closed, and the
engine's one retry with a new seed before a picture is given up."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest
from PIL import Image

from engine.options import EngineOptions
from engine.picture_check import ConceptCheck, load_check, red, run_check
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.starter.dataset import load


@pytest.fixture(scope="module")
def starter() -> tuple[ConceptCheck, np.ndarray, list[str]]:
    images, concepts = load()
    names = [c.name for c in concepts]
    return ConceptCheck(images, names), images, names


def test_a_training_picture_shows_its_concept_and_not_another(starter: Any) -> None:
    check, images, names = starter
    cat, dog = names.index("cat"), names.index("dog")
    pictures = [Image.fromarray(images[cat]), Image.fromarray(images[dog])]
    assert check.check(pictures, ["cat", "dog"]) == [True, True]
    assert check.check(pictures, ["dog", "cat"]) == [False, False]
    assert check.check(pictures[:1], ["no such concept"]) == [False]
    blank = Image.new("RGB", (64, 64), "white")
    assert check.check([blank], ["cat"]) == [False]


class Broken:
    name = "broken"

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        raise RuntimeError("model file is corrupt")


class Slow:
    name = "slow"

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        time.sleep(1.0)
        return [True] * len(images)


def test_a_check_that_crashes_or_times_out_fails_every_picture() -> None:
    picture = Image.new("RGB", (8, 8))
    assert run_check(Broken(), [picture, picture], ["a", "b"]) == [False, False]
    assert run_check(Slow(), [picture], ["a"], timeout=0.1) == [False]


def test_which_check_each_model_gets() -> None:
    assert isinstance(load_check("auto", "starter"), ConceptCheck)
    assert load_check("auto", "stabilityai/sd-turbo") is None  # off for hub models by default
    assert load_check("off", "starter") is None
    with pytest.raises(ValueError, match="no CLIP model folder"):
        load_check("clip:/nonexistent/folder", "starter")


class FailingFirst:
    """Fails each subject's first picture, passes the next."""

    name = "fake"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        verdicts = [subject in self.seen for subject in subjects]
        self.seen.extend(subjects)
        return verdicts


def _request(subject: str, seed: int) -> GenerationRequest:
    return GenerationRequest(
        model="tiny",
        prompt=f"a {subject}",
        negative_prompt="",
        width=32,
        height=32,
        steps=2,
        guidance=2.0,
        seed=seed,
        scheduler="euler",
        subject=subject,
    )


def test_the_engine_draws_a_failed_picture_once_more_with_a_new_seed(
    tiny_engine: PictureEngine,
) -> None:
    check = FailingFirst()
    tiny_engine.picture_check = check
    try:
        pictures = tiny_engine.draw([_request("cat", 1), _request("dog", 2)])
        assert check.seen == ["cat", "dog", "cat", "dog"]
        assert [p.shows for p in pictures] == [True, True]
        assert pictures[0].seed != 1 and pictures[0].params["seed"] == pictures[0].seed
        tiny_engine.picture_check = Broken()
        assert [p.shows for p in tiny_engine.draw([_request("cat", 1)])] == [False]
        unchecked = tiny_engine.draw([_request("", 3)])  # nothing to check: no verdict
        assert unchecked[0].shows is None
    finally:
        tiny_engine.picture_check = None


def test_tiny_models_have_no_picture_check_by_default() -> None:
    assert PictureEngine(EngineOptions(model="tiny")).picture_check is None


def test_a_part_passes_only_with_its_circle_where_the_part_is() -> None:
    """A neck, a shoulder and a chest are the same man ringed in three places, and the man
    himself is a picture too: the nearest picture must be the part's, and where its circle
    is, the picture must look like the part's picture, not the plain man's."""
    from engine.starter.additions import GROWN_DIR, _grown_set

    concepts, pictures = _grown_set(GROWN_DIR)
    at = {c.name: c.index for c in concepts}
    names = ["neck", "shoulder", "chest", "man standing", "desk"]
    chosen = [pictures.images[np.flatnonzero(pictures.owners == at[n])[0]] for n in names]
    check = ConceptCheck(np.stack(chosen), names)
    neck, chest, man = chosen[0], chosen[2], chosen[3]
    as_drawn = [Image.fromarray(p).resize((256, 256)) for p in (neck, chest)]
    assert check.check(as_drawn, ["neck", "chest"]) == [True, True]
    assert check.check(as_drawn[::-1], ["neck", "chest"]) == [False, False]
    assert check.check([Image.fromarray(man)], ["neck"]) == [False]  # no part is shown
    faded = neck.copy()
    faded[red(neck)] = man[red(neck)]  # the circle drawn away: the plain man again
    assert check.check([Image.fromarray(faded)], ["neck"]) == [False]
    blurred = Image.fromarray(neck).resize((32, 32)).resize((64, 64))  # as soft as drawn
    assert check.check([blurred], ["neck"]) == [True]
