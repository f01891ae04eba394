"""Long button data kept in the database behind short tokens (platforms cap button data)."""

from __future__ import annotations

from storage.clock import Clock, stamp
from storage.db import Database

PREFIX = "~"


class ButtonStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def shorten(self, data: str, limit: int) -> str:
        """`data` itself when it fits `limit` bytes, else a token like "~k3" that stands for it."""
        if len(data.encode()) <= limit and not data.startswith(PREFIX):
            return data
        await self.db.execute(
            "INSERT INTO button_data (data, created_at) VALUES (?, ?) "
            "ON CONFLICT (data) DO NOTHING",
            (data, stamp(self.clock.now())),
        )
        row_id = await self.db.fetchval("SELECT id FROM button_data WHERE data = ?", (data,))
        return f"{PREFIX}{int(row_id):x}"

    async def expand(self, data: str) -> str | None:
        """The button data a token stands for (None for an unknown token); other data as is."""
        if not data.startswith(PREFIX):
            return data
        try:
            row_id = int(data[len(PREFIX) :], 16)
        except ValueError:
            return None
        value = await self.db.fetchval("SELECT data FROM button_data WHERE id = ?", (row_id,))
        return None if value is None else str(value)
