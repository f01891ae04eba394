"""The concepts the grown starter adds to the shipped 814, and the looks it draws them in.

The grown model (``data/grown/model``, 1,505 concepts in four styles) draws the shipped
concepts less truly than the shipped model does, but it draws many concepts the shipped model
has never seen, and it knows four art styles. So the shipped model keeps drawing what it knows
in its own (Noto) look, and the grown one draws the concepts it *adds*, and any concept in
another style, only where it drew that concept truly in that look when measured: each was drawn
four times (seeds 0–3) and kept in a look when at least ``KEEP_PASSES`` of the four passed the
picture check (``python -m engine.starter.measure_additions`` writes ``added.json`` for Noto,
``--styles`` writes ``styled.json`` for the others; development time only), and a person looking
at more pictures of each (unseen seeds) did not judge it wrong (``judged_wrong``). Every picture
is still checked before it is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from engine.starter import styled
from engine.starter.dataset import DATA_DIR, Concept, Pictures, load_concepts, load_pictures

Drawn = tuple[list[Any], list[Any] | None]  # images, safety flags (None: no checker ran)
GROWN_DIR = DATA_DIR / "grown"
ADDED_FILE = GROWN_DIR / "added.json"
STYLED_FILE = GROWN_DIR / "styled.json"  # which concepts draw truly in which other style
MEND_FILE = GROWN_DIR / "mend.safetensors"  # a LoRA for concepts drawn truly in no look
MENDED_FILE = GROWN_DIR / "mended.json"  # which of those it mends, in which look
ICONS_DIR_NAME = "icons"  # everyday things no emoji shows, from open icon sets (icons.py)
ICONS_FILE = GROWN_DIR / "icons.safetensors"  # a LoRA that teaches the grown model those
ICONS_DRAWN_FILE = GROWN_DIR / "icons.json"  # which of those it draws truly
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


@cache
def _grown_set(grown: Path) -> tuple[tuple[Concept, ...], Pictures]:
    """The grown training set, read once (its pictures of four styles are 17 MB), and after it
    the icons (``icons.py``), numbered on; shared, so never changed in place."""
    concepts, pictures = load_concepts(grown), load_pictures(grown)
    if not (grown / ICONS_DIR_NAME / "concepts.json").exists():
        return tuple(concepts), pictures
    icons, drawn = load_concepts(grown / ICONS_DIR_NAME), load_pictures(grown / ICONS_DIR_NAME)
    after = len(concepts)
    return tuple(concepts) + tuple(replace(c, index=c.index + after) for c in icons), Pictures(
        np.concatenate([pictures.images, drawn.images]),
        np.concatenate([pictures.owners, drawn.owners + after]),
        np.concatenate([pictures.styles, drawn.styles]),
    )


def icon_names(grown: Path = GROWN_DIR) -> frozenset[str]:
    """The concepts drawn from the icon sets (not emoji)."""
    path = grown / ICONS_DIR_NAME
    if not (path / "concepts.json").exists():
        return frozenset()
    return frozenset(c.name for c in load_concepts(path))


def with_shipped(new: Sequence[Concept], grown: Path = GROWN_DIR) -> tuple[list[Concept], Pictures]:
    """The shipped concepts and their pictures, then `new` (concepts of the grown set) numbered
    after them, with every style's picture of each."""
    concepts, pictures = load_concepts(), load_pictures()
    if not new:
        return concepts, pictures
    renumber = {c.index: len(concepts) + i for i, c in enumerate(new)}
    grown_pictures = _grown_set(grown)[1]
    ours = np.isin(grown_pictures.owners, list(renumber))
    owners = [renumber[int(owner)] for owner in grown_pictures.owners[ours]]
    return [*concepts, *(replace(c, index=renumber[c.index]) for c in new)], Pictures(
        np.concatenate([pictures.images, grown_pictures.images[ours]]),
        np.concatenate([pictures.owners, np.asarray(owners, dtype=np.int64)]),
        np.concatenate([pictures.styles, grown_pictures.styles[ours]]),
    )


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@cache
def _looks(grown: Path) -> dict[str, tuple[str, ...]]:
    """Each concept of the grown set drawn truly in some look → those looks, Noto first
    (every shipped concept is drawn in Noto by the shipped model): by the grown model, else
    by the grown model mended, or taught an icon set's thing."""
    return _iconed(grown) | _mended(grown) | _own_looks(grown)


