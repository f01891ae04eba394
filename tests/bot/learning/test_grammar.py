"""Learner sentences: the common beginner mistakes are corrected, right sentences left alone."""

from __future__ import annotations

import pytest

from bot.learning.cards_eval import HELD_OUT, cards_figures, read_pairs
from bot.learning.dictionary import Dictionary
from bot.learning.grammar import Corrector


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("i has two dog", "I have two dogs."),
        ("She like apples.", "She likes apples."),
        ("The girl play games.", "The girl plays games."),  # a girl does things: a verb
        ("The boy kick balls.", "The boy kicks balls."),
        ("They is happy.", "They are happy."),
        ("I have a apple.", "I have an apple."),
        ("She goes to an university.", "She goes to a university."),  # by the sound
        ("I have a umbrella.", "I have an umbrella."),
        ("This is cat.", "This is a cat."),
        ("The cats sleeps on the bed.", "The cats sleep on the bed."),
        ("Two red apple.", "Two red apples."),  # the noun after the colour, not the colour
        # two words naming one thing: once "Two buses stop." and "Three teddies bear."
        ("Two bus stop.", "Two bus stops."),
        ("Three teddy bear.", "Three teddy bears."),
        ("Two apple tree.", "Two apple trees."),
        ("The teddy bear sleep on the bed.", "The teddy bear sleeps on the bed."),
        ("The bus stop are red.", "The bus stop is red."),
        ("The bus stop at the school.", "The bus stops at the school."),  # a place after it
        ("The cat sleep.", "The cat sleeps."),  # WordNet's "cat sleep" is a nap: not here
        ("Two cat sleep.", "Two cats sleep."),
        # a counted subject takes a plural verb: once "Did you mean: Two dogs is …" (only the
        # capital) and "Two cats sleeps on the sofa." (the plural, not the verb)
        ("two dogs is under a red table", "Two dogs are under a red table."),
        ("two cat sleeps on the sofa", "Two cats sleep on the sofa."),
        ("My three cats sleeps.", "My three cats sleep."),
        ("Two fish swims.", "Two fish swim."),
        ("Two bus stop is here.", "Two bus stops are here."),
        ("Three children plays.", "Three children play."),
        ("I see five star.", "I see five stars."),  # a last word mostly a noun is the noun
        ("Five star is in the sky.", "Five stars are in the sky."),  # so is one before "is"
        ("They was happy.", "They were happy."),
        ("He don't like apples.", "He doesn't like apples."),
        ("The cats doesn't sleep.", "The cats don't sleep."),
        ("There is two cats.", "There are two cats."),
        ("There are a dog.", "There is a dog."),
        ("He can swims.", "He can swim."),  # after a modal, no ending
        ("I will goes home.", "I will go home."),
        # a "not" of the same verbs: once all left as typed
        ("He can't swims.", "He can't swim."),
        ("She doesn't likes milk.", "She doesn't like milk."),
        ("He didn't went home.", "He didn't go home."),
        ("They isn't happy.", "They aren't happy."),
        ("Two dogs isn't here.", "Two dogs aren't here."),
        ("The girls wasn't happy.", "The girls weren't happy."),
    ],
)
def test_common_mistakes_are_corrected(dictionary: Dictionary, typed: str, wanted: str) -> None:
    fixed = Corrector(dictionary).correct(typed)
    assert fixed is not None and fixed.text == wanted


