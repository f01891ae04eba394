from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Rating

from bot.learning.answers import Verdict
from bot.learning.review import rating_for, rating_for_verdict, review

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_answers_map_to_ratings() -> None:
    assert rating_for(False) is Rating.Again
    assert rating_for(True) is Rating.Good
    assert rating_for(True, helped=True) is Rating.Hard
    assert rating_for_verdict(Verdict.TYPO, 0) is Rating.Hard
    assert rating_for_verdict(Verdict.RIGHT, 1) is Rating.Hard
    assert rating_for_verdict(Verdict.WRONG, 0) is Rating.Again


def test_due_dates_grow_with_good_answers_and_shrink_with_wrong_ones() -> None:
    card, due = review(None, Rating.Good, NOW)
    assert timedelta(minutes=5) <= due - NOW <= timedelta(hours=1)  # a short learning step
    card, due = review(card, Rating.Good, due)
    second = due - NOW
    assert second >= timedelta(days=1)
    card, due3 = review(card, Rating.Good, due)
    assert due3 - due > second, "each good review waits longer"
    _, lapsed = review(card, Rating.Again, due3)
    assert lapsed - due3 <= timedelta(hours=1), "a wrong answer brings it back soon"
