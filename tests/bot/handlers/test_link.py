from __future__ import annotations

import io

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from tests.helpers import FakeClock, queue_idle, shown


def other_app(app: App) -> TerminalAdapter:
    web = TerminalAdapter(app.dialogue, out=io.StringIO(), user_id="w1", chat_id="w1")
    web.platform = "web"
    return web


async def code_from(chat: TerminalAdapter) -> str:
    text = shown((await chat.say("/link"))[0])
    return text.split("Your link code is ")[1][:6]


async def test_two_platforms_become_one_learner(chat: TerminalAdapter, app: App) -> None:
    await chat.say("/word apple")
    await chat.settle()
    await chat.press("Quiz me")
    await chat.press("apple")
    web = other_app(app)
    await web.say("/word pear")
    await queue_idle(app.services.queue)
    code = await code_from(chat)
    done = await web.say(f"/link {code.lower()}")
    assert "Done!" in shown(done[0])
    history = shown((await web.say("/history"))[0])
    assert "apple" in history and "pear" in history
    for either in (chat, web):
        stats = shown((await either.say("/stats"))[0])
        assert "learned: 0" in stats and "XP: 10" in stats  # one answer, same day
    assert await app.services.db.fetchval("SELECT COUNT(*) FROM users") == 1


async def test_codes_expire_and_cannot_be_guessed(
    chat: TerminalAdapter, app: App, clock: FakeClock
) -> None:
    web = other_app(app)
    code = await code_from(chat)
    assert "own code" in shown((await chat.say(f"/link {code}"))[0])
    clock.advance(minutes=11)
    assert "expired" in shown((await web.say(f"/link {code}"))[0])
    for guess in ("AAAAAA", "BBBBBB", "nope", "'; --"):
        assert "does not work" in shown((await web.say(f"/link {guess}"))[0])
    assert "Too many tries" in shown((await web.say(f"/link {await code_from(chat)}"))[0])


async def test_many_learners_guessing_codes_kill_every_open_code(
    chat: TerminalAdapter, app: App
) -> None:
    from tests.helpers import Person

    code = await code_from(chat)
    for number in range(30):  # thirty made-up accounts, one guess each (each under its limit)
        guesser = Person(app, f"g{number}", f"g{number}")
        await guesser.say(f"/link {number:06d}")
    late = Person(app, "late", "late")
    answer = await late.say(f"/link {code}")
    assert "expired" in shown(answer[0]), "the real code died with the guessing"
