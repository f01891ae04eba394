"""Checking a typed answer the way a kind teacher would: small typos and inflections are fine."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

_WORDS = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


class Verdict(Enum):
    RIGHT = "right"  # exactly right, or another form of the same word
    TYPO = "typo"  # right word, small spelling slip: counted correct, spelling shown
    CLOSE = "close"  # nearly: a hint and one more try
    WRONG = "wrong"


@dataclass(frozen=True)
class Checked:
    verdict: Verdict
    hint: str = ""


def normalize(text: str) -> str:
    words = _WORDS.findall(text.lower().replace("’", "'"))
    if words and words[0] in ("a", "an", "the") and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def typo_allowance(answer: str) -> int:
    """How many letter slips still count as the right word."""
    if len(answer) <= 3:
        return 0
    return 1 if len(answer) <= 7 else 2


def check_typed(
    given: str, answer: str, *, base_forms: Callable[[str], set[str]] | None = None
) -> Checked:
    from rapidfuzz.distance import DamerauLevenshtein

    said, expected = normalize(given), normalize(answer)
    if not said:
        return Checked(Verdict.WRONG)
    if said == expected:
        return Checked(Verdict.RIGHT)
    if base_forms is not None and base_forms(said) & base_forms(expected):
        return Checked(Verdict.RIGHT)  # "apples" for "apple", "ran" for "run"
    distance = DamerauLevenshtein.distance(said, expected)
    if distance <= typo_allowance(expected):
        return Checked(Verdict.TYPO, f"It is spelled {expected}.")
    if distance <= typo_allowance(expected) + 2 or (
        len(said) >= 3 and expected.startswith(said[:3])
    ):
        return Checked(
            Verdict.CLOSE,
            f"Close! It starts with “{expected[:2]}” and has "
            f"{len(expected.replace(' ', ''))} letters. Try again.",
        )
    return Checked(Verdict.WRONG)
