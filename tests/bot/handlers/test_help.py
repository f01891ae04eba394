from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter
from bot.conversation.router import COMMANDS


async def test_help_lists_every_visible_command_from_docstrings(chat: TerminalAdapter) -> None:
    text = (await chat.say("/help"))[0].text
    for spec in COMMANDS.values():
        if not spec.hidden and not spec.teacher_only:
            assert spec.usage in text and spec.summary in text


async def test_help_for_one_command_shows_usage_and_example(chat: TerminalAdapter) -> None:
    text = (await chat.say("/help word"))[0].text
    assert "/word <word>" in text and "Example: /word apple" in text
    assert "no /nope" in (await chat.say("/help nope"))[0].text
