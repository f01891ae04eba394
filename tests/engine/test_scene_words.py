"""The words a sentence is read with: contractions, negations."""

from __future__ import annotations

from engine.scene_words import is_negation, what_is_so, words_of


def test_a_contraction_is_read_as_its_two_words() -> None:
    assert words_of("I'm eating an apple.") == ["i", "am", "eating", "an", "apple"]
    assert words_of("It's a cat. They're here, I'll go") == [
        "it", "is", "a", "cat", "they", "are", "here", ",", "i", "will", "go",
    ]  # fmt: skip
    assert words_of("There's a dog.") == ["there", "is", "a", "dog"]
    # whose, and a negation, stay whole; a curly apostrophe is the same
    assert words_of("The cat's ball") == ["the", "cat's", "ball"]
    assert words_of("She doesn\u2019t run") == ["she", "doesn't", "run"]
    assert words_of("Let's eat 3 apples!") == ["eat", "3", "apples"]
    assert words_of("A dog, a cat; a hen") == ["a", "dog", ",", "a", "cat", ",", "a", "hen"]


def test_the_sentence_without_what_it_says_is_not_so() -> None:
    assert what_is_so("The boy doesn't like apples.") == "The boy"
    assert what_is_so("A cat without a hat") == "A cat"
    assert what_is_so("I can't swim") == "I"
    assert what_is_so("Nothing is here.") == ""
    assert what_is_so("The cat is on the mat.") is None
    assert what_is_so("No, the cat is on the mat.") is None  # an answer, not a "not"
    assert what_is_so("I know a song.") is None  # "know" is no "no"
    # a "not" says no to its own clause only
    assert what_is_so("It isn't a dog, it's a cat.") == "It, it's a cat."
    assert what_is_so("I like cats but I don't like dogs.") == "I like cats but I"
    assert what_is_so("The girl, not the boy, has a ball.") == "The girl, has a ball."
    assert all(map(is_negation, ["not", "never", "won't", "cannot", "nobody"]))
    assert not any(map(is_negation, ["note", "know", "nothingness"]))
