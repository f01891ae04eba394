"""When the next review is, in words a learner reads at a glance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.handlers.stats import when


def test_the_next_review_is_said_in_plain_words() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert when(now, now) == "now"
    assert when(now, now + timedelta(seconds=30)) == "in a minute"  # not "now": it is not due
    assert when(now, now + timedelta(hours=3)) == "in 3 hours"
    assert when(now, now + timedelta(days=1, hours=2)) == "tomorrow"
    assert when(now, now + timedelta(days=5)) == "in 5 days"
