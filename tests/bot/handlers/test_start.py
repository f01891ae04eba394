from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter


async def test_start_greets_and_states_privacy_in_two_lines(chat: TerminalAdapter) -> None:
    text = (await chat.say("/start"))[0].text
    assert "Pictolingo" in text and "/word apple" in text
    privacy = text[text.index("Privacy") :].splitlines()
    assert len(privacy) == 2 and "never your name" in privacy[0]
    assert "unused for 365 days are deleted" in privacy[1] and "/forget" in privacy[1]


async def test_chinese_learners_get_a_chinese_line(chat: TerminalAdapter) -> None:
    chat.locale = "zh-hans"
    text = (await chat.say("/start"))[0].text
    assert "你好" in text
