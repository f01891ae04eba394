"""The concepts the grown starter adds to the shipped 814: people, family, jobs, money, …

The grown model (``data/grown/model``, 1,505 concepts in four styles) draws the shipped
concepts less truly than the shipped model does, but it draws many concepts the shipped model
has never seen. So the shipped model keeps drawing what it knows, and the grown one draws only
the concepts it *adds*, and of those only the ones it drew truly when measured: each concept
was drawn four times (seeds 0–3, Noto style) and kept when at least ``KEEP_PASSES`` of the
four passed the picture check (``python -m engine.starter.measure_additions`` writes ``added.json``;
development time only), and a person looking at one more picture of each (an unseen seed)
did not judge it wrong (``judged_wrong`` in ``added.json``). Every picture is still checked
before it is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from engine.starter.dataset import DATA_DIR, Concept, Pictures, load_concepts, load_pictures

Drawn = tuple[list[Any], list[Any] | None]  # images, safety flags (None: no checker ran)
GROWN_DIR = DATA_DIR / "grown"
ADDED_FILE = GROWN_DIR / "added.json"
STYLED_FILE = GROWN_DIR / "styled.json"  # which concepts draw truly in which other style
STYLE = "noto"  # the shipped model's own look, so both models' pictures match
OTHER_STYLES = ("twemoji", "openmoji", "fluent")  # drawn by the grown model alone
SEEDS = 4
KEEP_PASSES = 3
# signs, not things; and "plus" came out as a hooked cross that still passed the check
LEFT_OUT_GROUPS = frozenset({"math", "keycap"})
# clock times only in Noto: at the check's 24 px a clock at nine passes as a clock at six
# (a person found two of 19 wrong in twemoji at an unseen seed)
NOT_RESTYLED_GROUPS = frozenset({"time"})


def available(grown: Path = GROWN_DIR) -> bool:
    return (grown / "model" / "model_index.json").exists() and (grown / ADDED_FILE.name).exists()


def with_shipped(new: Sequence[Concept], grown: Path = GROWN_DIR) -> tuple[list[Concept], Pictures]:
    """The shipped concepts and their pictures, then `new` (concepts of the grown set) numbered
    after them, with every style's picture of each."""
    concepts, pictures = load_concepts(), load_pictures()
    if not new:
        return concepts, pictures
    renumber = {c.index: len(concepts) + i for i, c in enumerate(new)}
    grown_pictures = load_pictures(grown)
    ours = np.isin(grown_pictures.owners, list(renumber))
    owners = [renumber[int(owner)] for owner in grown_pictures.owners[ours]]
    return [*concepts, *(replace(c, index=renumber[c.index]) for c in new)], Pictures(
        np.concatenate([pictures.images, grown_pictures.images[ours]]),
        np.concatenate([pictures.owners, np.asarray(owners, dtype=np.int64)]),
        np.concatenate([pictures.styles, grown_pictures.styles[ours]]),
    )


@cache
def _drawable(grown: Path) -> tuple[tuple[Concept, ...], Pictures]:
    """Read once (half a second: the pictures of four styles): the picture check, the scene
    check, the resolver and the daily words all ask."""
    kept: list[Concept] = []
    if available(grown):
        measured = json.loads((grown / ADDED_FILE.name).read_text(encoding="utf-8"))
        wrong = set(measured.get("judged_wrong", {}))
        passed = {n for n, count in measured["passes"].items() if count >= KEEP_PASSES} - wrong
        kept = [c for c in load_concepts(grown) if c.name in passed]
        kept = [c for c in kept if c.group not in LEFT_OUT_GROUPS]
    concepts, pictures = with_shipped(kept, grown)
    return tuple(concepts), pictures


@cache
def styled_pictures(grown: Path = GROWN_DIR) -> Pictures:
    """`drawable_pictures` and, for the shipped concepts, the grown set's pictures of them in
    every style: the references of the picture check once pictures come in four styles."""
    concepts, pictures = _drawable(grown)
    if not available(grown):
        return pictures
    by_name = {c.name: c.index for c in concepts[: len(load_concepts())]}
    grown_concepts = load_concepts(grown)
    grown_pictures = load_pictures(grown)
    shipped_index = np.asarray([by_name.get(c.name, -1) for c in grown_concepts], dtype=np.int64)[
        grown_pictures.owners
    ]
    ours = shipped_index >= 0
    return Pictures(
        np.concatenate([pictures.images, grown_pictures.images[ours]]),
        np.concatenate([pictures.owners, shipped_index[ours]]),
        np.concatenate([pictures.styles, grown_pictures.styles[ours]]),
    )


def drawable_concepts(grown: Path = GROWN_DIR) -> list[Concept]:
    """Everything the starter draws: the shipped concepts, then the added ones."""
    return list(_drawable(grown)[0])


def drawable_pictures(grown: Path = GROWN_DIR) -> Pictures:
    """The reference pictures of `drawable_concepts` (shared: do not change them in place)."""
    return _drawable(grown)[1]


def added_concepts(grown: Path = GROWN_DIR) -> list[Concept]:
    """The kept new concepts, numbered after the shipped ones (none without the grown model)."""
    return drawable_concepts(grown)[len(load_concepts()) :]


