"""`pictolingo eval`'s picture-truth figures on a slice of the beginner list, with the real
starter model, its resolver and its picture check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from bot.learning.dictionary import Dictionary
from bot.pictures import truth_eval
from engine.datafiles import rows
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.resolver import resolver_for


@pytest.mark.slow
def test_the_word_list_ends_in_right_pictures_or_honest_refusals(
    dictionary: Dictionary, tmp_path: Path
) -> None:
    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    resolver = resolver_for("starter", dictionary.wordnet)
    words = ["cat", "dog", "uncle", "table", "apple", "homework", "horse", "idea"]
    judged = {("cat", "cat"): True, ("dog", "dog"): True, ("horse", "horse"): True}
    sheet = tmp_path / "sheet.png"
    figures = truth_eval.vocabulary_figures(
        dictionary,
        resolver,
        engine,
        words=words,
        source="test",
        sheet=sheet,
        judged=judged,
        progress=lambda _: None,
    )
    assert figures["words"] == 8 and figures["wrong"] == 0
    assert figures["refused"] == 4 / 8  # uncle, table, homework, idea: the honest answer
    assert figures["correct"] == 3 / 8 and figures["unjudged"] == 1 / 8  # apple: not judged
    assert figures["pictures_sent"] == 4
    with Image.open(sheet) as image:
        assert image.width > 0 and image.height > 0


def test_the_committed_lists_are_big_enough_and_judged() -> None:
    assert len(truth_eval.word_list()) >= 300
    assert len(rows(truth_eval.PAIRS)) >= 200
    judged = truth_eval.read_judged()
    assert judged and all(isinstance(v, bool) for v in judged.values())
