"""/mydata, /forget and the retention purge: minimal, visible and deletable data."""

from __future__ import annotations

import io
import json

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.challenges.scheduler import CoreScheduler
from tests.helpers import FakeClock, shown


async def learn(chat: TerminalAdapter, word: str) -> None:
    await chat.say(f"/word {word}")
    await chat.settle()
    await chat.press("Quiz me")
    await chat.press(word)


async def test_mydata_is_everything_and_nothing_secret(chat: TerminalAdapter, app: App) -> None:
    await learn(chat, "apple")
    reply = (await chat.say("/mydata"))[0]
    assert "1 picture you asked for, 1 word or sentence you learned" in shown(reply)
    assert "review_log" not in shown(reply), "no table names for a child"
    data = json.loads(reply.files[0].path.read_text())
    assert data["identities"] == [
        {"platform": "terminal", "platform_user_id": "local", "user_id": 1}
    ]
    assert [r["text"] for r in data["requests"]] == ["apple"]
    assert data["items"][0]["text"] == "apple" and data["review_log"] and data["review_cards"]
    assert data["progress"][0]["xp"] == 10
    text = reply.files[0].path.read_text()
    for secret_field in ("token", "password", "first_name", "username", "phone"):
        assert secret_field not in text


async def test_forget_deletes_every_row_and_only_their_pictures(
    chat: TerminalAdapter, app: App
) -> None:
    await learn(chat, "apple")
    await chat.say("/word pear")
    await chat.settle()
    friend = TerminalAdapter(app.dialogue, out=io.StringIO(), user_id="friend")
    await friend.say("/word pear")  # the same picture, served from the cache to a friend
    images = app.settings.data.dir / "images"
    assert len(list(images.glob("**/*.png"))) == 2
    assert "cannot be undone" in shown((await chat.say("/forget"))[0])
    assert "nothing was deleted" in shown((await chat.press("Keep it"))[0])
    assert await app.services.privacy.rows_about(1) > 0
    await chat.say("/forget")
    done = await chat.press("Yes, delete everything")
    assert "everything about you is deleted (1 pictures)" in shown(done[0])
    assert await app.services.privacy.rows_about(1) == 0
    assert len(list(images.glob("**/*.png"))) == 1, "the friend's pear stays"
    assert "pear" in shown((await friend.say("/history"))[0])
    fresh = (await chat.say("/history"))[0]
    assert "no pictures yet" in shown(fresh)


async def test_idle_learners_are_purged_by_the_nightly_job(
    chat: TerminalAdapter, app: App, clock: FakeClock
) -> None:
    await chat.say("/word apple")
    await chat.settle()
    clock.advance(days=200)
    active = TerminalAdapter(app.dialogue, out=io.StringIO(), user_id="active")
    await active.say("/start")
    clock.advance(days=170)  # the first learner has been away 370 days, the other 170
    purged = await CoreScheduler(app.services).purge_idle_learners()
    assert purged == 1
    assert await app.services.privacy.rows_about(1) == 0
    assert await app.services.db.fetchval("SELECT COUNT(*) FROM users") == 1


async def test_web_visitors_who_never_asked_anything_go_after_a_day(
    app: App, clock: FakeClock
) -> None:
    from bot.conversation.messages import Incoming

    async def web(user: str, text: str) -> None:
        await app.dialogue.handle(Incoming(platform="web", chat_id=user, user_id=user, text=text))

    await web("a" * 32, "/start")  # opened the page, never asked for a picture
    await web("b" * 32, "/word apple")
    clock.advance(days=2)
    assert await CoreScheduler(app.services).purge_idle_learners() == 1
    learners = await app.services.db.fetchval("SELECT COUNT(*) FROM identities")
    assert learners == 1, "the learner who asked for a word is kept"