@cache
def _own_looks(grown: Path) -> dict[str, tuple[str, ...]]:
    """The looks the grown model itself draws each concept truly in."""
    if not available(grown):
        return {}
    noto, styled = _read(grown / ADDED_FILE.name), _read(grown / STYLED_FILE.name)
    noto_wrong = set(noto.get("judged_wrong", {}))
    wrong = styled.get("judged_wrong", {})
    shipped = {c.name for c in load_concepts()}
    looks: dict[str, tuple[str, ...]] = {}
    for concept in _grown_set(grown)[0]:
        name = concept.name
        if concept.group in LEFT_OUT_GROUPS:
            continue
        mine = []
        if name in shipped or (
            noto["passes"].get(name, 0) >= KEEP_PASSES and name not in noto_wrong
        ):
            mine.append(STYLE)
        if concept.group not in NOT_RESTYLED_GROUPS:
            mine += [
                style
                for style in OTHER_STYLES
                if styled.get("passes", {}).get(style, {}).get(name, 0) >= KEEP_PASSES
                and name not in wrong.get(style, ())
            ]
        if mine:
            looks[name] = tuple(mine)
    return looks


@cache
def _mended(grown: Path) -> dict[str, tuple[str, ...]]:
    """The concepts the grown model draws truly in no look but draws truly with the mend LoRA
    (``engine/starter/mend.py``), in the looks measured true with it."""
    return _measured_looks(grown, MEND_FILE.name, MENDED_FILE.name)


@cache
def _iconed(grown: Path) -> dict[str, tuple[str, ...]]:
    """The icon sets' things (``icons.py``) the grown model draws truly with their LoRA."""
    return _measured_looks(grown, ICONS_FILE.name, ICONS_DRAWN_FILE.name)


def _measured_looks(grown: Path, lora: str, measured_name: str) -> dict[str, tuple[str, ...]]:
    """Concept → the looks a LoRA on the grown model was measured to draw it truly in (a
    person's ``judged_wrong`` aside)."""
    if not (grown / lora).exists():
        return {}
    measured = _read(grown / measured_name)
    wrong = measured.get("judged_wrong", {})
    found: dict[str, list[str]] = {}
    for style in (STYLE, *OTHER_STYLES):
        for name, count in measured.get("passes", {}).get(style, {}).items():
            if count >= KEEP_PASSES and name not in wrong.get(style, ()):
                found.setdefault(name, []).append(style)
    return {name: tuple(mine) for name, mine in found.items()}


@cache
def _drawable(grown: Path) -> tuple[tuple[Concept, ...], Pictures]:
    """Read once (half a second: the pictures of four styles): the picture check, the scene
    check, the resolver and the daily words all ask."""
    shipped = {c.name for c in load_concepts()}
    looks = _looks(grown)
    kept = [c for c in _grown_set(grown)[0] if c.name in looks and c.name not in shipped]
    concepts, pictures = with_shipped(kept, grown)
    return tuple(concepts), pictures


def with_all_styles(concepts: Sequence[Concept], pictures: Pictures, grown: Path) -> Pictures:
    """`pictures` and, for the shipped concepts among `concepts`, the grown set's pictures of
    them in every style."""
    by_name = {c.name: c.index for c in concepts[: len(load_concepts())]}
    grown_concepts, grown_pictures = _grown_set(grown)
    shipped_index = np.asarray([by_name.get(c.name, -1) for c in grown_concepts], dtype=np.int64)[
        grown_pictures.owners
    ]
    ours = shipped_index >= 0
    return Pictures(
        np.concatenate([pictures.images, grown_pictures.images[ours]]),
        np.concatenate([pictures.owners, shipped_index[ours]]),
        np.concatenate([pictures.styles, grown_pictures.styles[ours]]),
    )


@cache
def styled_pictures(grown: Path = GROWN_DIR) -> Pictures:
    """`drawable_pictures` with every style's picture of the shipped concepts too: the
    references of the picture check once pictures come in four styles."""
    concepts, pictures = _drawable(grown)
    return with_all_styles(concepts, pictures, grown) if available(grown) else pictures


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
    by_lora = [f"{n} of them with its mend LoRA" for n in [len(_mended(grown))] if n]
    by_lora += [f"{n} from icon sets" for n in [len(_iconed(grown))] if n]
    if by_lora:
        line += f" ({', '.join(by_lora)})"
    counts = {s: sum(s in looks for looks in _looks(grown).values()) for s in OTHER_STYLES}
    if any(counts.values()):
        line += "; styles " + ", ".join(f"{s} {n}" for s, n in counts.items())
    return line


def load_grown(main: Any, dtype: Any, grown: Path = GROWN_DIR) -> dict[str, Any]:
    """The grown pipeline, and one per LoRA that draws some concept truly (its own UNet with
    the LoRA fused in: the mend, the icons); all share the main pipeline's text encoder."""
    from engine.loading import load_starter_from

    models = [GROWN] + [MENDED] * bool(_mended(grown)) + [ICONS] * bool(_iconed(grown))
    pipelines = {}
    for model in models:
        pipeline = load_starter_from(
            grown / "model", dtype, text=(main.text_encoder, main.tokenizer)
        )
        pipeline.set_progress_bar_config(disable=True)
        if model in LORAS:
            fuse_grown_lora(pipeline, model, grown)
        pipelines[model] = pipeline
    return pipelines


