"""train-lora on the tiny pipeline: the loss falls, the file loads as a style, outputs change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from engine.lora_training import LoraDataError, LoraRecipe, examples, train_lora
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.styles import StyleError
from engine.tiny import build_tiny_pipeline


def drawings(folder: Path) -> Path:
    folder.mkdir()
    for name, colour in (("red_ball", (220, 30, 30)), ("blue_sky", (30, 60, 220))):
        Image.new("RGB", (64, 64), colour).save(folder / f"{name}.png")
    (folder / "blue_sky.txt").write_text("a clear blue sky", encoding="utf-8")
    (folder / "notes.md").write_text("not a picture", encoding="utf-8")
    return folder


def request(adapters: tuple[tuple[str, float], ...] = ()) -> GenerationRequest:
    return GenerationRequest(
        model="tiny", prompt="a red ball", negative_prompt="", width=32, height=32, steps=2,
        guidance=1.0, seed=7, scheduler="euler", adapters=adapters,
    )  # fmt: skip


def test_captions_come_from_text_files_or_names(tmp_path: Path) -> None:
    found = examples(drawings(tmp_path / "class"))
    assert [c for _, c in found] == ["a clear blue sky", "red ball"]
    with pytest.raises(LoraDataError, match=r"no \.png"):
        examples(tmp_path / "class" / "..")  # a folder with no pictures in it
    with pytest.raises(LoraDataError, match="is not a folder"):
        examples(tmp_path / "missing")


@pytest.mark.slow
def test_a_trained_lora_becomes_a_style_that_switches_without_reloading(tmp_path: Path) -> None:
    data = examples(drawings(tmp_path / "class"))
    out = tmp_path / "class-style.safetensors"
    result = train_lora(
        build_tiny_pipeline(),
        data,
        LoraRecipe(steps=60, rank=4, learning_rate=3e-3, batch=2, checkpoint_every=30),
        out,
        show_progress=False,
    )
    assert result.falling(), result.losses
    assert out.exists() and (tmp_path / "class-style.checkpoints" / "step-30.safetensors").exists()
    assert result.plot and result.plot.exists() and result.grid and result.grid.exists()

    engine = PictureEngine(EngineOptions(model="tiny", loras=(("class", str(out)),)))
    engine.load()
    plain = engine.draw([request()])[0].png
    styled = engine.draw([request((("class", 1.0),))])[0].png
    assert styled != plain
    assert engine.draw([request((("class", 1.0),))])[0].png == styled  # deterministic
    assert engine.draw([request()])[0].png == plain  # switching back leaves the base untouched


def test_a_missing_or_wrong_lora_is_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match=r"styles\.comic\.lora: .* does not exist"):
        PictureEngine(EngineOptions(model="tiny", loras=(("comic", str(tmp_path / "x")),))).load()
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"not a lora")
    with pytest.raises(StyleError, match=r"styles\.comic\.lora: .* is not a LoRA"):
        PictureEngine(EngineOptions(model="tiny", loras=(("comic", str(junk)),))).load()
