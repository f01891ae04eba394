"""Child safety as a learner and a teacher see it: kind refusals, a break, a review list."""

from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from tests.helpers import FakeClock, FakeDrawer, shown


async def test_unsafe_words_are_refused_kindly_and_kept_for_review(
    chat: TerminalAdapter, app: App
) -> None:
    for text in ("/word s e x", "/sentence The man has a g u n."):
        reply = (await chat.say(text))[0]
        assert "I can't draw that one" in shown(reply) and not reply.images
    assert await app.services.db.fetchval("SELECT COUNT(*) FROM jobs") == 0
    chat.is_teacher = True
    review = shown((await chat.say("/flags"))[0])
    assert "s e x" in review and "profanity: sex" in review and "violence: gun" in review


async def test_repeated_attempts_earn_a_break(chat: TerminalAdapter, clock: FakeClock) -> None:
    for _ in range(3):
        await chat.say("/word naked")
    pause = shown((await chat.say("/word apple"))[0])
    assert "short break from drawing" in pause
    clock.advance(minutes=11)
    assert "Drawing apple" in shown((await chat.say("/word apple"))[0])


async def test_flags_are_for_teachers(chat: TerminalAdapter) -> None:
    assert "is for teachers" in shown((await chat.say("/flags"))[0])
    chat.is_teacher = True
    assert "Nothing was stopped" in shown((await chat.say("/flags"))[0])


async def test_a_flagged_picture_is_never_sent(chat: TerminalAdapter, app: App) -> None:
    app.services.queue.drawer = FakeDrawer(safe=False)  # type: ignore[attr-defined]
    await chat.say("/word apple")
    await chat.settle()
    last = chat.transcript.replies[-1]
    assert "I can't draw that one" in shown(last) and not last.images
    assert not list((app.settings.data.dir / "images").glob("**/*.png"))
    flags = await app.services.flags.latest()
    assert flags[0].kind == "image" and flags[0].reason == "unsafe:flagged"


async def test_an_unchecked_picture_is_never_sent(chat: TerminalAdapter, app: App) -> None:
    app.services.queue.drawer = FakeDrawer(safe=None)  # type: ignore[attr-defined]
    await chat.say("/word apple")
    await chat.settle()
    assert not chat.transcript.replies[-1].images
    assert (await app.services.flags.latest())[0].reason == "unsafe:unchecked"
