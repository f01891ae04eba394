"""A single letter typed as a word (/word b): a child trying the keyboard, not WordNet's "b".

WordNet's cards for the letters were wrong for a learner ("c": the speed of light, "x": one
more than nine, drawn as a cross). A letter is said to be a letter, with words that start with
it that the bot can draw. "a" and "I" are words, with cards of their own.
"""

from __future__ import annotations

import string
from collections.abc import Callable

from bot.learning.plain import learner_definitions

WORD_LETTERS = frozenset({"a", "i"})  # letters that are words too: "a cat", "I am ten"


def letter_of(text: str) -> str | None:
    """The letter, upper case, when the text is one Latin letter that is not also a word."""
    if (
        len(text) == 1
        and text.lower() in string.ascii_lowercase
        and text.lower() not in WORD_LETTERS
    ):
        return text.upper()
    return None


def place(letter: str) -> int:
    """Where the letter is in the alphabet (B → 2)."""
    return string.ascii_uppercase.index(letter.upper()) + 1


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th … 21st, 22nd, 23rd, 24th."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def words_starting(letter: str, draws: Callable[[str], bool], count: int = 4) -> list[str]:
    """The commonest everyday nouns (by wordfreq) that start with the letter and that `draws`
    says can be drawn."""
    from wordfreq import zipf_frequency

    nouns = [
        word
        for word, plain in learner_definitions().items()
        if word.startswith(letter.lower()) and word.isalpha()
        and plain.part_of_speech == "noun" and not plain.given_name
    ]  # fmt: skip
    nouns.sort(key=lambda word: (-zipf_frequency(word, "en"), word))
    found: list[str] = []
    for word in nouns:
        if len(found) == count:
            break
        if draws(word):
            found.append(word)
    return found
