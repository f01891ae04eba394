"""/daily as a learner types it, including what they get wrong."""

from __future__ import annotations

from bot.app import App
from tests.helpers import Person, active_schedules, shown


async def test_daily_on_status_and_off(app: App) -> None:
    mia = Person(app, "mia", "mia")
    assert "no daily challenge yet" in shown((await mia.say("/daily"))[0])
    on = shown((await mia.say("/daily on 7:05 Asia/Shanghai"))[0])
    assert "every day at 07:05 (Asia/Shanghai)" in on
    assert "07:05 (Asia/Shanghai)" in shown((await mia.say("/daily"))[0])
    assert "Daily challenges are off" in shown((await mia.say("/daily off"))[0])
    assert "were not on" in shown((await mia.say("/daily off"))[0])


async def test_daily_uses_the_learners_time_zone_setting(app: App) -> None:
    mia = Person(app, "mia", "mia")
    await mia.say("/settings timezone America/New_York")
    assert "08:00 (America/New_York)" in shown((await mia.say("/daily on"))[0])


async def test_a_zone_named_for_the_daily_becomes_the_learners_own(app: App) -> None:
    mia = Person(app, "mia", "mia")
    on = shown((await mia.say("/daily on 07:30 shanghai"))[0])
    assert "every day at 07:30 (Asia/Shanghai)" in on and "Your time zone is now" in on
    assert "Time zone: Asia/Shanghai" in shown((await mia.say("/settings"))[0])
    # a zone the learner chose before stays theirs
    await mia.say("/settings timezone Europe/London")
    again = shown((await mia.say("/daily on 07:30 Asia/Tokyo"))[0])
    assert "(Asia/Tokyo)" in again and "Your time zone is now" not in again
    assert "Time zone: Europe/London" in shown((await mia.say("/settings"))[0])


async def test_wrong_times_and_zones_are_explained(app: App) -> None:
    mia = Person(app, "mia", "mia")
    for text, shown_back in (
        ("/daily on 25:00", "25:00"),
        ("/daily on 07:30 Mars/Olympus", "Mars/Olympus"),
        ("/daily on '; DROP TABLE users; --", "';"),
        ("/daily on ../../etc/passwd", "../../etc/passwd"),
    ):
        reply = (await mia.say(text))[0]
        assert reply.ephemeral and "Write a time like 07:30" in shown(reply), text
        assert shown_back in shown(reply)
    assert await active_schedules(app) == 0


async def test_daily_is_for_private_chats(app: App) -> None:
    kid = Person(app, "kid", "class-5a")
    assert "/daily is for your own chat" in shown((await kid.say("/daily on"))[0])
