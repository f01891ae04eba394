"""/leaderboard's own mistakes (the standings themselves: tests/bot/challenges)."""

from __future__ import annotations

from bot.app import App
from tests.helpers import Person, shown


async def test_an_empty_board_and_a_wrong_scope(app: App) -> None:
    kid = Person(app, "kid", "5A")
    assert "No answers yet" in shown((await kid.say("/leaderboard"))[0])
    assert "Use /leaderboard week or /leaderboard all" in shown(
        (await kid.say("/leaderboard month"))[0]
    )
