"""What each learner asked to see: the `/history` list, newest first, searchable with FTS5."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    kind: str
    text: str
    job_id: int | None
    image_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    page: int
    has_next: bool


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every word of the input as a quoted prefix, never raw syntax."""
    words = _WORD.findall(text)[:8]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _entry(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(
        id=int(row["id"]),
        kind=row["kind"],
        text=row["text"],
        job_id=row["job_id"],
        image_id=row["image_id"],
        created_at=parse_stamp(row["created_at"]),
    )


class HistoryStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(
        self,
        user_id: int,
        kind: str,
        text: str,
        *,
        job_id: int | None = None,
        image_id: int | None = None,
    ) -> int:
        return await self.db.insert(
            "INSERT INTO requests (user_id, kind, text, job_id, image_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, kind, text, job_id, image_id, stamp(self.clock.now())),
        )

    async def attach_job_image(self, job_id: int, image_id: int) -> None:
        """The picture a job drew becomes the picture of the history entry that asked for it."""
        await self.db.execute(
            "UPDATE requests SET image_id = ? WHERE job_id = ?", (image_id, job_id)
        )

    async def for_job(self, job_id: int) -> HistoryEntry | None:
        row = await self.db.fetchone("SELECT * FROM requests WHERE job_id = ?", (job_id,))
        return None if row is None else _entry(row)

    async def get(self, user_id: int, entry_id: int) -> HistoryEntry | None:
        row = await self.db.fetchone(
            "SELECT * FROM requests WHERE id = ? AND user_id = ?", (entry_id, user_id)
        )
        return None if row is None else _entry(row)

    async def page(
        self, user_id: int, page: int = 1, *, size: int = 10, search: str | None = None
    ) -> HistoryPage:
        """One page, newest first; one extra row is read to know whether a next page exists."""
        offset = (max(page, 1) - 1) * size
        query = fts_query(search) if search else None
        if search and query is None:
            return HistoryPage([], page, False)
        if query is None:
            rows = await self.db.fetchall(
                "SELECT * FROM requests WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                (user_id, size + 1, offset),
            )
        else:
            rows = await self.db.fetchall(
                "SELECT requests.* FROM requests_fts "
                "JOIN requests ON requests.id = requests_fts.rowid "
                "WHERE requests_fts MATCH ? ORDER BY requests_fts.rowid DESC LIMIT ? OFFSET ?",
                (f'owner:"u{int(user_id)}" AND text:({query})', size + 1, offset),
            )
        return HistoryPage([_entry(r) for r in rows[:size]], page, len(rows) > size)
