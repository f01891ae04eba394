"""Development time: which of the grown model's new concepts it draws truly.

`python -m engine.starter.measure_additions` draws each concept the shipped model lacks
``SEEDS`` times and writes how many pictures passed the picture check to ``added.json``
(keeping a person's ``judged_wrong``); ``engine/starter/additions.py`` reads it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from engine.starter.additions import (
    ADDED_FILE,
    GROWN_DIR,
    KEEP_PASSES,
    SEEDS,
    STYLE,
    grown_prompt,
    with_shipped,
)
from engine.starter.dataset import load_concepts


def measure(grown: Path = GROWN_DIR, *, seeds: int = SEEDS, limit: int = 0) -> dict[str, Any]:
    """Draw every new concept (the first `limit`) `seeds` times; count the pictures that pass
    the check."""
    from tqdm import tqdm

    from engine.picture_check import ConceptCheck
    from engine.presets import PRESETS
    from engine.starter.catalogue import article
    from engine.starter.evaluate import pipeline_drawer
    from engine.starter.sweep import _pipeline, _use

    shipped = {c.name for c in load_concepts()}
    new = [c for c in load_concepts(grown) if c.name not in shipped][: limit or None]
    # checked as at run time: against the shipped pictures and the new concepts' pictures
    known, pictures = with_shipped(new, grown)
    check = ConceptCheck(pictures.images, [c.name for c in known], owners=pictures.owners)
    pipe = _pipeline(grown / "model")
    preset = PRESETS["starter"]
    _use(pipe, preset.scheduler)
    draw = pipeline_drawer(pipe, steps=preset.steps, guidance=preset.guidance)
    passes = {c.name: 0 for c in new}
    with tqdm(total=len(new) * seeds, desc="drawing the new concepts", unit="picture") as bar:
        for seed in range(seeds):
            for start in range(0, len(new), 8):
                chunk = new[start : start + 8]
                images = draw([grown_prompt(article(c.name)) for c in chunk], [seed] * len(chunk))
                for c, ok in zip(chunk, check.check(images, [c.name for c in chunk]), strict=True):
                    passes[c.name] += int(ok)
                bar.update(len(chunk))
    return {"seeds": seeds, "style": STYLE, "passes": passes}


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else GROWN_DIR
    result = measure(target)
    if (target / ADDED_FILE.name).exists():  # a person's judgements stay
        before = json.loads((target / ADDED_FILE.name).read_text(encoding="utf-8"))
        result |= {k: v for k, v in before.items() if k.startswith("judged")}
    (target / ADDED_FILE.name).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    kept = sum(count >= KEEP_PASSES for count in result["passes"].values())
    print(f"{kept} of {len(result['passes'])} new concepts kept -> {target}")