def fuse_grown_lora(pipeline: Any, model: str, grown: Path = GROWN_DIR) -> None:
    """A LoRA on the grown model fused into the pipeline's UNet (drawn with it always): the
    mend, or the icons'."""
    from engine.styles import fuse_lora

    fuse_lora(pipeline, grown / LORAS[model], model)


def style_of(prompt: str) -> str | None:
    """The built-in style a prompt names ("an apple, fluent style" → fluent), if any."""
    for style in (STYLE, *OTHER_STYLES):
        if prompt.endswith(f", {style} style"):
            return style
    return None


def _plain(prompt: str) -> str:
    style = style_of(prompt)
    return prompt[: -len(f", {style} style")] if style else prompt


def styles_available(grown: Path = GROWN_DIR) -> bool:
    """Can /style offer the four built-in styles (the grown model, measured in each)?"""
    return any(set(looks) - {STYLE} for looks in _looks(grown).values())


def styles_for(name: str, grown: Path = GROWN_DIR) -> tuple[str, ...]:
    """The built-in looks a concept is drawn truly in, its first look first (Noto for every
    shipped concept and for most added ones)."""
    return _looks(grown).get(name, (STYLE,))


@dataclass(frozen=True)
class Routes:
    """Which model draws a request: the grown one for the concepts it adds (in the look asked
    for if it draws them truly in it, else in their first look) and for a shipped concept asked
    for in another look it draws truly; the shipped one for the rest, in its own (Noto) look."""

    added: frozenset[str]
    looks: dict[str, tuple[str, ...]]
    mended: frozenset[str] = frozenset()  # drawn by the grown model with the mend LoRA
    iconed: frozenset[str] = frozenset()  # drawn by the grown model with the icons' LoRA

    @classmethod
    def load(cls, grown: Path = GROWN_DIR) -> Routes:
        return cls(
            added_names(grown), _looks(grown), frozenset(_mended(grown)), frozenset(_iconed(grown))
        )

    def without(self, taught: set[str]) -> Routes:
        """A word a teacher taught stays with the shipped model (its own token draws it)."""
        looks = {name: mine for name, mine in self.looks.items() if name not in taught}
        return Routes(self.added - taught, looks, self.mended - taught, self.iconed - taught)

    def __bool__(self) -> bool:
        return bool(self.added) or any(set(mine) - {STYLE} for mine in self.looks.values())

    def own_look(self, request: Any) -> Any:
        """A picture in another style failed the check: its retry is drawn in the concept's
        first look (the starter's own, for most), which passes far more often, rather than
        the learner getting none."""
        if style_of(request.prompt) in OTHER_STYLES:
            return replace(request, prompt=_plain(request.prompt))
        return request

    def next_look(self, request: Any) -> Any | None:
        """Failed in its first look too: the concept's next look it draws truly in (a girl
        the Noto look missed, in Twemoji's), or None when it has no other."""
        looks = self.looks.get(request.subject, ())[1:]
        return replace(request, prompt=styled(_plain(request.prompt), looks[0])) if looks else None

    def retries(self) -> list[Callable[[Any], Any]]:
        """After a failed check, a new seed: in the concept's first look, then in its next."""
        return [lambda r: self.own_look(r.retried()), lambda r: self.next_look(r.retried())]

    def route(self, request: Any) -> tuple[str, Any]:
        """(the model that draws it: one of `MODELS`, the request with the prompt that model
        is asked)."""
        style = style_of(request.prompt)
        looks = self.looks.get(request.subject, ())
        if request.subject in self.added:
            look = style if style in looks else looks[0]
            model = GROWN
            if request.subject in self.iconed:
                model = ICONS
            elif request.subject in self.mended:
                model = MENDED
            return model, replace(request, prompt=styled(_plain(request.prompt), look))
        if style in OTHER_STYLES and style in looks:
            return GROWN, request
        return SHIPPED, replace(request, prompt=_plain(request.prompt)) if style else request


SHIPPED, GROWN, MENDED, ICONS = MODELS = ("shipped", "grown", "mended", "icons")
LORAS = {MENDED: MEND_FILE.name, ICONS: ICONS_FILE.name}  # the grown model with a LoRA fused


def split_by_model(
    requests: list[Any], routes: Routes, call: Callable[[list[Any], str], Drawn]
) -> Drawn:
    """Draw each request with the model its route names, one call per model (`call(part,
    model)`); the images and safety flags in the requests' order."""
    routed = [routes.route(r) for r in requests]
    images: dict[int, Any] = {}
    flags: dict[int, Any] = {}
    for model in MODELS:
        indices = [i for i, (mine, _) in enumerate(routed) if mine == model]
        if not indices:
            continue
        drawn, part_flags = call([routed[i][1] for i in indices], model)
        images.update(zip(indices, drawn, strict=True))
        flags.update(zip(indices, part_flags or [None] * len(indices), strict=True))
    order = range(len(requests))
    found = [flags[i] for i in order]
    return [images[i] for i in order], None if all(f is None for f in found) else found
