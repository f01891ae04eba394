"""Read-only summaries for teachers: every learner's progress at a glance."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database


@dataclass(frozen=True)
class LearnerRow:
    id: int
    platforms: str
    seen: int
    learned: int
    answered: int
    correct: int
    xp: int
    streak: int
    last_seen: str

    @property
    def accuracy(self) -> str:
        return f"{round(100 * self.correct / self.answered)}%" if self.answered else "–"


_OVERVIEW = """
SELECT users.id, users.last_seen,
       (SELECT GROUP_CONCAT(DISTINCT platform) FROM identities
         WHERE user_id = users.id) AS platforms,
       (SELECT COUNT(*) FROM items WHERE user_id = users.id) AS seen,
       (SELECT COUNT(DISTINCT item_id) FROM review_log
         WHERE user_id = users.id AND correct = 1) AS learned,
       (SELECT COUNT(*) FROM review_log WHERE user_id = users.id) AS answered,
       (SELECT COALESCE(SUM(correct), 0) FROM review_log WHERE user_id = users.id) AS correct,
       COALESCE(progress.xp, 0) AS xp, COALESCE(progress.streak, 0) AS streak
FROM users LEFT JOIN progress ON progress.user_id = users.id
"""


def _row(r: sqlite3.Row) -> LearnerRow:
    return LearnerRow(
        int(r["id"]),
        r["platforms"] or "",
        int(r["seen"]),
        int(r["learned"]),
        int(r["answered"]),
        int(r["correct"]),
        int(r["xp"]),
        int(r["streak"]),
        _when(str(r["last_seen"])),
    )


def _when(stamp: str) -> str:
    """ "02 Mar 09:00", as the dashboard's other tables write a moment (was 2026-03-02T09:00)."""
    try:
        return datetime.fromisoformat(stamp).strftime("%d %b %H:%M")
    except ValueError:
        return stamp[:16]


class ReportStore:
    """What the teacher dashboard shows about learners (ids only, never names)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def overview(self, limit: int = 500) -> list[LearnerRow]:
        db = self.db
        rows = await db.fetchall(_OVERVIEW + " ORDER BY users.last_seen DESC LIMIT ?", (limit,))
        return [_row(r) for r in rows]

    async def learner(self, user_id: int) -> LearnerRow | None:
        db = self.db
        row = await db.fetchone(_OVERVIEW + " WHERE users.id = ?", (user_id,))
        return None if row is None else _row(row)
