from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from tests.helpers import shown


async def test_settings_show_and_change(chat: TerminalAdapter, app: App) -> None:
    text = shown((await chat.say("/settings"))[0])
    assert "Level: not set" in text and "Chinese translation: off" in text
    assert "Level: A2" in shown((await chat.press("A2"))[0])
    assert "Chinese translation: on" in shown((await chat.press("中文 on"))[0])
    changed = await chat.say("/settings timezone Asia/Shanghai")
    assert "Time zone: Asia/Shanghai" in shown(changed[0])
    assert await app.services.users.settings(1) == {
        "level": "A2",
        "chinese": True,
        "timezone": "Asia/Shanghai",
    }


async def test_bad_settings_are_explained(chat: TerminalAdapter) -> None:
    assert "don't know the time zone" in shown((await chat.say("/settings timezone Mars/Base"))[0])
    assert "I can change" in shown((await chat.say("/settings colour blue"))[0])
    assert "I can change" in shown((await chat.say("/settings level Z9"))[0])
    assert "for example" in shown((await chat.say("/settings level"))[0])
