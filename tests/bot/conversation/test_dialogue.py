from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.app import App
from bot.conversation.context import Context
from bot.conversation.messages import Incoming, Reply
from bot.conversation.router import COMMANDS, command
from tests.helpers import shown


def message(text: str = "", **fields: object) -> Incoming:
    return Incoming(platform="test", chat_id="c1", user_id="u1", text=text, **fields)  # type: ignore[arg-type]


@pytest.fixture
def broken_command() -> Iterator[None]:
    @command("explode", hidden=True)
    async def explode(context: Context) -> list[Reply]:
        """Always fails."""
        raise RuntimeError("kaboom with secret text")

    @command("classonly", teacher_only=True)
    async def class_only(context: Context) -> list[Reply]:
        """Teachers only."""
        return [Reply("ok, teacher")]

    yield
    COMMANDS.pop("explode")
    COMMANDS.pop("classonly")


async def test_unknown_command_suggests_the_closest(app: App) -> None:
    reply = (await app.dialogue.handle(message("/wrod apple")))[0]
    assert "I don't know /wrod" in shown(reply) and "Did you mean /word?" in shown(reply)
    odd = (await app.dialogue.handle(message("/xyzzy")))[0]
    assert "Did you mean" not in shown(odd) and "/help" in shown(odd)


async def test_huge_message_is_refused_before_any_work(app: App) -> None:
    reply = (await app.dialogue.handle(message("/word " + "a" * 10_000)))[0]
    assert "too long" in shown(reply)
    assert await app.services.db.fetchval("SELECT COUNT(*) FROM users") == 0


async def test_duplicate_update_is_processed_once(app: App) -> None:
    first = await app.dialogue.handle(message("/start", update_id="77"))
    again = await app.dialogue.handle(message("/start", update_id="77"))
    assert first and again == []


async def test_a_crashing_handler_becomes_a_kind_reply(
    app: App, broken_command: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        reply = (await app.dialogue.handle(message("/explode")))[0]
    assert "something went wrong on my side" in shown(reply)
    assert "kaboom" not in shown(reply)
    assert (await app.dialogue.handle(message("/start")))[0].text, "the bot keeps working"


async def test_teacher_only_commands_refuse_students(app: App, broken_command: None) -> None:
    assert "for teachers" in shown((await app.dialogue.handle(message("/classonly")))[0])
    teacher = await app.dialogue.handle(message("/classonly", is_teacher=True))
    assert shown(teacher[0]) == "ok, teacher"


async def test_free_text_gets_a_hint_in_private_and_silence_in_groups(app: App) -> None:
    assert "/word apple" in shown((await app.dialogue.handle(message("hello")))[0])
    assert await app.dialogue.handle(message("hello", chat_kind="group")) == []


async def test_unknown_or_stale_buttons(app: App) -> None:
    reply = (await app.dialogue.handle(message(callback="zzz:1")))[0]
    assert "too old" in shown(reply)
    assert await app.dialogue.handle(message(callback="again:notanumber")) == []
    assert await app.dialogue.handle(message(callback="hist:show:x")) == []
