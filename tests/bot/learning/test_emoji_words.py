"""An emoji typed after /word is the word whose picture it is, or nothing."""

from __future__ import annotations

from bot.learning.dictionary import Dictionary
from bot.learning.emoji_words import emoji_word
from bot.pictures.understand import understand
from engine.resolver import resolver_for


def test_an_emoji_is_the_commonest_word_that_draws_its_picture(dictionary: Dictionary) -> None:
    resolver = resolver_for("starter", dictionary.wordnet)

    def draws(word: str) -> str | None:
        if not dictionary.known(word):
            return None
        drawing = understand(dictionary, resolver, word).drawing
        return drawing.subject if drawing else None

    assert emoji_word("🍎", draws) == "apple"  # its picture is "red apple": no word to teach
    assert emoji_word("🚗", draws) == "car"  # Unicode's "automobile": the commoner word
    assert emoji_word("🌧️", draws) == "rain"  # with its variation selector
    assert emoji_word("🦁", draws) == "lion"
    assert emoji_word("🍺", draws) is None  # no picture of beer for a child
    assert emoji_word("🐶", draws) is None  # the dog's face is not what /word dog draws
    assert emoji_word("💩", draws) is None and emoji_word("🍌🍌", draws) is None
