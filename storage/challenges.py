"""Daily challenges in the database: schedules (the source of truth), rounds, answers, word lists.

Exactly-once posting rests on two guards the database enforces: a schedule's ``next_post_at``
is moved on by compare-and-set (only one process wins a given posting), and a round is unique
per schedule and local day.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database


@dataclass(frozen=True)
class Schedule:
    id: int
    kind: str  # "learner" | "class"
    platform: str
    chat_id: str
    chat_kind: str
    learner_id: int | None
    post_time: str
    timezone: str
    reveal_minutes: int
    pool: str
    locale: str
    next_post_at: datetime
    active: bool


@dataclass(frozen=True)
class Round:
    id: int
    schedule_id: int | None
    platform: str
    chat_id: str
    day: str
    word: str
    choices: list[str]
    image_id: int | None
    posted_at: datetime
    reveal_at: datetime | None
    state: str
    timezone: str = "UTC"


@dataclass(frozen=True)
class Standing:
    learner_id: int
    points: int
    correct: int
    answered: int


def _schedule(row: sqlite3.Row) -> Schedule:
    return Schedule(
        id=int(row["id"]),
        kind=row["kind"],
        platform=row["platform"],
        chat_id=row["chat_id"],
        chat_kind=row["chat_kind"],
        learner_id=row["learner_id"],
        post_time=row["post_time"],
        timezone=row["timezone"],
        reveal_minutes=int(row["reveal_minutes"]),
        pool=row["pool"],
        locale=row["locale"],
        next_post_at=parse_stamp(row["next_post_at"]),
        active=bool(row["active"]),
    )


def _round(row: sqlite3.Row) -> Round:
    return Round(
        id=int(row["id"]),
        schedule_id=row["schedule_id"],
        platform=row["platform"],
        chat_id=row["chat_id"],
        day=row["day"],
        word=row["word"],
        choices=list(json.loads(row["choices"])),
        image_id=row["image_id"],
        posted_at=parse_stamp(row["posted_at"]),
        reveal_at=parse_stamp(row["reveal_at"]) if row["reveal_at"] else None,
        state=row["state"],
        timezone=row["timezone"],
    )


class ChallengeStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # ---- schedules -------------------------------------------------------------------------
    async def save_schedule(
        self,
        *,
        kind: str,
        platform: str,
        chat_id: str,
        chat_kind: str,
        learner_id: int | None,
        post_time: str,
        timezone: str,
        reveal_minutes: int,
        pool: str,
        locale: str,
        next_post_at: datetime,
    ) -> Schedule:
        """Create or replace the schedule of this kind for this chat (one per chat and kind)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO challenge_schedules (kind, platform, chat_id, chat_kind, learner_id, "
                "post_time, timezone, reveal_minutes, pool, locale, next_post_at, active) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (kind, platform, chat_id) DO UPDATE SET "
                "chat_kind = excluded.chat_kind, learner_id = excluded.learner_id, "
                "post_time = excluded.post_time, "
                "timezone = excluded.timezone, reveal_minutes = excluded.reveal_minutes, "
                "pool = excluded.pool, locale = excluded.locale, "
                "next_post_at = excluded.next_post_at, active = 1",
                (
                    kind,
                    platform,
                    chat_id,
                    chat_kind,
                    learner_id,
                    post_time,
                    timezone,
                    reveal_minutes,
                    pool,
                    locale,
                    stamp(next_post_at),
                ),
            )
            # read back on the writer: the reader may still hold an older snapshot
            cursor = await conn.execute(
                "SELECT * FROM challenge_schedules WHERE kind = ? AND platform = ? AND chat_id = ?",
                (kind, platform, chat_id),
            )
            row = await cursor.fetchone()
            await cursor.close()
        assert row is not None
        return _schedule(row)

    async def schedule_for(self, kind: str, platform: str, chat_id: str) -> Schedule | None:
        row = await self.db.fetchone(
            "SELECT * FROM challenge_schedules WHERE kind = ? AND platform = ? AND chat_id = ?",
            (kind, platform, chat_id),
        )
        return _schedule(row) if row else None

    async def schedule(self, schedule_id: int) -> Schedule | None:
        row = await self.db.fetchone(
            "SELECT * FROM challenge_schedules WHERE id = ?", (schedule_id,)
        )
        return _schedule(row) if row else None

    async def stop(self, kind: str, platform: str, chat_id: str) -> bool:
        changed = await self.db.execute(
            "UPDATE challenge_schedules SET active = 0 "
            "WHERE kind = ? AND platform = ? AND chat_id = ? AND active = 1",
            (kind, platform, chat_id),
        )
        return changed > 0

    async def due(self, now: datetime, limit: int = 100_000) -> list[Schedule]:
        rows = await self.db.fetchall(
            "SELECT * FROM challenge_schedules WHERE active = 1 AND next_post_at <= ? "
            "ORDER BY next_post_at, id LIMIT ?",
            (stamp(now), limit),
        )
        return [_schedule(row) for row in rows]

    async def advance(self, schedule_id: int, expected: datetime, following: datetime) -> bool:
        """Move a schedule to its next posting; False when another process already did."""
        changed = await self.db.execute(
            "UPDATE challenge_schedules SET next_post_at = ? WHERE id = ? AND next_post_at = ?",
            (stamp(following), schedule_id, stamp(expected)),
        )
        return changed == 1

    # ---- words of the day ------------------------------------------------------------------
    async def word_of_day(self, pool: str, day: str) -> str | None:
        value = await self.db.fetchval(
            "SELECT word FROM daily_words WHERE pool = ? AND day = ?", (pool, day)
        )
        return None if value is None else str(value)

    async def choose_word_of_day(self, pool: str, day: str, word: str) -> str:
        """Record ``word`` for the day unless one is already chosen; returns the day's word."""
        await self.db.execute(
            "INSERT OR IGNORE INTO daily_words (pool, day, word) VALUES (?, ?, ?)",
            (pool, day, word),
        )
        chosen = await self.word_of_day(pool, day)
        return chosen or word

    async def words_since(self, pool: str, first_day: str) -> set[str]:
        rows = await self.db.fetchall(
            "SELECT word FROM daily_words WHERE pool = ? AND day >= ?", (pool, first_day)
        )
        return {str(row["word"]) for row in rows}

    # ---- rounds ----------------------------------------------------------------------------
    async def add_round(
        self,
        schedule: Schedule | None,
        *,
        platform: str,
        chat_id: str,
        day: str,
        word: str,
        choices: list[str],
        image_id: int | None,
        reveal_at: datetime | None,
        sent: bool = False,
        timezone: str = "UTC",
    ) -> Round | None:
        """The new round, or None when this schedule already has one for that day."""
        now = stamp(self.clock.now())
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO challenge_rounds (schedule_id, platform, chat_id, day, "
                "word, choices, image_id, posted_at, reveal_at, sent_at, timezone) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    schedule.id if schedule else None,
                    platform,
                    chat_id,
                    day,
                    word,
                    json.dumps(choices),
                    image_id,
                    now,
                    stamp(reveal_at) if reveal_at else None,
                    now if sent else None,
                    timezone,
                ),
            )
            # lastrowid is stale after an ignored insert: only a changed row counts
            round_id = cursor.lastrowid if cursor.rowcount == 1 else None
            await cursor.close()
            if not round_id:
                return None
            cursor = await conn.execute("SELECT * FROM challenge_rounds WHERE id = ?", (round_id,))
            row = await cursor.fetchone()
            await cursor.close()
        return _round(row) if row else None

    async def round(self, round_id: int) -> Round | None:
        row = await self.db.fetchone("SELECT * FROM challenge_rounds WHERE id = ?", (round_id,))
        return _round(row) if row else None

    async def latest_round(self, platform: str, chat_id: str) -> Round | None:
        row = await self.db.fetchone(
            "SELECT * FROM challenge_rounds WHERE platform = ? AND chat_id = ? "
            "ORDER BY posted_at DESC, id DESC LIMIT 1",
            (platform, chat_id),
        )
        return _round(row) if row else None

    async def unsent(self, lease_before: datetime, limit: int = 100_000) -> list[Round]:
        """Rounds nobody is sending: new ones, and those of a process that stopped mid-way."""
        rows = await self.db.fetchall(
            "SELECT * FROM challenge_rounds WHERE sent_at IS NULL "
            "AND (claimed_at IS NULL OR claimed_at < ?) ORDER BY id LIMIT ?",
            (stamp(lease_before), limit),
        )
        return [_round(row) for row in rows]

    async def claim_send(self, round_id: int, lease_before: datetime) -> bool:
        changed = await self.db.execute(
            "UPDATE challenge_rounds SET claimed_at = ? WHERE id = ? AND sent_at IS NULL "
            "AND (claimed_at IS NULL OR claimed_at < ?)",
            (stamp(self.clock.now()), round_id, stamp(lease_before)),
        )
        return changed == 1

    async def mark_sent(self, round_id: int, image_id: int | None) -> None:
        await self.db.execute(
            "UPDATE challenge_rounds SET sent_at = ?, image_id = COALESCE(?, image_id) "
            "WHERE id = ?",
            (stamp(self.clock.now()), image_id, round_id),
        )

    async def due_reveals(self, now: datetime) -> list[Round]:
        rows = await self.db.fetchall(
            "SELECT * FROM challenge_rounds WHERE state = 'open' AND reveal_at IS NOT NULL "
            "AND reveal_at <= ? ORDER BY reveal_at, id",
            (stamp(now),),
        )
        return [_round(row) for row in rows]

    async def claim_reveal(self, round_id: int) -> bool:
        """Close a round for answers; False when it was already closed (by us or another)."""
        changed = await self.db.execute(
            "UPDATE challenge_rounds SET state = 'revealed' WHERE id = ? AND state = 'open'",
            (round_id,),
        )
        return changed == 1

    # ---- answers ---------------------------------------------------------------------------
    async def add_answer(self, round_id: int, learner_id: int, answer: str, correct: bool) -> bool:
        """Record a learner's first answer; False when they had answered already."""
        changed = await self.db.execute(
            "INSERT OR IGNORE INTO challenge_answers "
            "(round_id, learner_id, answer, correct, answered_at) VALUES (?, ?, ?, ?, ?)",
            (round_id, learner_id, answer[:100], int(correct), stamp(self.clock.now())),
        )
        return changed == 1

    async def answers(self, round_id: int) -> list[tuple[int, str, bool]]:
        rows = await self.db.fetchall(
            "SELECT learner_id, answer, correct FROM challenge_answers WHERE round_id = ? "
            "ORDER BY answered_at, learner_id",
            (round_id,),
        )
        return [(int(r["learner_id"]), str(r["answer"]), bool(r["correct"])) for r in rows]

    async def leaderboard(
        self, platform: str, chat_id: str, *, since: datetime | None = None, limit: int = 10
    ) -> list[Standing]:
        """Class standings: 10 points per right answer, ties broken by who answered more."""
        rows = await self.db.fetchall(
            "SELECT a.learner_id, SUM(a.correct) AS correct, COUNT(*) AS answered "
            "FROM challenge_answers a JOIN challenge_rounds r ON r.id = a.round_id "
            "WHERE r.platform = ? AND r.chat_id = ? AND r.posted_at >= ? "
            # an open challenge's answers count after its reveal: standings before it would
            # tell the class who answered wrong
            "AND (r.reveal_at IS NULL OR r.state = 'revealed') "
            "GROUP BY a.learner_id ORDER BY correct DESC, answered DESC, MIN(a.answered_at) "
            "LIMIT ?",
            (platform, chat_id, stamp(since) if since else "", limit),
        )
        return [
            Standing(
                int(r["learner_id"]), 10 * int(r["correct"]), int(r["correct"]), int(r["answered"])
            )
            for r in rows
        ]

    async def round_words(self, platform: str, chat_id: str, day: str) -> list[str]:
        """The words this chat's rounds asked on `day`."""
        rows = await self.db.fetchall(
            "SELECT word FROM challenge_rounds WHERE platform = ? AND chat_id = ? AND day = ?",
            (platform, chat_id, day),
        )
        return [str(r["word"]) for r in rows]

    async def class_chats(self, limit: int = 100) -> list[tuple[str, str]]:
        """Chats that play class challenges (a class schedule, a word list or a class round)."""
        rows = await self.db.fetchall(
            "SELECT platform, chat_id FROM challenge_schedules WHERE kind = 'class' "
            "UNION SELECT platform, chat_id FROM word_lists "
            "UNION SELECT platform, chat_id FROM challenge_rounds WHERE reveal_at IS NOT NULL "
            "LIMIT ?",
            (limit,),
        )
        return [(str(r["platform"]), str(r["chat_id"])) for r in rows]

    # ---- class word lists ------------------------------------------------------------------
    async def add_words(self, platform: str, chat_id: str, words: list[str]) -> int:
        before = len(await self.words(platform, chat_id))
        now = stamp(self.clock.now())
        await self.db.executemany(
            "INSERT OR IGNORE INTO word_lists (platform, chat_id, word, added_at) "
            "VALUES (?, ?, ?, ?)",
            [(platform, chat_id, word, now) for word in words],
        )
        return len(await self.words(platform, chat_id)) - before

    async def remove_words(self, platform: str, chat_id: str, words: list[str]) -> int:
        removed = 0
        for word in words:
            removed += await self.db.execute(
                "DELETE FROM word_lists WHERE platform = ? AND chat_id = ? AND word = ?",
                (platform, chat_id, word),
            )
        return removed

    async def words(self, platform: str, chat_id: str) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT word FROM word_lists WHERE platform = ? AND chat_id = ? ORDER BY word",
            (platform, chat_id),
        )
        return [str(row["word"]) for row in rows]
