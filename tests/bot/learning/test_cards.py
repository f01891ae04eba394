"""The card shown with a picture is the card of the meaning drawn."""

from __future__ import annotations

from bot.learning.cards import card_text, drawn_as, of_kinds
from bot.learning.dictionary import Dictionary


def test_a_thing_drawn_for_a_word_mostly_a_verb_gets_the_things_card(
    dictionary: Dictionary,
) -> None:
    card = dictionary.card("watch")
    assert card is not None and card.meanings[0].part_of_speech == "verb"
    wristwatch = next(m for m in dictionary.noun_senses("watch") if "timepiece" in m.definition)
    shown = drawn_as(dictionary, card, wristwatch)
    assert shown is not None and shown.meanings[0] == wristwatch
    text = card_text(shown)
    assert "· noun ·" in text.splitlines()[0] and "Example: This is a watch." in text
    # the verb's example ("Watch a basketball game.") is not shown under the wristwatch
    assert shown.example is not None and "basketball" not in shown.example
    assert "watch" in shown.example.lower()


def test_a_meaning_of_the_same_part_of_speech_keeps_the_cards_example(
    dictionary: Dictionary,
) -> None:
    card = dictionary.card("bat")
    assert card is not None
    other = next(m for m in dictionary.noun_senses("bat") if m != card.meanings[0])
    shown = drawn_as(dictionary, card, other)
    assert shown is not None and shown.example == card.example


def test_the_first_meanings_own_example_is_not_shown_under_another_meaning(
    dictionary: Dictionary,
) -> None:
    """ "camp" is drawn as a tent among trees: WordNet's example of its first meaning, a group
    of people ("The whole camp laughed at his mistake."), does not go with that picture."""
    card = dictionary.card("camp")
    assert card is not None and "laughed" in (card.example or "")
    lodgings = next(m for m in dictionary.noun_senses("camp") if "lodgings" in m.definition)
    shown = drawn_as(dictionary, card, lodgings)
    assert shown is not None and "laughed" not in (shown.example or "")
    assert "camp" in (shown.example or "").lower()


def test_a_plain_example_follows_the_meaning_drawn(dictionary: Dictionary) -> None:
    """ "beaver" leads with its fur in WordNet ("This is beaver.", uncountable); under the
    animal the example counts it."""
    card = dictionary.card("beaver")
    assert card is not None and card.example == "This is beaver."
    animal = next(m for m in dictionary.noun_senses("beaver") if "rodent" in m.definition)
    shown = drawn_as(dictionary, card, animal)
    assert shown is not None and shown.example == "This is a beaver."


def test_a_card_under_four_kinds_says_these_are(dictionary: Dictionary) -> None:
    animal, fruit = dictionary.card("animal"), dictionary.card("fruit")
    assert animal is not None and animal.example == "This is an animal."
    assert of_kinds(animal).example == "These are animals."
    assert fruit is not None and of_kinds(fruit).example == fruit.example  # "I like fruit."
