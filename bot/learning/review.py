"""Spaced review with FSRS (`fsrs` package): answers become ratings, cards get due dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

from bot.learning.answers import Verdict

_SCHEDULER = Scheduler(enable_fuzzing=False)


def rating_for(correct: bool, *, helped: bool = False) -> Rating:
    """Wrong → Again; right with a typo or a hint → Hard; right → Good."""
    if not correct:
        return Rating.Again
    return Rating.Hard if helped else Rating.Good


def rating_for_verdict(verdict: Verdict, tries: int) -> Rating:
    if verdict is Verdict.WRONG:
        return Rating.Again
    return Rating.Hard if verdict is Verdict.TYPO or tries > 0 else Rating.Good


def review(
    card_data: dict[str, Any] | None, rating: Rating, now: datetime
) -> tuple[dict[str, Any], datetime]:
    """The card after this answer, and when it is due next."""
    card = Card.from_dict(card_data) if card_data else Card(due=now)  # type: ignore[arg-type]
    updated, _ = _SCHEDULER.review_card(card, rating, review_datetime=now)
    return dict(updated.to_dict()), updated.due
