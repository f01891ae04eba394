"""Two processes on one database: a posting is claimed by exactly one of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.challenges import ChallengeStore
from storage.db import Database
from tests.helpers import FakeClock


async def test_only_one_connection_wins_a_posting_and_a_round(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "p.sqlite3"
    async with Database(path) as first_db, Database(path) as second_db:
        first, second = ChallengeStore(first_db, clock), ChallengeStore(second_db, clock)
        due = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
        schedule = await first.save_schedule(
            kind="learner", platform="t", chat_id="1", chat_kind="private", learner_id=None,
            post_time="07:30", timezone="UTC", reveal_minutes=0, pool="level:A1", locale="en",
            next_post_at=due,
        )  # fmt: skip
        following = due + timedelta(days=1)
        wins = [
            await store.advance(schedule.id, due, following) for store in (first, second, first)
        ]
        assert wins == [True, False, False]
        rounds = [
            await store.add_round(
                schedule,
                platform="t",
                chat_id="1",
                day="2026-03-02",
                word="cat",
                choices=["cat", "dog"],
                image_id=None,
                reveal_at=None,
            )
            for store in (second, first)
        ]
        assert rounds[0] is not None and rounds[1] is None
        lease = clock.now() - timedelta(minutes=10)
        assert await first.claim_send(rounds[0].id, lease)
        assert not await second.claim_send(rounds[0].id, lease)
