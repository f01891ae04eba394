"""Challenges on time, exactly once: injected clock, restarts, two runners, DST, blocked chats."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.app import App
from bot.challenges.runner import ChallengeRunner
from tests.helpers import FakeClock, Person, RecordingSender, active_schedules, queue_idle, shown


async def learner(app: App, name: str, when: str = "07:30 Europe/London") -> Person:
    person = Person(app, name, name)
    reply = (await person.say(f"/daily on {when}"))[0]
    assert "Daily challenge on" in shown(reply), shown(reply)
    return person


def questions(platform: RecordingSender, chat_id: str) -> list[str]:
    return [shown(r) for r in platform.to(chat_id) if "Daily challenge!" in shown(r)]


async def test_posts_at_the_learners_local_time_once(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # London is on GMT in early March
    await learner(app, "mia")
    clock.moment = datetime(2026, 3, 2, 7, 29, tzinfo=UTC)
    assert (await runner.tick()).posted == 0 and not platform.sent
    clock.moment = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    report = await runner.tick()
    assert report.posted == 1 and report.broadcast.sent == 1
    question = platform.to("mia")[0]
    assert question.images and question.images[0].path.exists()
    assert sum(len(row) for row in question.buttons) == 4
    for minutes in (1, 30, 600):
        clock.advance(minutes=minutes)
        await runner.tick()
    assert len(questions(platform, "mia")) == 1
    clock.moment = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
    await runner.tick()
    assert len(questions(platform, "mia")) == 2


async def test_a_restart_across_the_posting_time_posts_exactly_once(
    app: App, platform: RecordingSender, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    await learner(app, "leo")
    # the bot was down from 07:00 to 09:10; a fresh runner starts and catches up
    clock.moment = datetime(2026, 3, 2, 9, 10, tzinfo=UTC)
    fresh = ChallengeRunner(app.services, app.courier)
    assert (await fresh.tick()).posted == 1
    again = ChallengeRunner(app.services, app.courier)
    assert (await again.tick()).posted == 0
    assert len(questions(platform, "leo")) == 1


async def test_two_runners_at_once_post_once(
    app: App, platform: RecordingSender, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    for name in ("a", "b", "c"):
        await learner(app, name)
    clock.moment = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    first, second = (
        ChallengeRunner(app.services, app.courier),
        ChallengeRunner(app.services, app.courier),
    )
    reports = await asyncio.gather(first.tick(), second.tick())
    assert sum(r.posted for r in reports) == 3, reports
    assert sum(r.broadcast.sent for r in reports) == 3
    assert all(len(questions(platform, name)) == 1 for name in ("a", "b", "c"))


async def test_days_missed_beyond_the_grace_are_skipped_not_piled_up(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    await learner(app, "zoe")
    clock.moment = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)  # three days later, at noon
    report = await runner.tick()
    assert report.posted == 0 and report.missed == 1 and not platform.sent
    clock.moment = datetime(2026, 3, 6, 7, 30, tzinfo=UTC)
    assert (await runner.tick()).posted == 1


async def test_daylight_saving_changes_keep_the_local_time(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)
    await learner(app, "ana", "08:00 Europe/London")
    # Saturday 28 March: GMT, so 08:00 UTC. Sunday 29 March: BST, so 07:00 UTC.
    clock.moment = datetime(2026, 3, 28, 7, 59, tzinfo=UTC)
    assert (await runner.tick()).posted == 0
    clock.moment = datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert (await runner.tick()).posted == 1
    clock.moment = datetime(2026, 3, 29, 6, 59, tzinfo=UTC)
    assert (await runner.tick()).posted == 0
    clock.moment = datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert (await runner.tick()).posted == 1
    # autumn: Sunday 25 October is back on GMT
    clock.moment = datetime(2026, 10, 24, 6, 0, tzinfo=UTC)
    await learner(app, "ana", "08:00 Europe/London")
    clock.moment = datetime(2026, 10, 24, 7, 0, tzinfo=UTC)
    assert (await runner.tick()).posted == 1  # 08:00 BST
    clock.moment = datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert (await runner.tick()).posted == 0
    clock.moment = datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert (await runner.tick()).posted == 1  # 08:00 GMT


async def test_no_word_repeats_within_thirty_days(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    await learner(app, "kim", "07:00 UTC")
    words = []
    for day in range(30):
        clock.moment = datetime(2026, 3, 2, 7, 0, tzinfo=UTC) + timedelta(days=day)
        await runner.tick()
        game = await app.services.challenges.latest_round("class", "kim")
        assert game is not None
        words.append(game.word)
    assert len(set(words)) == 30, words


async def test_one_picture_a_day_is_drawn_ahead_and_shared_by_every_chat(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    for name in ("p1", "p2", "p3", "p4"):
        await learner(app, name, "07:30 UTC")
    clock.moment = datetime(2026, 3, 2, 6, 45, tzinfo=UTC)  # within the hour before posting
    assert (await runner.tick()).prepared == 1 and not platform.sent
    await queue_idle(app.services.queue)
    clock.moment = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    assert (await runner.tick()).broadcast.sent == 4
    jobs = await app.services.db.fetchval("SELECT COUNT(*) FROM jobs")
    assert jobs == 1
    pictures = {platform.to(name)[0].images[0].image_id for name in ("p1", "p2", "p3", "p4")}
    assert len(pictures) == 1 and None not in pictures


async def test_a_blocked_chat_is_skipped_and_the_rest_still_get_it(
    app: App, platform: RecordingSender, runner: ChallengeRunner, clock: FakeClock
) -> None:
    clock.moment = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    for name in ("u1", "u2", "u3"):
        await learner(app, name, "07:30 UTC")
    platform.blocked.add("u2")
    clock.moment = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
    report = (await runner.tick()).broadcast
    assert (report.sent, report.blocked, report.failed) == (2, 1, 0)
    assert not await app.services.users.chat_is_active("class", "u2")
    assert await active_schedules(app) == 2
    clock.moment = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
    report = (await runner.tick()).broadcast
    assert (report.sent, report.blocked, report.skipped) == (2, 0, 0)
