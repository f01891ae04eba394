"""The measurement behind the grown model's additions, on a few concepts."""

from __future__ import annotations

import json

from engine.starter import measure_additions
from engine.starter.additions import ADDED_FILE, KEEP_PASSES, added_names


def test_the_first_new_concepts_are_drawn_and_counted_as_the_committed_file_says() -> None:
    measured = measure_additions.measure(seeds=1, limit=8)
    assert measured["seeds"] == 1 and measured["style"] == "noto"
    assert len(measured["passes"]) == 8 and set(measured["passes"].values()) <= {0, 1}
    # seed 0 was one of the four seeds the committed counts came from: a kept concept's
    # seed-0 picture is one of the passes it was kept for, in at least most cases
    committed = json.loads(ADDED_FILE.read_text(encoding="utf-8"))["passes"]
    kept = [name for name in measured["passes"] if committed[name] >= KEEP_PASSES]
    assert kept and sum(measured["passes"][name] for name in kept) >= len(kept) - 1
    assert set(kept) - added_names() <= set(json.loads(ADDED_FILE.read_text())["judged_wrong"])


def test_every_reference_beside_the_drawable_ones_is_a_picture_of_its_own_concept() -> None:
    """The check's references when new concepts are measured: each concept with its own
    training pictures, the drawable ones (an icon already drawn) as much as the new."""
    import numpy as np

    from engine.starter import icons
    from engine.starter.additions import GROWN_DIR, _grown_set, drawable_concepts

    grown_concepts = _grown_set(GROWN_DIR)[0]
    drawable = {c.name for c in drawable_concepts()}
    new = [c for c in grown_concepts if c.name in {"table", "grass"}]
    concepts, pictures = measure_additions._beside_drawable(new, GROWN_DIR)
    by_name = {c.name: c.index for c in concepts}
    icon_pictures = np.load(GROWN_DIR / "icons" / "emoji64.npz")["images"]
    for position, icon in enumerate(icons.ICONS):
        if icon.name in drawable or icon.name in {"table", "grass"}:
            mine = pictures.images[pictures.owners == by_name[icon.name]]
            assert len(mine) == 1 and (mine[0] == icon_pictures[position]).all(), icon.name
