"""The card shown with a picture is the card of the meaning drawn."""

from __future__ import annotations

from bot.learning.cards import card_text, drawn_as
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
