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
    wrong_level = shown((await chat.say("/settings level Z9"))[0])
    assert "Z9 is not a level" in wrong_level and "A1, A2, B1, B2, C1, C2" in wrong_level
    assert "for example" in shown((await chat.say("/settings level"))[0])


async def test_a_time_zone_is_found_as_a_learner_types_it(chat: TerminalAdapter, app: App) -> None:
    for typed, meant in (
        ("asia/shanghai", "Asia/Shanghai"),
        ("London", "Europe/London"),
        ("new york", "America/New_York"),
        ("Beijing", "Asia/Shanghai"),
    ):
        assert f"Time zone: {meant}" in shown((await chat.say(f"/settings timezone {typed}"))[0])
        assert (await app.services.users.settings(1))["timezone"] == meant
