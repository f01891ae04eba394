"""Countability: the card's example and the quiz's sentences are English a teacher would sign."""

from __future__ import annotations

import random

from bot.learning.countability import countable
from bot.learning.dictionary import Dictionary
from bot.learning.distractors import sentence_choices
from bot.learning.examples import noun_example


def test_uncountable_nouns_take_no_article() -> None:
    assert not countable("milk") and not countable("bread") and countable("apple")
    assert not countable("sand", "noun.substance") and countable("egg", "noun.substance")
    assert noun_example("milk") == "I drink milk."
    assert noun_example("bread", "noun.food") == "I like bread."
    assert noun_example("rain") == "This is rain."
    assert noun_example("apple") == "This is an apple."
    # materials: the cloth a card teaches is the material, and fencing is fences
    assert noun_example("cloth", "noun.artifact") == "This is cloth."
    assert noun_example("fencing", "noun.artifact") == "This is fencing."
    assert noun_example("glass", "noun.artifact") == "This is a glass."
    # WordNet files the sponge as a substance; the one drawn (and counted) is the bath sponge
    assert noun_example("sponge", "noun.substance") == "This is a sponge."
    # and the atom, the log and the diamond ("This is atom." was on the card)
    for word, example in (("atom", "an atom"), ("log", "a log"), ("diamond", "a diamond")):
        assert noun_example(word, "noun.substance") == f"This is {example}."


def test_a_group_and_a_person_are_said_as_english_says_them(dictionary: Dictionary) -> None:
    """ "This is a police." and "This is builder." (the detergent's builder, a substance, led
    the card) were on the cards of words a child asks for in a list of jobs."""
    police, builder = dictionary.card("police"), dictionary.card("builder")
    assert police is not None and police.example == "The police help us."
    assert builder is not None and builder.example == "This is a builder."
    assert "construction" in builder.meanings[0].definition


def test_games_and_sports_are_played_not_counted(dictionary: Dictionary) -> None:
    """ "This is a tennis." was under the tennis card; the ball and the insect keep "a"."""
    assert noun_example("tennis", "noun.act") == "I play tennis."
    assert noun_example("karate", "noun.act") == "I like karate."
    assert noun_example("cricket", "noun.animal") == "This is a cricket."
    assert countable("football", "noun.artifact") and not countable("football", "noun.act")
    examples = {}
    for word in ("soccer", "golf", "hockey", "badminton", "rugby", "chess", "football", "karate"):
        card = dictionary.card(word)
        assert card is not None
        examples[word] = card.example
    assert examples == {
        "soccer": "I play soccer.",
        "golf": "I play golf.",
        "hockey": "I play hockey.",
        "badminton": "I play badminton.",
        "rugby": "I play rugby.",
        "chess": "I play chess.",  # the game leads the card, not WordNet's first "chess", a weed
        "football": "I play football.",
        "karate": "I like karate.",
    }
    boxing = dictionary.card("boxing")  # the sport first, not "put into a box"
    assert boxing is not None and "fists" in boxing.meanings[0].definition


def test_meals_are_had_not_pointed_at(dictionary: Dictionary) -> None:
    """ "This is a lunch." was under the picture of a sandwich, an apple, juice and a banana."""
    for word in ("breakfast", "lunch", "dinner", "supper"):
        card = dictionary.card(word)
        assert card is not None and card.example == f"I have {word} every day.", word
    assert noun_example("meal", "noun.food") == "This is a meal."


def test_card_examples_are_for_beginners(dictionary: Dictionary) -> None:
    examples = {w: (dictionary.card(w) or dictionary.card("x")).example for w in ("milk", "water")}
    assert examples == {"milk": "I drink milk.", "water": "I drink water."}
    for word in ("bread", "rain", "table"):
        card = dictionary.card(word)
        assert card is not None and card.example is not None
        assert f"a {word}." not in card.example.lower() or word == "table", card.example
        assert not any(c.isdigit() for c in card.example), card.example  # not "See table 1."


def test_quiz_sentences_respect_countability_and_never_repeat_an_object(
    dictionary: Dictionary,
) -> None:
    for seed in range(6):
        rng = random.Random(seed)
        for choice in sentence_choices(dictionary, "The girl eats an apple.", rng=rng):
            for mass in ("bread", "rice", "meat", "cheese", "soup"):
                assert f" a {mass}" not in choice and f" an {mass}" not in choice, choice
        for choice in sentence_choices(dictionary, "A red apple and a green apple.", rng=rng):
            assert "a red apple and a red apple" not in choice.lower(), choice
            assert "a green apple and a green apple" not in choice.lower(), choice


def test_a_plural_of_its_own_is_said_and_glossed_as_the_plural_of_its_thing(
    dictionary: Dictionary,
) -> None:
    """ "eyes — he/she/it form of eye" over the organ of sight; "minutes" was 纪要 (a meeting's
    minutes), "things" 事体, "falls" a verb's -s form asked as "Can you falls?"."""
    eyes = dictionary.card("eyes", chinese=True)
    assert eyes is not None and eyes.form_of == ("plural of", "eye")
    assert eyes.example == "These are eyes."
    glosses = {w: (dictionary.card(w, chinese=True) or dictionary.card("x")).chinese
               for w in ("minutes", "things", "words")}  # fmt: skip
    assert glosses == {"minutes": "分钟", "things": "东西", "words": "词"}
    # a plural of its own under its thing's plain meaning; a verb's -ing is no drink (饮料)
    glosses = {w: (dictionary.card(w, chinese=True) or dictionary.card("x")).chinese
               for w in ("fields", "windows", "drinking")}  # fmt: skip
    assert glosses == {"fields": "田野", "windows": "窗户", "drinking": "喝"}
    # "numbers" led with "the property possessed by a sum or total", 多少: now number's own
    numbers = dictionary.card("numbers", chinese=True)
    assert numbers is not None and numbers.chinese == "数字"
    assert numbers.meanings[0].definition == "a symbol used to represent a number"
    falls = dictionary.card("falls")
    assert falls is not None and falls.example == "The leaves fall in autumn."  # fall's own
    pants = dictionary.card("pants", chinese=True)
    assert pants is not None and pants.meanings[0].part_of_speech == "noun"
    assert pants.chinese == "裤子"
