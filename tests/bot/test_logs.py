"""Logs: one request id from message to picture, no message text, no secrets, JSON if asked."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.logs import (
    ErrorCounter,
    JsonFormatter,
    RequestIdFilter,
    SecretRedactor,
    quiet_libraries,
)
from tests.helpers import shown


async def test_one_request_id_follows_a_word_from_dialogue_to_queue_and_delivery(
    chat: TerminalAdapter, app: App, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    quiet_libraries()  # as configure_logging does in the program
    with caplog.at_level(logging.DEBUG):
        await chat.say("/word apple")
        await chat.settle()
    handled = [
        r
        for r in caplog.records
        if r.name == "bot.conversation.dialogue" and "/word" in r.getMessage()
    ]
    assert handled, "the dialogue logs what kind of message it handled"
    request_id = handled[0].request_id  # type: ignore[attr-defined]
    job = await app.services.jobs.get(1)
    assert job is not None and job.delivery["request_id"] == request_id
    assert "apple" not in caplog.text, "children's messages stay out of the logs"


def test_json_lines_carry_the_request_id_and_blank_secrets() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(SecretRedactor(["123456:SECRET"]))
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("pictolingo.test")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling https://api.telegram.org/bot123456:SECRET/getMe")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue())
    assert entry["level"] == "WARNING" and entry["request_id"] == "-"
    assert "SECRET" not in entry["message"] and "***" in entry["message"]


def test_error_counter_counts_the_last_hour() -> None:
    counter = ErrorCounter()
    logger = logging.getLogger("pictolingo.counted")
    logger.addHandler(counter)
    logger.propagate = False
    try:
        logger.error("one")
        logger.warning("not an error")
        logger.error("two")
    finally:
        logger.removeHandler(counter)
    assert counter.last_hour() == 2


async def test_status_is_for_admins(app: App, chat: TerminalAdapter) -> None:
    await chat.say("/word apple")
    await chat.settle()
    status = shown((await chat.say("/status"))[0])
    assert "Queue (local): 0 waiting, 0 drawing" in status and "Uptime:" in status
    assert "Workers: 1" in status
    student = TerminalAdapter(app.dialogue, out=io.StringIO(), user_id="kid")
    student.is_admin = False
    assert "for the people who run this bot" in shown((await student.say("/status"))[0])
    assert "/status" not in shown((await student.say("/help"))[0])
