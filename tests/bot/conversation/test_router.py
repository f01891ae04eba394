from __future__ import annotations

from bot.conversation.messages import Incoming
from bot.conversation.router import parse_command, with_command


def test_commands_with_bot_names_and_spacing() -> None:
    assert parse_command("/word apple") == ("word", "apple")
    assert parse_command("/Word@PictolingoBot   ice cream ") == ("word", "ice cream")
    assert parse_command("/history") == ("history", "")
    assert parse_command("/sentence line one\nline two") == ("sentence", "line one\nline two")
    assert parse_command("not a command") is None
    assert parse_command("/ word") is None
    assert parse_command("/" + "x" * 40) is None


def test_incoming_text_is_parsed_once() -> None:
    parsed = with_command(Incoming("terminal", "c", "u", text="/word cat"))
    assert (parsed.command, parsed.args) == ("word", "cat")
    button = Incoming("terminal", "c", "u", text="/word cat", callback="again:1")
    assert with_command(button).command is None
