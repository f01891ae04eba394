"""The open resolver: a general model may attempt any word; a teacher's word keeps its token."""

from __future__ import annotations

from pathlib import Path

from engine.resolution import OpenResolver
from engine.teaching import TaughtWord


def test_open_models_try_any_word() -> None:
    drawing = OpenResolver().resolve("father", ["n12345678"])
    assert drawing is not None and drawing.subject == "father" and drawing.how == "open"
    assert drawing.sense == "n12345678"


def test_a_taught_word_is_drawn_with_its_token(tmp_path: Path) -> None:
    taught = TaughtWord(word="windmill", token="<windmill>", folder=tmp_path / "windmill")
    drawing = OpenResolver([taught]).resolve(" windmill ")
    assert drawing is not None and drawing.prompt == "<windmill>" and drawing.how == "taught"
    assert drawing.adapter == ""  # no LoRA was trained: textual inversion alone
