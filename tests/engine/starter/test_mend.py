"""The mend LoRA's training set: the concepts the grown model draws truly in no look."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from engine.starter import mend
from engine.starter.additions import (
    LEFT_OUT_GROUPS,
    NOT_RESTYLED_GROUPS,
    _grown_set,
    _own_looks,
    available,
)
from engine.starter.artwork import STYLES


def test_only_concepts_drawn_truly_in_no_look_are_mended_in_each_look_they_have() -> None:
    assert available()
    pairs = mend.candidates()
    own = _own_looks(mend.GROWN_DIR)
    names = {c.name for c, _ in pairs}
    assert len(names) > 150
    assert not names & set(own)  # what the grown model draws truly stays as it is
    assert not {c.group for c, _ in pairs} & LEFT_OUT_GROUPS  # signs stay out
    for concept, style in pairs:
        assert style in concept.styles
        if concept.group in NOT_RESTYLED_GROUPS:
            assert style == "noto"
    assert {"robot", "watch", "armchair"} <= names


def test_each_picture_is_captioned_as_the_engine_asks_for_it(tmp_path: Path) -> None:
    examples = mend.write_examples(tmp_path / "pictures")
    assert len(examples) == len(mend.candidates())
    captions = {caption for _, caption in examples}
    assert "a robot, twemoji style" in captions and "an armchair, openmoji style" in captions
    concepts, pictures = _grown_set(mend.GROWN_DIR)
    robot = next(c for c in concepts if c.name == "robot")
    path = next(p for p, caption in examples if caption == "a robot, twemoji style")
    mine = (pictures.owners == robot.index) & (pictures.styles == STYLES.index("twemoji"))
    with Image.open(path) as image:
        assert np.array_equal(np.asarray(image.convert("RGB")), pictures.images[mine][0])
