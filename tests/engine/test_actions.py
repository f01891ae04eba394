"""Verbs drawn as the pictures a person judged to show them, and the quiz's wrong answers."""

from __future__ import annotations

import random

from bot.learning.dictionary import Dictionary
from engine.actions import actions, verb_of, wrong_actions, wrong_answers
from engine.starter.additions import drawable_concepts


def test_every_verb_is_drawn_by_the_starter_in_a_meaning_of_its_own(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    drawable = {c.name for c in drawable_concepts()}
    assert len(actions()) >= 20
    for verb, action in actions().items():
        assert action.concept in drawable, verb
        sense = wordnet.synset(int(action.sense[1:]), "v")
        assert action.sense[0] == "v" and verb in sense.lemmas, (verb, sense.lemmas)


def test_a_verbs_forms_find_it(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    for form in ("swim", "swims", "swam", "swimming", "Swim "):
        assert verb_of(wordnet, form) == "swim", form
    assert verb_of(wordnet, "apple") is None and verb_of(wordnet, "kneel") is None


def test_no_wrong_answer_is_true_of_the_picture() -> None:
    assert "lie" not in wrong_actions("sleep")
    assert "laugh" not in wrong_actions("cry") and "cry" not in wrong_actions("laugh")
    assert "ride" not in wrong_actions("cycle") and "stand" not in wrong_actions("walk")
    for verb in actions():
        others = wrong_actions(verb)
        assert verb not in others and len(others) >= 3
        assert all(actions()[o].concept != actions()[verb].concept for o in others)


def test_wrong_answers_come_in_the_learners_form(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    past = wrong_answers(wordnet, "swam", "person swimming", random.Random(0))
    assert past is not None and len(past) == 3
    assert all(w not in actions() for w in past)  # "slept", not "sleep"
    assert all(verb_of(wordnet, w) in actions() for w in past)
    doing = wrong_answers(wordnet, "swimming", "person swimming", random.Random(0))
    assert doing is not None and all(w.endswith("ing") for w in doing)
    assert wrong_answers(wordnet, "swim", "person running", random.Random(0)) is None
