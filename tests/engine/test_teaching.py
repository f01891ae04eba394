"""A teacher teaches the starter a word it could not draw, and from then on it draws it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from engine.teaching import TeachingError, clean_word, picture_files, token_for
from tests.bot.test_cli import pictolingo

STARTER = {"PICTOLINGO_ENGINE__MODEL": "starter"}


def lighthouse(index: int) -> Image.Image:
    """A teacher's drawing: a red-and-white tower with a yellow light, on the sea."""
    picture = Image.new("RGB", (128, 128), "white")
    pen = ImageDraw.Draw(picture)
    shift, height = (index % 3 - 1) * 6, 84 + (index % 2) * 10
    left, right, top = 44 + shift, 84 + shift, 110 - height
    pen.rectangle((0, 110, 127, 127), fill=(40, 110, 200))
    pen.polygon([(left, 110), (right, 110), (right - 8, top), (left + 8, top)], fill="white")
    for band in range(top + 12, 110, 24):
        pen.rectangle((left, band, right, band + 11), fill=(210, 30, 40))
    pen.rectangle((left + 6, top - 14, right - 6, top), fill=(255, 210, 0))
    pen.polygon([(left + 2, top - 14), (right - 2, top - 14), (64 + shift, top - 30)], fill="black")
    return picture


def test_words_and_picture_folders_are_checked_first(tmp_path: Path) -> None:
    assert clean_word("  Fire   Drill ") == "fire drill"
    assert token_for("tuk-tuk") == "<tuk-tuk>"
    with pytest.raises(TeachingError, match="not a word to teach"):
        clean_word("<script>")
    for index in range(3):
        lighthouse(index).save(tmp_path / f"{index}.png")
    with pytest.raises(TeachingError, match="has 3 pictures; teaching a word takes 5 to 20"):
        picture_files(tmp_path)


@pytest.mark.slow
def test_a_taught_word_is_drawn_and_passes_the_picture_check(tmp_path: Path) -> None:
    started = time.perf_counter()
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    for index in range(6):
        lighthouse(index).save(pictures / f"lighthouse-{index}.png")
    taught = pictolingo(
        "teach-word",
        "lighthouse",
        "--pictures",
        "pictures",
        "--lora",
        "--kind",
        "building",
        "--steps",
        "60",
        "--lora-steps",
        "300",
        cwd=tmp_path,
        env=STARTER,
    )
    assert taught.returncode == 0, taught.stderr[-2000:]
    assert "taught lighthouse as <lighthouse>" in taught.stdout
    folder = tmp_path / "taught-words" / "lighthouse"
    meta = json.loads((folder / "word.json").read_text())
    first, last = (float(x) for x in meta["loss"].split(" → "))
    assert last < first, "the loss fell"
    assert (folder / "loss.png").exists() and (folder / "samples.png").exists()
    card = (tmp_path / "taught-words" / "MODEL_CARD.md").read_text()
    assert "| lighthouse | `<lighthouse>` | pivotal tuning" in card

    chat = pictolingo("chat", cwd=tmp_path, stdin="/word lighthouse\n", env=STARTER)
    assert chat.returncode == 0, chat.stderr[-2000:]
    assert "can't draw" not in chat.stdout, chat.stdout
    drawn = [
        line.split("picture: ", 1)[1] for line in chat.stdout.splitlines() if "picture: " in line
    ]
    assert drawn, chat.stdout
    with Image.open(drawn[0]) as image:
        assert image.format == "PNG"

    doctor = pictolingo("doctor", cwd=tmp_path, env=STARTER)
    assert "lighthouse (pivotal tuning, 6 pictures)" in doctor.stdout
    # taught, then drawn in a chat that loads the dictionary and the model, in under 2 minutes
    assert time.perf_counter() - started < 120
