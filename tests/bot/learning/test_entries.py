from __future__ import annotations

from bot.learning.dictionary import Dictionary
from bot.learning.entries import WordCard, meaning_of


def test_a_sense_is_shown_without_wordnets_usage_notes(dictionary: Dictionary) -> None:
    """A card's meaning is WordNet's definition as a reader meets it, with its id for buttons."""
    sense = dictionary.senses("apple")[0]
    meaning = meaning_of(sense)
    assert meaning.sense_id == f"n{sense.offset:08d}" and meaning.part_of_speech == "noun"
    assert meaning.definition.startswith("fruit with red or yellow or green skin")
    assert meaning.category == "noun.food"


def test_a_card_without_a_meaning_teaches_nothing() -> None:
    heading = WordCard("zzz", (), None, None, None, None)
    assert not heading.teaches and heading.part_of_speech is None