def added_names(grown: Path = GROWN_DIR) -> frozenset[str]:
    return frozenset(c.name for c in added_concepts(grown))


def summary(grown: Path = GROWN_DIR) -> str:
    """For `pictolingo doctor`: how many concepts it draws, and from which model."""
    shipped, added = len(load_concepts()), len(added_concepts(grown))
    if not added:
        return f"{shipped} concepts"
    line = f"{shipped + added} concepts: {shipped} shipped, {added} added by the grown model"
    styled = _styled(grown)
    if any(styled.values()):
        line += "; styles " + ", ".join(f"{s} {len(n)}" for s, n in styled.items())
    return line


def load_grown(main: Any, dtype: Any, grown: Path = GROWN_DIR) -> Any:
    """The grown pipeline, sharing the main pipeline's text encoder and tokenizer."""
    from engine.loading import load_starter_from

    pipeline = load_starter_from(grown / "model", dtype, text=(main.text_encoder, main.tokenizer))
    pipeline.set_progress_bar_config(disable=True)
    return pipeline


def style_of(prompt: str) -> str | None:
    """The built-in style a prompt names ("an apple, fluent style" → fluent), if any."""
    for style in (STYLE, *OTHER_STYLES):
        if prompt.endswith(f", {style} style"):
            return style
    return None


def _plain(prompt: str) -> str:
    style = style_of(prompt)
    return prompt[: -len(f", {style} style")] if style else prompt


@cache
def _styled(grown: Path) -> dict[str, frozenset[str]]:
    """Per other style, the drawable concepts the grown model drew truly in it (``styled.json``:
    ``KEEP_PASSES`` of ``SEEDS`` pictures passed the check; a person's ``judged_wrong`` out)."""
    if not (available(grown) and (grown / STYLED_FILE.name).exists()):
        return {}
    measured = json.loads((grown / STYLED_FILE.name).read_text(encoding="utf-8"))
    wrong = measured.get("judged_wrong", {})
    drawable = {c.name for c in _drawable(grown)[0] if c.group not in NOT_RESTYLED_GROUPS}
    return {
        style: frozenset(
            name
            for name, count in measured["passes"].get(style, {}).items()
            if count >= KEEP_PASSES and name in drawable and name not in wrong.get(style, ())
        )
        for style in OTHER_STYLES
    }


def styles_available(grown: Path = GROWN_DIR) -> bool:
    """Can /style offer the four built-in styles (the grown model, measured in each)?"""
    return any(_styled(grown).values())


def styles_for(name: str, grown: Path = GROWN_DIR) -> tuple[str, ...]:
    """The built-in styles a drawable concept is drawn truly in: Noto always, then the others
    measured for it."""
    return (STYLE, *(s for s, names in _styled(grown).items() if name in names))


@dataclass(frozen=True)
class Routes:
    """Which model draws a request: the grown one for the concepts it adds and for a concept
    asked for in another style it was measured to draw truly in; the shipped one for the rest,
    in its own (Noto) look."""

    added: frozenset[str]
    styled: dict[str, frozenset[str]]

    @classmethod
    def load(cls, taught: frozenset[str] = frozenset(), grown: Path = GROWN_DIR) -> Routes:
        """The routes of the shipped data; a word a teacher taught stays with the shipped model."""
        styled = {style: names - taught for style, names in _styled(grown).items()}
        return cls(added_names(grown) - taught, styled)

    def __bool__(self) -> bool:
        return bool(self.added) or any(self.styled.values())

    def own_look(self, request: Any) -> Any:
        """A picture in another style failed the check: its retry is drawn in the starter's
        own look, which passes far more often, rather than the learner getting none."""
        if style_of(request.prompt) in OTHER_STYLES:
            return replace(request, prompt=_plain(request.prompt))
        return request

    def route(self, request: Any) -> tuple[bool, Any]:
        """(drawn by the grown model?, the request with the prompt that model is asked)."""
        style = style_of(request.prompt)
        if style in self.styled and request.subject in self.styled[style]:
            return True, request
        if request.subject in self.added:
            return True, replace(request, prompt=f"{_plain(request.prompt)}, {STYLE} style")
        return False, replace(request, prompt=_plain(request.prompt)) if style else request


def split_by_model(
    requests: list[Any], routes: Routes, call: Callable[[list[Any], bool], Drawn]
) -> Drawn:
    """Draw each request with the model its route names, in at most two calls (`call(part,
    True)` for the grown model); the images and safety flags in the requests' order."""
    routed = [routes.route(r) for r in requests]
    images: dict[int, Any] = {}
    flags: dict[int, Any] = {}
    for is_grown in (False, True):
        indices = [i for i, (grown, _) in enumerate(routed) if grown is is_grown]
        if not indices:
            continue
        drawn, part_flags = call([routed[i][1] for i in indices], is_grown)
        images.update(zip(indices, drawn, strict=True))
        flags.update(zip(indices, part_flags or [None] * len(indices), strict=True))
    order = range(len(requests))
    found = [flags[i] for i in order]
    return [images[i] for i in order], None if all(f is None for f in found) else found
