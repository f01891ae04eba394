"""What a word card is made of: its meanings (WordNet senses as a card shows them) and the card."""

from __future__ import annotations

from dataclasses import dataclass

from bot.learning.meanings import sense_id_of, without_usage_notes
from bot.learning.plain import Plain
from engine.wordnet import Sense


@dataclass(frozen=True)
class Meaning:
    part_of_speech: str
    definition: str
    example: str | None
    category: str
    sense_id: str  # "n02139199": stable, short enough for button data


@dataclass(frozen=True)
class WordCard:
    word: str
    meanings: tuple[Meaning, ...]
    ipa: str | None
    level: str | None
    chinese: str | None
    example: str | None
    form_of: tuple[str, str] | None = None  # ("plural of", "apple") for "apples"
    plain: Plain | None = None  # the project's plain meaning for beginners

    @property
    def teaches(self) -> bool:
        """A meaning to teach: not a heading alone (the word list's "david", "zzz")."""
        return bool(self.meanings or self.plain)

    @property
    def part_of_speech(self) -> str | None:
        if self.meanings:
            return self.meanings[0].part_of_speech
        return self.plain.part_of_speech if self.plain else None


def meaning_of(sense: Sense) -> Meaning:
    """A WordNet sense as a card shows it."""
    return Meaning(
        part_of_speech=sense.part_of_speech,
        definition=without_usage_notes(sense.definition),
        example=sense.examples[0] if sense.examples else None,
        category=sense.lexname,
        sense_id=sense_id_of(sense),
    )
