"""A teacher teaches the starter a word it could not draw, and from then on it draws it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from engine.teaching import (
    TeachingError,
    TeachRecipe,
    clean_word,
    learn_token,
    picture_files,
    token_for,
)
from engine.tiny import build_tiny_pipeline
from tests.bot.test_cli import pictolingo

STARTER = {"PICTOLINGO_ENGINE__MODEL": "starter"}


def windmill(index: int) -> Image.Image:
    """A teacher's drawing: a brown tower with four white sails, on green grass (the starter
    draws a lighthouse since the icons came, so the word taught here is one it cannot draw)."""
    picture = Image.new("RGB", (128, 128), (200, 230, 255))
    pen = ImageDraw.Draw(picture)
    shift, turn = (index % 3 - 1) * 6, (index % 2) * 8
    hub = (64 + shift, 46)
    pen.rectangle((0, 108, 127, 127), fill=(60, 160, 60))
    pen.polygon(
        [(44 + shift, 108), (84 + shift, 108), (74 + shift, 46), (54 + shift, 46)],
        fill=(140, 80, 30),
    )
    for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1)):
        end = (hub[0] + dx * 40 - dy * turn, hub[1] + dy * 40 + dx * turn)
        pen.line((hub, end), fill="white", width=10)
    pen.ellipse((hub[0] - 5, hub[1] - 5, hub[0] + 5, hub[1] + 5), fill="black")
    return picture


def test_words_and_picture_folders_are_checked_first(tmp_path: Path) -> None:
    assert clean_word("  Fire   Drill ") == "fire drill"
    assert token_for("tuk-tuk") == "<tuk-tuk>"
    with pytest.raises(TeachingError, match="not a word to teach"):
        clean_word("<script>")
    for index in range(3):
        windmill(index).save(tmp_path / f"{index}.png")
    with pytest.raises(TeachingError, match="has 3 pictures; teaching a word takes 5 to 20"):
        picture_files(tmp_path)


def test_teaching_a_word_changes_no_other_word() -> None:
    import torch

    pipeline = build_tiny_pipeline()
    before = pipeline.text_encoder.get_input_embeddings().weight.detach().clone()
    latents = torch.randn(5, 4, 8, 8, generator=torch.Generator().manual_seed(0))
    losses = learn_token(pipeline, "<zebu>", latents, TeachRecipe(steps=4), show_progress=False)
    after = pipeline.text_encoder.get_input_embeddings().weight
    new = pipeline.tokenizer.convert_tokens_to_ids("<zebu>")
    assert len(losses) == 4
    assert torch.equal(after[: len(before)], before), "every other word's embedding is as it was"
    start = before[pipeline.tokenizer("thing", add_special_tokens=False).input_ids].mean(0)
    assert not torch.allclose(after[new], start), "the new word's embedding learned"
    with pytest.raises(TeachingError, match="already a word of this model"):
        learn_token(pipeline, "<zebu>", latents, TeachRecipe(steps=1), show_progress=False)


@pytest.mark.slow
def test_a_taught_word_is_drawn_and_passes_the_picture_check(tmp_path: Path) -> None:
    started = time.perf_counter()
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    for index in range(6):
        windmill(index).save(pictures / f"windmill-{index}.png")
    taught = pictolingo(
        "teach-word",
        "windmill",
        "--pictures",
        "pictures",
        "--lora",
        "--kind",
        "building",
        "--steps",
        "60",
        "--lora-steps",
        "150",
        cwd=tmp_path,
        env=STARTER,
    )
    assert taught.returncode == 0, taught.stderr[-2000:]
    assert "taught windmill as <windmill>" in taught.stdout
    folder = tmp_path / "taught-words" / "windmill"
    meta = json.loads((folder / "word.json").read_text())
    first, last = (float(x) for x in meta["loss"].split(" → "))
    assert last < first, "the loss fell"
    assert (folder / "loss.png").exists() and (folder / "samples.png").exists()
    card = (tmp_path / "taught-words" / "MODEL_CARD.md").read_text()
    assert "| windmill | `<windmill>` | pivotal tuning" in card

    chat = pictolingo("chat", cwd=tmp_path, stdin="/word windmill\n", env=STARTER)
    assert chat.returncode == 0, chat.stderr[-2000:]
    assert "can't draw" not in chat.stdout, chat.stdout
    drawn = [
        line.split("picture: ", 1)[1] for line in chat.stdout.splitlines() if "picture: " in line
    ]
    assert drawn, chat.stdout
    with Image.open(drawn[0]) as image:
        assert image.format == "PNG"

    doctor = pictolingo("doctor", cwd=tmp_path, env=STARTER)
    assert "windmill (pivotal tuning, 6 pictures)" in doctor.stdout
    # taught, then drawn in a chat that loads the dictionary and the model, in under 2 minutes
    assert time.perf_counter() - started < 120
