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


def test_a_mend_trained_on_every_kind_of_layer_loads_whole(tmp_path: Path) -> None:
    """Attention, feed-forward and convolution LoRA weights are saved in one format, so all of
    them load (diffusers skips keys of a second format, with only a warning)."""
    import torch

    from engine.loading import load_starter_from
    from engine.lora_training import LoraRecipe, train_lora

    data = mend.write_examples(tmp_path / "pictures")[:4]
    pipeline = load_starter_from(mend.GROWN_DIR / "model", torch.float32)
    recipe = LoraRecipe(steps=2, rank=2, batch=2, checkpoint_every=0, targets=mend.TARGETS)
    out = tmp_path / mend.MEND_NAME
    train_lora(pipeline, data, recipe, out, show_progress=False, previews=False)
    fresh = load_starter_from(mend.GROWN_DIR / "model", torch.float32)
    fresh.load_lora_weights(str(tmp_path), weight_name=out.name, adapter_name="mend")
    layers = {name for name, _ in fresh.unet.named_parameters() if "lora_A" in name}
    assert any(".attn2.to_k." in name for name in layers)
    assert any(".conv1." in name for name in layers)
