from __future__ import annotations

import pytest

from bot.learning.answers import Verdict, check_typed
from bot.learning.dictionary import Dictionary


@pytest.mark.parametrize(
    ("given", "answer", "verdict"),
    [
        ("apple", "apple", Verdict.RIGHT),
        ("  The APPLE! ", "apple", Verdict.RIGHT),
        ("aple", "apple", Verdict.TYPO),
        ("appel", "apple", Verdict.TYPO),
        ("elefant", "elephant", Verdict.TYPO),
        ("ap", "apple", Verdict.CLOSE),
        ("cot", "cat", Verdict.CLOSE),
        ("dog", "cat", Verdict.WRONG),
        ("banana", "apple", Verdict.WRONG),
        ("", "apple", Verdict.WRONG),
        ("'; DROP TABLE users; --", "apple", Verdict.WRONG),
    ],
)
def test_typed_answers(given: str, answer: str, verdict: Verdict) -> None:
    assert check_typed(given, answer).verdict is verdict


def test_inflections_are_right_with_the_dictionary(dictionary: Dictionary) -> None:
    def forms(word: str) -> set[str]:
        return {f for f, _ in dictionary.wordnet.base_forms(word)} | {word}

    assert check_typed("apples", "apple", base_forms=forms).verdict is Verdict.RIGHT
    assert check_typed("mice", "mouse", base_forms=forms).verdict is Verdict.RIGHT
    assert check_typed("ran", "run", base_forms=forms).verdict is Verdict.RIGHT


def test_hints_name_the_start_and_length() -> None:
    close = check_typed("ele", "elephant")
    assert close.verdict is Verdict.CLOSE and "“el”" in close.hint and "8 letters" in close.hint
