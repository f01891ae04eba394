"""`pictolingo eval`'s scene figures: the sentence lists, and a few sentences end to end with the
real starter model and the layout-blind checker."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.learning.dictionary import Dictionary
from bot.pictures import scene_eval
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.resolver import resolver_for
from engine.scene import Scene, SceneObject
from engine.scene_check import SceneChecker


def test_the_sentence_lists_state_what_they_ask_for() -> None:
    things = [("cat", "cat"), ("dog", "dog"), ("bus", "bus"), ("apple", "red apple")]
    cases = scene_eval.template_cases(things)
    kinds = {c.category for c in cases}
    assert kinds == {"count", "colour", "spatial", "two_objects"} and len(cases) == 200
    assert all(sum(c.category == k for c in cases) == 50 for k in kinds)
    spatial = next(c for c in cases if c.category == "spatial")
    assert spatial.states.relation and spatial.states.relation in spatial.sentence
    # a word that stops resolving changes only the sentences that used it
    fewer = scene_eval.template_cases([(w, "" if w == "bus" else c) for w, c in things])
    changed = [a for a, b in zip(cases, fewer, strict=True) if a != b]
    assert all("bus" not in c.sentence for c in fewer)
    assert changed and all("bus" in c.sentence for c in changed)
    assert len(changed) < 150
    with pytest.raises(ValueError, match="three nouns"):  # not an endless search
        scene_eval.template_cases([("cat", "cat"), ("dog", "dog"), ("idea", "")])
    learner = scene_eval.learner_cases(lambda word: word)
    assert len(learner) >= 50
    on = next(c for c in learner if c.sentence == "The cat is on the bed.")
    assert on.states == Scene((SceneObject("cat", "cat"), SceneObject("bed", "bed")), "on")
    yellow = next(c for c in learner if c.sentence == "There are four yellow bananas.")
    assert yellow.states.objects == (SceneObject("banana", "banana", 4, "yellow"),)


@pytest.mark.slow
def test_sentences_are_judged_by_what_the_picture_shows(
    dictionary: Dictionary, tmp_path: Path
) -> None:
    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    resolver = resolver_for("starter", dictionary.wordnet)
    case = scene_eval.Case
    cases = [
        case("count", "Three cats.", Scene((SceneObject("cat", "cat", 3),))),
        case("colour", "A blue bus.", Scene((SceneObject("bus", "bus", 1, "blue"),))),
        # the sentence says four; a picture of three is not it (a wrong statement on purpose)
        case("count", "Three dogs.", Scene((SceneObject("dog", "dog", 4),))),
        # nothing in it can be drawn: never shown
        case("learner_sentences", "The sky is above the valley.", Scene(())),
    ]
    sheet = tmp_path / "scenes.png"
    figures = scene_eval.scene_figures(
        dictionary, resolver, engine, SceneChecker.for_starter(),
        cases=cases, sheet=sheet, progress=lambda _: None,
    )  # fmt: skip
    assert figures["count"] == 0.5 and figures["colour"] == 1.0
    assert figures["learner_sentences"] == 0.0
    assert figures["missed"] == ["Three dogs.", "The sky is above the valley."]
    assert figures["sentences"] == 4 and figures["scene_seconds"] > 0
    assert sheet.exists()
