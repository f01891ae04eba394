"""/challenge as a teacher types it: status, set-up mistakes, off (the play itself:
tests/bot/challenges/test_class_play.py)."""

from __future__ import annotations

from bot.app import App
from tests.helpers import Person, active_schedules, shown


async def test_status_set_up_and_off(app: App) -> None:
    teacher = Person(app, "t", "5A", teacher=True)
    assert "No class challenge here yet" in shown((await teacher.say("/challenge"))[0])
    on = shown((await teacher.say("/challenge on 9:05 Asia/Tokyo B1"))[0])
    assert "every day at 09:05 (Asia/Tokyo)" in on and "level B1" in on
    assert "answers shown at 15:05" in on  # the configured 6 hours later
    status = shown((await teacher.say("/challenge"))[0])
    assert "every day at 09:05, answers at 15:05 (Asia/Tokyo), words from B1" in status
    assert "is off" in shown((await teacher.say("/challenge off"))[0])
    assert "There was no class challenge" in shown((await teacher.say("/challenge off"))[0])


async def test_set_up_mistakes_are_explained(app: App) -> None:
    teacher = Person(app, "t", "5A", teacher=True)
    for text in ("/challenge on 8:61", "/challenge on 08:30 Atlantis/Capital"):
        reply = (await teacher.say(text))[0]
        assert reply.ephemeral and "Write a time like 07:30" in shown(reply), text
    reveal = shown((await teacher.say("/challenge reveal"))[0])
    assert "There is no open challenge here" in reveal
    assert await active_schedules(app) == 0
