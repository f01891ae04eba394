"""Development time: which of the grown model's new concepts it draws truly.

`python -m engine.starter.measure_additions` draws each concept the shipped model lacks
``SEEDS`` times and writes how many pictures passed the picture check to ``added.json``
(keeping a person's ``judged_wrong``); ``engine/starter/additions.py`` reads it.
`python -m engine.starter.measure_additions --styles` does the same for every drawable concept
in each of the other three styles and writes ``styled.json``; ``--mend`` for the concepts drawn
truly in no look, drawn with the mend LoRA (``mend.py``), and writes ``mended.json``; ``--icons``
for the icon sets' things drawn with their LoRA (``icons.py``), and writes ``icons.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from engine.starter.additions import (
    ADDED_FILE,
    GROWN_DIR,
    ICONS,
    ICONS_DRAWN_FILE,
    KEEP_PASSES,
    LEFT_OUT_GROUPS,
    MENDED,
    MENDED_FILE,
    NOT_RESTYLED_GROUPS,
    OTHER_STYLES,
    SEEDS,
    STYLE,
    STYLED_FILE,
    _grown_set,
    drawable_concepts,
    fuse_grown_lora,
    styled_pictures,
    with_all_styles,
    with_shipped,
)
from engine.starter.dataset import load_concepts
from engine.starter.mend import candidates


def _count_passes(
    grown: Path,
    check: Any,
    asked: list[tuple[str, str]],
    seeds: int,
    what: str,
    *,
    lora: str = "",
) -> dict[tuple[str, str], int]:
    """Draw each (concept, style) `seeds` times with the grown model (`lora`: with that one of
    `LORAS` fused in, the mend or the icons'); count checked passes."""
    from tqdm import tqdm

    from engine.presets import PRESETS
    from engine.starter import styled
    from engine.starter.catalogue import article
    from engine.starter.evaluate import pipeline_drawer
    from engine.starter.sweep import _pipeline, _use

    pipe = _pipeline(grown / "model")
    if lora:
        fuse_grown_lora(pipe, lora, grown)
    preset = PRESETS["starter"]
    _use(pipe, preset.scheduler)
    draw = pipeline_drawer(pipe, steps=preset.steps, guidance=preset.guidance)
    passes = dict.fromkeys(asked, 0)
    with tqdm(total=len(asked) * seeds, desc=what, unit="picture") as bar:
        for seed in range(seeds):
            for start in range(0, len(asked), 8):
                chunk = asked[start : start + 8]
                prompts = [styled(article(name), style) for name, style in chunk]
                images = draw(prompts, [seed] * len(chunk))
                names = [name for name, _ in chunk]
                for pair, ok in zip(chunk, check.check(images, names), strict=True):
                    passes[pair] += int(ok)
                bar.update(len(chunk))
    return passes


def measure(grown: Path = GROWN_DIR, *, seeds: int = SEEDS, limit: int = 0) -> dict[str, Any]:
    """Draw every new concept (the first `limit`) `seeds` times; count the pictures that pass
    the check."""
    from engine.picture_check import ConceptCheck

    shipped = {c.name for c in load_concepts()}
    new = [c for c in load_concepts(grown) if c.name not in shipped][: limit or None]
    # checked as at run time: against the shipped pictures and the new concepts' pictures
    known, pictures = with_shipped(new, grown)
    check = ConceptCheck(pictures.images, [c.name for c in known], owners=pictures.owners)
    asked = [(c.name, STYLE) for c in new]
    passes = _count_passes(grown, check, asked, seeds, "drawing the new concepts")
    return {"seeds": seeds, "style": STYLE, "passes": {n: k for (n, _), k in passes.items()}}


def measure_styles(
    grown: Path = GROWN_DIR, *, seeds: int = SEEDS, limit: int = 0, candidates: bool = False
) -> dict[str, Any]:
    """Every drawable concept in each other style it has a training picture in, `seeds` times;
    with `candidates`, instead the new concepts not drawn truly in Noto (checked against every
    drawable concept and every candidate)."""
    from engine.picture_check import ConceptCheck

    concepts = drawable_concepts(grown)
    pictures = styled_pictures(grown)
    if candidates:
        drawable = {c.name for c in concepts}
        new = [c for c in load_concepts(grown) if c.name not in drawable]
        new = [c for c in new if c.group not in LEFT_OUT_GROUPS | NOT_RESTYLED_GROUPS]
        concepts, pictures = _beside_drawable(new, grown)
        asking = new
    else:
        asking = [c for c in concepts if c.group not in NOT_RESTYLED_GROUPS]
    check = ConceptCheck(pictures.images, [c.name for c in concepts], owners=pictures.owners)
    trained = {c.name: c.styles for c in load_concepts(grown)}
    asked = [
        (c.name, style)
        for style in OTHER_STYLES
        for c in asking
        if style in trained.get(c.name, ())
    ][: limit or None]
    passes = _count_passes(grown, check, asked, seeds, "drawing the concepts in other styles")
    return {"seeds": seeds, "passes": _by_style(passes, OTHER_STYLES)}


def _by_style(passes: dict[tuple[str, str], int], styles: Any) -> dict[str, dict[str, int]]:
    by_style: dict[str, dict[str, int]] = {style: {} for style in styles}
    for (name, style), count in passes.items():
        by_style[style][name] = count
    return by_style


def _beside_drawable(new: list[Any], grown: Path) -> tuple[list[Any], Any]:
    """The drawable concepts and `new` ones, with every style's pictures of each: the check's
    references when concepts not drawable yet are measured. Both as the grown set numbers
    them (`with_shipped` renumbers from those numbers; a drawable concept's own number is
    already renumbered, and would fetch another concept's pictures)."""
    wanted = {c.name for c in drawable_concepts(grown)} | {c.name for c in new}
    shipped = {c.name for c in load_concepts()}
    added = [c for c in _grown_set(grown)[0] if c.name in wanted and c.name not in shipped]
    concepts, pictures = with_shipped(added, grown)
    return concepts, with_all_styles(concepts, pictures, grown)


def measure_mended(
    grown: Path = GROWN_DIR, *, seeds: int = SEEDS, limit: int = 0, icons: bool = False
) -> dict[str, Any]:
    """The concepts drawn truly in no look, drawn with the mend LoRA in each look they have a
    training picture in (``engine/starter/mend.py`` trained it on exactly these); with `icons`,
    the icon sets' things drawn with their own LoRA."""
    from engine.picture_check import ConceptCheck

    pairs = candidates(grown, icons=icons)[: limit or None]
    concepts, pictures = _beside_drawable([c for c, _ in pairs], grown)
    check = ConceptCheck(pictures.images, [c.name for c in concepts], owners=pictures.owners)
    asked = [(c.name, style) for c, style in pairs]
    lora, what = (ICONS, "drawing the icons") if icons else (MENDED, "drawing with the mend")
    passes = _count_passes(grown, check, asked, seeds, what, lora=lora)
    return {"seeds": seeds, "passes": _by_style(passes, (STYLE, *OTHER_STYLES))}


def _styles_main(target: Path, candidates: bool) -> None:
    result = measure_styles(target, candidates=candidates)
    if (target / STYLED_FILE.name).exists():  # a person's judgements stay
        before = json.loads((target / STYLED_FILE.name).read_text(encoding="utf-8"))
        if candidates:  # measured beside the drawable ones
            for style, passes in before["passes"].items():
                result["passes"][style] = passes | result["passes"][style]
        result |= {k: v for k, v in before.items() if k.startswith("judged")}
    (target / STYLED_FILE.name).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    for style, passes in result["passes"].items():
        kept = sum(count >= KEEP_PASSES for count in passes.values())
        print(f"{style}: {kept} of {len(passes)} concepts kept")


def _mended_main(target: Path, icons: bool = False) -> None:
    result = measure_mended(target, icons=icons)
    _keep_judgements(result, target / (ICONS_DRAWN_FILE if icons else MENDED_FILE).name)
    kept = _mended_names(result)
    asked = {c.name for c, _ in candidates(target, icons=icons)}
    print(f"{'icons' if icons else 'mended'}: {len(kept)} of {len(asked)} concepts kept")


def _keep_judgements(result: dict[str, Any], path: Path) -> None:
    if path.exists():  # a person's judgements stay
        before = json.loads(path.read_text(encoding="utf-8"))
        result |= {k: v for k, v in before.items() if k.startswith("judged")}
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1))


def _mended_names(result: dict[str, Any]) -> set[str]:
    return {n for p in result["passes"].values() for n, k in p.items() if k >= KEEP_PASSES}


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(arguments[0]) if arguments else GROWN_DIR
    if "--mend" in sys.argv or "--icons" in sys.argv:
        _mended_main(target, icons="--icons" in sys.argv)
        sys.exit(0)
    if "--styles" in sys.argv:
        _styles_main(target, candidates="--candidates" in sys.argv)
        sys.exit(0)
    result = measure(target)
    if (target / ADDED_FILE.name).exists():  # a person's judgements stay
        before = json.loads((target / ADDED_FILE.name).read_text(encoding="utf-8"))
        result |= {k: v for k, v in before.items() if k.startswith("judged")}
    (target / ADDED_FILE.name).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    kept = sum(count >= KEEP_PASSES for count in result["passes"].values())
    print(f"{kept} of {len(result['passes'])} new concepts kept -> {target}")
