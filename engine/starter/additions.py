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
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from engine.starter.dataset import DATA_DIR, Concept, Pictures, load_concepts, load_pictures

Drawn = tuple[list[Any], list[Any] | None]  # images, safety flags (None: no checker ran)
GROWN_DIR = DATA_DIR / "grown"
ADDED_FILE = GROWN_DIR / "added.json"
STYLE = "noto"  # the shipped model's own look, so both models' pictures match
SEEDS = 4
KEEP_PASSES = 3
# signs, not things; and "plus" came out as a hooked cross that still passed the check
LEFT_OUT_GROUPS = frozenset({"math", "keycap"})


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
    return f"{shipped + added} concepts: {shipped} shipped, {added} added by the grown model"


def load_grown(main: Any, dtype: Any, grown: Path = GROWN_DIR) -> Any:
    """The grown pipeline, sharing the main pipeline's text encoder and tokenizer."""
    from engine.loading import load_starter_from

    pipeline = load_starter_from(grown / "model", dtype, text=(main.text_encoder, main.tokenizer))
    pipeline.set_progress_bar_config(disable=True)
    return pipeline


def split_by_model(
    requests: list[Any], added: frozenset[str], call: Callable[[list[Any], bool], Drawn]
) -> Drawn:
    """Draw the added concepts with the grown model (`call(part, True)`), the rest with the
    shipped one, in at most two calls; the images and safety flags in the requests' order."""
    grown = [i for i, r in enumerate(requests) if r.subject in added]
    shipped = [i for i, r in enumerate(requests) if r.subject not in added]
    images: dict[int, Any] = {}
    flags: dict[int, Any] = {}
    for indices, is_grown in ((shipped, False), (grown, True)):
        if not indices:
            continue
        part = [requests[i] for i in indices]
        if is_grown:
            part = [replace(r, prompt=grown_prompt(r.prompt)) for r in part]
        drawn, part_flags = call(part, is_grown)
        images.update(zip(indices, drawn, strict=True))
        flags.update(zip(indices, part_flags or [None] * len(indices), strict=True))
    order = range(len(requests))
    found = [flags[i] for i in order]
    return [images[i] for i in order], None if all(f is None for f in found) else found


def grown_prompt(prompt: str) -> str:
    """The grown model draws in the shipped model's style unless a style is named."""
    return prompt if prompt.endswith(" style") else f"{prompt}, {STYLE} style"
