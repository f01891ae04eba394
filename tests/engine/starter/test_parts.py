"""Parts drawn as picture dictionaries draw them: the whole (a face, a cat), the part ringed."""

from __future__ import annotations

import json
import random

import numpy as np

from engine.groups import ringed, ringed_line
from engine.picture_check import red
from engine.starter import icons, parts
from engine.starter.additions import GROWN_DIR

# the same made-up whole for every part: a yellow 16 × 16 square
WHOLE: dict[str, object] = {
    "prefix": "test",
    "width": 16,
    "height": 16,
    "icons": {"face": {"body": '<rect x="0" y="0" width="16" height="16" fill="#ffcc00"/>'}},
}
FACE = icons.svg_of(WHOLE, "face")


def test_the_part_is_ringed_where_it_is_and_the_whole_is_kept() -> None:
    left = parts.picture(parts.Part("cheek", "face", (64, 128, 30)), FACE)
    right = parts.picture(parts.Part("cheek", "face", (192, 128, 30)), FACE)
    assert left.shape == (64, 64, 3)
    columns = np.nonzero(red(left).any(axis=0))[0]
    assert columns.min() >= 8 and columns.max() <= 26  # a ring on the left quarter only
    assert red(left)[:, 16].any() and not red(left)[32, 16]  # a ring: its middle is not red
    assert tuple(left[32, 16]) == (255, 204, 0)  # the face shows through the ring
    assert red(right)[:, 48].any() and not red(right)[:, 16].any()


def test_a_crop_keeps_only_part_of_the_whole() -> None:
    whole = parts.picture(parts.Part("neck", "face", (128, 40, 10)), FACE)
    upper = parts.picture(parts.Part("neck", "face", (128, 40, 10), (64, 0, 192, 128)), FACE)
    # the quarter kept is framed again, twice as large: so is its ring
    assert red(upper).sum() > 2 * red(whole).sum()


def test_every_committed_part_has_its_ring_and_differs_from_the_others_on_its_whole() -> None:
    committed = json.loads((GROWN_DIR / "icons" / "concepts.json").read_text(encoding="utf-8"))
    pictures = np.load(GROWN_DIR / "icons" / "emoji64.npz")["images"]
    at = {c["name"]: c["index"] for c in committed}
    for part in parts.PARTS:
        picture = pictures[at[part.name]]
        assert red(picture).sum() >= 40, part.name  # a ring a child sees at 64 px
        for other in parts.PARTS:
            if other.base == part.base and other.name != part.name:
                moved = (red(picture) != red(pictures[at[other.name]])).sum()
                assert moved >= 40, (part.name, other.name)  # the ring moved, not a pixel
    body = {c.name: c for c in icons.concepts()}
    assert body["belly"].group == "body-parts" and "a picture of a belly" in body["belly"].captions
    assert {"neck", "thumb", "chin"} <= ringed()


def test_the_line_under_a_part_says_what_the_circle_shows() -> None:
    assert ringed_line("neck", plural=False) == "The red circle shows the neck."
    assert ringed_line("toes", plural=True) == "The red circle shows one of the toes."


def test_a_quiz_offers_other_parts_never_one_the_same_circle_may_hold() -> None:
    """Beside the elbow: other parts of the body (not the arm it is on); beside the thumb, never
    its nail; beside a cat's tail, the other animals' parts; a petal's few kin, then others."""
    kind = {p.name: p.group for p in parts.PARTS}
    for seed in range(20):
        elbow = parts.wrong_answers("elbow", random.Random(seed))
        assert len(set(elbow)) == 3 and "elbow" not in elbow
        assert {kind[w] for w in elbow} == {"body-parts"}
        thumb = parts.wrong_answers("thumb", random.Random(seed))
        assert not {"nail", "finger", "palm"} & set(thumb)
        assert set(parts.wrong_answers("tail", random.Random(seed))) == {"paw", "hoof", "whisker"}
        petal = parts.wrong_answers("petal", random.Random(seed))
        assert petal[0] == "trunk" and len(set(petal)) == 3 and "petal" not in petal
