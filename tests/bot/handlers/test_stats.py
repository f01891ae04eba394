"""When the next review is, in words a learner reads at a glance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.adapters.terminal import TerminalAdapter
from bot.conversation.texts import counted
from bot.handlers.stats import when
from tests.helpers import shown


def test_the_next_review_is_said_in_plain_words() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert when(now, now) == "now"
    assert when(now, now + timedelta(seconds=30)) == "in a minute"  # not "now": it is not due
    assert when(now, now + timedelta(hours=3)) == "in 3 hours"
    assert when(now, now + timedelta(days=1, hours=2)) == "tomorrow"
    assert when(now, now + timedelta(days=5)) == "in 5 days"


async def test_stats_after_a_first_right_answer_read_as_english(chat: TerminalAdapter) -> None:
    """ "Streak: 1 days" was on the first day; the chart comes with the lines."""
    await chat.say("/word cat")
    await chat.settle()
    question = (await chat.press("Quiz me"))[0]
    choices = [button.label for row in question.buttons for button in row]
    answer = await (chat.press("cat") if "cat" in choices else chat.say("cat"))
    assert "✅" in shown(answer[0]) or "Right" in shown(answer[0]), shown(answer[0])
    stats = (await chat.say("/stats"))[0]
    assert "Streak: 1 day (best 1)" in shown(stats) and stats.images
    # the card just answered comes back later: none is due now, which /review says too
    assert "Reviews due now: 0 · later today: " in shown(stats)
    assert "Nothing to review right now" in shown((await chat.say("/review"))[0])
    assert counted(1, "day") == "1 day" and counted(0, "picture") == "0 pictures"
    assert counted(2, "person", "people") == "2 people"
