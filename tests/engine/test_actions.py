"""Verbs drawn as the pictures a person judged to show them, and the quiz's wrong answers."""

from __future__ import annotations

import random
from functools import partial

from bot.learning.dictionary import Dictionary
from engine.actions import (
    actions,
    both_true,
    doing_swapped,
    done_alone,
    verb_of,
    wrong_actions,
    wrong_answers,
)
from engine.starter.additions import drawable_concepts


def test_every_verb_is_drawn_by_the_starter_in_a_meaning_of_its_own(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    drawable = {c.name for c in drawable_concepts()}
    assert len(actions()) >= 20
    for verb, action in actions().items():
        assert action.concept in drawable, verb
        sense = wordnet.synset(int(action.sense[1:]), "v")
        assert action.sense[0] == "v" and verb in sense.lemmas, (verb, sense.lemmas)


def test_a_verbs_forms_find_it() -> None:
    for form in ("swim", "swims", "swam", "swimming", "Swim "):
        assert verb_of(form) == "swim", form
    assert verb_of("apple") is None and verb_of("kneel") is None


def test_no_wrong_answer_is_true_of_the_picture() -> None:
    assert "lie" not in wrong_actions("sleep")
    assert "laugh" not in wrong_actions("cry") and "cry" not in wrong_actions("laugh")
    assert "ride" not in wrong_actions("cycle") and "stand" not in wrong_actions("walk")
    for verb in actions():
        others = wrong_actions(verb)
        assert verb not in others and len(others) >= 3
        assert all(actions()[o].concept != actions()[verb].concept for o in others)


def test_two_pictures_of_doing_both_true_are_told_apart_from_the_rest() -> None:
    assert both_true("loudly crying face", "face with tears of joy")
    assert both_true("face with tears of joy", "loudly crying face")  # each way
    assert not both_true("person swimming", "person running")
    assert not both_true("person swimming", "cat") and not both_true("cat", "dog")


def test_wrong_answers_come_in_the_learners_form() -> None:
    past = wrong_answers("swam", "person swimming", random.Random(0))
    assert past is not None and len(past) == 3
    assert all(w not in actions() for w in past)  # "slept", not "sleep"
    assert all(verb_of(w) in actions() for w in past)
    doing = wrong_answers("swimming", "person swimming", random.Random(0))
    assert doing is not None and all(w.endswith("ing") for w in doing)
    for seed in range(5):  # "run" is its own past participle too: "swim", never "swum"
        bare = wrong_answers("run", "person running", random.Random(seed))
        assert bare is not None and all(w in actions() for w in bare), bare
    assert wrong_answers("swim", "person running", random.Random(0)) is None


def test_a_doers_sentence_changes_only_its_verb_and_stays_english(
    dictionary: Dictionary,
) -> None:
    alone = partial(done_alone, dictionary.wordnet)
    assert not alone("pour") and alone("swim")  # "The boy pours." needs something poured
    runs = doing_swapped("The boy is running in the park.", "running", alone, random.Random(1))
    assert len(runs) == 3 and all(r.startswith("The boy is ") for r in runs)
    assert all(r.endswith("ing in the park.") and "pouring" not in r for r in runs)
    past = doing_swapped("Two girls ran.", "running", alone, random.Random(2))
    assert past and all(verb_of(p.split()[-1].rstrip(".")) for p in past)
    assert all(p.split()[-1].rstrip(".") not in actions() for p in past)  # "slept", not "sleep"
    # before an object a swapped verb would not be English ("The girl swims a tree.")
    assert doing_swapped("The girl climbs a tree.", "climbing", alone, random.Random(0)) == []
    assert doing_swapped("We run to school.", "running", alone, random.Random(0)) == []
    assert doing_swapped("The girl swims.", "running", alone, random.Random(0)) == []
