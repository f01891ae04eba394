"""Nobody floods the bot: repeats, a cooldown between new pictures, a cap per class chat."""

from __future__ import annotations

import io
from pathlib import Path

from bot.adapters.terminal import TerminalAdapter
from bot.app import open_app
from bot.config import LimitSettings
from bot.conversation.flood import FloodGuard
from bot.learning.dictionary import Dictionary
from tests.helpers import FakeClock, FakeDrawer, make_settings, shown


async def test_the_same_message_over_and_over_is_refused_cheaply(chat: TerminalAdapter) -> None:
    chat.is_admin = False  # a learner on a shared bot
    replies = [shown((await chat.say("/help"))[0]) for _ in range(4)]
    assert all(r.startswith("Here is what I can do") for r in replies[:3])
    assert "You sent that already" in replies[3]
    chat.is_admin = True  # the operator is not held back
    assert shown((await chat.say("/help"))[0]).startswith("Here is what I can do")


async def test_cooldown_between_new_pictures(tmp_path: Path, dictionary: Dictionary) -> None:
    settings = make_settings(tmp_path / "data", limits=LimitSettings(cooldown_seconds=60))
    async with open_app(
        settings, drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO())
        chat.is_admin = False  # a learner on a shared bot, not the person running it
        await app.courier.attach(chat)
        await chat.say("/word apple")
        await chat.settle()
        wait = shown((await chat.say("/word pear"))[0])
        assert wait.startswith("One moment! You can ask for a new picture in") and "seconds" in wait
        again = await chat.say("/word apple")
        assert again[0].images, "a picture already drawn is not limited"
        chat.is_admin = True  # the operator at the terminal is never held back
        assert "Drawing pear" in shown((await chat.say("/word pear"))[0])


def test_a_class_chat_has_its_own_cap() -> None:
    guard = FloodGuard(LimitSettings(cooldown_seconds=0, group_pictures_per_minute=2))
    for learner in (1, 2):
        assert guard.picture_wait(learner, "group", "class") is None
        guard.picture_started(learner, "group", "class")
    assert guard.picture_wait(3, "group", "class") is not None
    assert guard.picture_wait(3, "group", "other-class") is None
    assert guard.picture_wait(3, "private", "class") is None
