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
    words = ["cat", "dog", "uncle", "valley", "apple", "homework", "horse", "idea", "palace"]
    judged = {("cat", "cat"): True, ("dog", "dog"): True, ("horse", "horse"): True}
    judged[("palace", "castle")] = False  # judged wrong on the committed sheet: not drawn
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
    assert figures["words"] == 9 and figures["wrong"] == 0
    # uncle, valley, homework, idea: the honest answer; palace: a person said no to its castle
    assert figures["refused"] == round(5 / 9, 3)
    assert figures["refused_as_judged_wrong"] == ["palace"]
    assert figures["correct"] == round(3 / 9, 3) and figures["unjudged"] == round(1 / 9, 3)
    assert figures["pictures_sent"] == 4
    with Image.open(sheet) as image:
        assert image.width > 0 and image.height > 0


def test_the_committed_lists_are_big_enough_and_judged() -> None:
    assert len(truth_eval.word_list()) >= 300
    held_out = truth_eval.word_list(truth_eval.HELD_OUT)
    assert len(held_out) >= 100 and not set(held_out) & set(truth_eval.word_list())
    assert truth_eval.read_judged(truth_eval.HELD_OUT_JUDGED)
    assert len(rows(truth_eval.PAIRS)) >= 200
    judged = truth_eval.read_judged()
    assert judged and all(isinstance(v, bool) for v in judged.values())
