"""The words a sentence is read with: contractions, negations."""

from __future__ import annotations

from engine.scene_words import before_negation, is_negation, words_of


def test_a_contraction_is_read_as_its_two_words() -> None:
    assert words_of("I'm eating an apple.") == ["i", "am", "eating", "an", "apple"]
    assert words_of("It's a cat. They're here, I'll go") == [
        "it", "is", "a", "cat", "they", "are", "here", "i", "will", "go",
    ]  # fmt: skip
    assert words_of("There's a dog.") == ["there", "is", "a", "dog"]
    # whose, and a negation, stay whole; a curly apostrophe is the same
    assert words_of("The cat's ball") == ["the", "cat's", "ball"]
    assert words_of("She doesn\u2019t run") == ["she", "doesn't", "run"]
    assert words_of("Let's eat 3 apples!") == ["eat", "3", "apples"]


def test_the_sentence_before_its_negation() -> None:
    assert before_negation("The boy doesn't like apples.") == "The boy"
    assert before_negation("A cat without a hat") == "A cat"
    assert before_negation("I can't swim") == "I"
    assert before_negation("Nothing is here.") == ""
    assert before_negation("The cat is on the mat.") is None
    assert before_negation("No, the cat is on the mat.") is None  # an answer, not a "not"
    assert before_negation("I know a song.") is None  # "know" is no "no"
    assert all(map(is_negation, ["not", "never", "won't", "cannot", "nobody"]))
    assert not any(map(is_negation, ["note", "know", "nothingness"]))
