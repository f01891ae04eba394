from __future__ import annotations

import pytest

from bot.conversation.validation import InputProblem, check_sentence, check_word


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("apple", "apple"),
        ("  Ice   Cream ", "ice cream"),
        ("mother-in-law", "mother-in-law"),
        ("don't", "don't"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("rock’n’roll", "rock'n'roll"),  # a phone's ’ is the dictionary's '
        # a child's full stop, exclamation or quotes are punctuation, not part of the word
        ("apple!", "apple"),
        ("Apple.", "apple"),
        ("“ice cream”?", "ice cream"),
    ],
)
def test_words_that_are_accepted(raw: str, word: str) -> None:
    assert check_word(raw) == word


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "a" * 41,
        "1234",
        "...",
        "a.b",
        "<script>",
        "a\x00b",
        "🍎",
        "яблоко",
        "--",
        "one two three four five",
        "\u202eapple",
    ],
)
def test_words_that_are_refused(raw: str) -> None:
    with pytest.raises(InputProblem) as problem:
        check_word(raw)
    assert problem.value.english and problem.value.chinese


@pytest.mark.parametrize(
    "raw",
    [
        "The cat sleeps on the sofa.",
        "I have 2 dogs!",
        "José's café is open.",
        'She said "hi" (quietly).',
    ],
)
def test_sentences_that_are_accepted(raw: str) -> None:
    assert check_sentence(raw) == " ".join(raw.split())


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "x" * 301,
        "猫在沙发上睡觉。",
        "The cat 😺 sleeps.",
        "שלום עולם",
        "a",
        "1 2 3 4",
        "The cat\x00 sleeps",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_sentences_that_are_refused(raw: str) -> None:
    with pytest.raises(InputProblem):
        check_sentence(raw)


def test_articles_are_stripped_and_sentences_sent_to_sentence() -> None:
    from bot.conversation.validation import InputProblem, check_word

    assert check_word("an apple") == "apple" and check_word("The Cat") == "cat"
    assert check_word("ice cream") == "ice cream"
    with pytest.raises(InputProblem, match="/sentence I like apples"):
        check_word("I like apples")


def test_a_phones_apostrophe_and_accents_are_the_words_own() -> None:
    """A phone writes "don’t" with ’ (it was no word the dictionary knew), and "café" was
    refused: "A word can only have letters"."""
    assert check_word("don’t") == "don't" and check_word("I‘m") == "i'm"
    assert check_word("ice‑cream") == "ice-cream"  # a non-breaking hyphen
    assert check_word("café") == "cafe" and check_word("Zoë") == "zoe"
    assert check_sentence("José’s café is open.") == "José’s café is open."  # as written
    with pytest.raises(InputProblem, match="English letters"):
        check_word("שלום")  # Hebrew keeps its letters, to be named as not English


def test_a_number_and_a_thing_are_sent_to_sentence() -> None:
    with pytest.raises(InputProblem, match=r"try /sentence 3 cats"):
        check_word("3 cats")
