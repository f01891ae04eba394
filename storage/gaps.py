"""Words the model could not draw, counted, so the people who can fill the gaps see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database


@dataclass(frozen=True)
class Gap:
    word: str
    asked: int  # how many times it was asked for
    learners: int  # by how many different learners
    reason: str  # "unknown" (nothing to draw it with) or "not_shown" (the picture failed)
    last_asked: datetime


class GapStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(self, model: str, word: str, learner: int | None, reason: str) -> None:
        word = word.lower()
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO undrawable_words (model, word, asked, reason, last_asked) "
                "VALUES (?, ?, 1, ?, ?) ON CONFLICT (model, word) DO UPDATE SET "
                "asked = asked + 1, reason = excluded.reason, last_asked = excluded.last_asked",
                (model, word, reason, stamp(self.clock.now())),
            )
            if learner is not None:
                await conn.execute(
                    "INSERT OR IGNORE INTO undrawable_askers (model, word, user_id) "
                    "VALUES (?, ?, ?)",
                    (model, word, learner),
                )

    async def most_asked(self, model: str, limit: int = 20) -> list[Gap]:
        rows = await self.db.fetchall(
            "SELECT w.*, (SELECT COUNT(*) FROM undrawable_askers a WHERE a.model = w.model "
            "AND a.word = w.word) AS learners FROM undrawable_words w WHERE w.model = ? "
            "ORDER BY w.asked DESC, w.last_asked DESC, w.word LIMIT ?",
            (model, limit),
        )
        return [
            Gap(
                row["word"],
                int(row["asked"]),
                int(row["learners"]),
                row["reason"],
                parse_stamp(row["last_asked"]),
            )
            for row in rows
        ]
