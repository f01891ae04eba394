"""Refused requests and pictures, kept for a teacher's review."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database


@dataclass(frozen=True)
class Flag:
    id: int
    user_id: int | None
    platform: str
    chat_id: str
    kind: str
    text: str
    reason: str
    created_at: datetime
    reviewed: bool


def _flag(row: sqlite3.Row) -> Flag:
    return Flag(
        int(row["id"]),
        row["user_id"],
        row["platform"],
        row["chat_id"],
        row["kind"],
        row["text"],
        row["reason"],
        parse_stamp(row["created_at"]),
        row["reviewed_at"] is not None,
    )


class FlagStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(
        self, *, user_id: int | None, platform: str, chat_id: str, kind: str, text: str, reason: str
    ) -> int:
        return await self.db.insert(
            "INSERT INTO flags (user_id, platform, chat_id, kind, text, reason, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (user_id, platform, chat_id, kind, text[:500], reason, stamp(self.clock.now())),
        )

    async def recent_for(self, user_id: int, window: timedelta) -> int:
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM flags WHERE user_id = ? AND created_at >= ?",
            (user_id, stamp(self.clock.now() - window)),
        )
        return int(value or 0)

    async def latest(
        self, *, platform: str | None = None, chat_id: str | None = None, limit: int = 20
    ) -> list[Flag]:
        rows = await self.db.fetchall(
            "SELECT * FROM flags WHERE (? IS NULL OR platform = ?) AND (? IS NULL OR chat_id = ?) "
            "ORDER BY id DESC LIMIT ?",
            (platform, platform, chat_id, chat_id, limit),
        )
        return [_flag(r) for r in rows]
