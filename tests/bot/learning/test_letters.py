"""Letters typed as words: which are letters, where they stand, words that start with them."""

from __future__ import annotations

from bot.learning.letters import letter_of, ordinal, place, words_starting


def test_a_letter_is_one_latin_letter_that_is_not_also_a_word() -> None:
    assert letter_of("b") == "B" and letter_of("Z") == "Z"
    assert letter_of("a") is None and letter_of("I") is None  # "a cat", "I am ten"
    assert letter_of("ab") is None and letter_of("é") is None and letter_of("") is None


def test_its_place_in_the_alphabet_is_said_in_english() -> None:
    assert [ordinal(place(c)) for c in "ABCDKUVWX"] == [
        "1st", "2nd", "3rd", "4th", "11th", "21st", "22nd", "23rd", "24th",
    ]  # fmt: skip
    assert ordinal(12) == "12th" and ordinal(13) == "13th" and ordinal(112) == "112th"


def test_the_commonest_drawable_nouns_come_first() -> None:
    drawn = {"bird", "ball", "banana", "bed", "book"}
    found = words_starting("B", lambda word: word in drawn)
    assert len(found) == 4 and set(found) <= drawn
    assert found[0] == "book" and "banana" not in found  # the commonest and the rarest
    assert words_starting("b", lambda word: False) == []
    assert all(w.startswith("q") for w in words_starting("q", lambda word: True))
