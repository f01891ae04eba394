"""The fake Bot API's flood limits behave like Telegram's sliding windows."""

from __future__ import annotations

from bench.fakes.telegram_limits import FloodLimits


def test_thirty_a_second_overall_and_twenty_a_minute_per_group() -> None:
    limits = FloodLimits()
    assert all(limits.retry_after(chat, now=0.0) is None for chat in range(30))
    assert limits.retry_after(99, now=0.5) == 1 and limits.rejected == 1
    assert limits.retry_after(99, now=1.01) is None
    group = FloodLimits()
    for second in range(20):
        assert group.retry_after(-5, now=float(second)) is None
    assert group.retry_after(-5, now=20.0) == 40
    assert group.retry_after(-6, now=20.0) is None  # another group is not affected
    assert group.retry_after(-5, now=60.5) is None