@pytest.mark.parametrize(
    "sentence",
    [
        "The sheep eat grass.",
        "The cat toy is red.",
        "He can swim.",
        "An hour is long.",
        "It is an X-ray.",
        "Go!",
        # a colour is also a noun and "sun" also a verb: once "The red suns." / "Two reds apples."
        "The red sun.",
        "Two red apples.",
        "Three blue cars.",
        "The happy dog.",
        # "fish" is its own plural: once corrected to "Four blue fishes."
        "Four blue fish.",
        "Two sheep.",
        "I have two cats.",  # the counted noun is no subject here
        "Two cats and a dog sleep.",
        "Some water is cold.",
        "Two red.",  # a colour, or "cold", is no noun to count here
        "I see a apples.",  # once "I see an apples.": one apple or many, we cannot tell
        "There is some milk.",
        "It was a cat.",
        "The can opens.",  # a tin
        "Can cats swims?",  # a question's modal: "cats" is no verb to change
        "Two cold.",
        # once "A bus stops." and "Two buses stops.": a picture's two-word name is one thing
        "A bus stop.",
        "Two bus stops.",
        "The bus stop is red.",
        "He didn't see the bus.",
        "They aren't here.",
        "I isn't tired.",  # "I'm not" or "I am not": not one word to swap
        "The cat isn't eat.",  # "isn't eating" or "doesn't eat": unsure
        # right sentences a learner types, once "corrected" wrongly (thirty-sixth session):
        "I know some basic English words.",  # once "englishes"
        "We had some trouble with the car.",  # once "troubles"
        "She eats some cake.",  # once "cakes"
        "Did she mention the party?",  # once "Did she mentions"
        "Did he open the door?",
        "There are a hundred pages in this book.",  # once "There is a hundred"
        "There are a lot of pages.",
        "School ends at 3 pm.",  # once "3 pms"
        "She hit the ball.",  # a past as likely as a mistake
        "A school report.",  # once "A school reports."
        "This book is mine.",  # once "is a mine"
        "I have two toy car.",  # "toy cars" or "toys": unsure
        "The school trip fee is ten dollars.",  # once "The school trips fee"
        "The summer term ends in July.",  # once "The summer terms ends" (thirty-seventh)
        "The football match ends at five.",  # once "The football matches ends"
        "I wake up at seven every day.",  # once "every days" (fortieth session)
        "We eat at six each evening.",
    ],
)
def test_right_or_unsure_sentences_are_left_alone(dictionary: Dictionary, sentence: str) -> None:
    assert Corrector(dictionary).correct(sentence) is None


def test_the_eval_reports_held_out_precision_and_recall(dictionary: Dictionary) -> None:
    figures = cards_figures(dictionary)["correction"]
    assert len(read_pairs(HELD_OUT)) >= 80
    assert figures["held_out"]["mistaken"] >= 40 and figures["held_out"]["correct"] >= 40
    assert figures["precision"] >= 0.95 and figures["recall"] >= 0.80
    assert figures["tuned_on"]["mistaken"] >= 100 and figures["tuned_on"]["correct"] >= 100


def test_the_cards_eval_measures_headwords_and_ipa(dictionary: Dictionary) -> None:
    from bot.learning.cards_eval import headword_figures, ipa_figures

    headwords = headword_figures(dictionary)
    assert headwords["words"] >= 200 and headwords["accuracy"] >= 0.9
    ipa = ipa_figures(dictionary, limit=100)
    assert ipa["words"] == 100 and ipa["agreement"] >= 0.95


def test_mistakes_are_wrong_english_the_corrector_puts_right(dictionary: Dictionary) -> None:
    """A text-only quiz's wrong choices: one beginner's mistake each, never a right sentence."""
    from bot.learning.grammar import mistakes

    corrector = Corrector(dictionary)
    found = mistakes(corrector, "I have two dogs.")
    assert set(found) == {"i have two dogs.", "I has two dogs.", "I have two dog."}
    assert set(mistakes(corrector, "He eats an apple.")) == {"He eat an apple.", "He eats a apple."}
    assert "I have two dogs." not in found
    # a sentence with no word-form to vary once had no text-only question at all
    assert mistakes(corrector, "She is happy.") == ["She are happy."]
    assert mistakes(corrector, "He doesn't like milk.") == ["He don't like milk."]
    # a noun subject's verb too: "The grandma dances." had no question at all
    assert mistakes(corrector, "The grandma dances.") == ["The grandma dance."]
    assert mistakes(corrector, "The girls sing.") == ["The girls sings."]
    # never a sentence that is right too: fish is its own plural, a family may be "are"
    for right in ("The fish swims.", "The sheep eat grass.", "The family is happy."):
        assert mistakes(corrector, right) == [], right


def test_no_example_a_teacher_wrote_is_corrected(dictionary: Dictionary) -> None:
    """The plain meanings' examples are right English a person wrote; five of 851 were
    "corrected" into wrong English ("A spelling mistakes.", "School ends at 3 pms.")."""
    from bot.learning.plain import learner_definitions, own_example

    corrector = Corrector(dictionary)
    examples = [e for w, p in learner_definitions().items() if (e := own_example(p, w))]
    assert len(examples) >= 800
    changed = [f"{e} -> {c.text}" for e in examples if (c := corrector.correct(e))]
    assert changed == []
