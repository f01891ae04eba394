"""Operator figures: recent finished and failed jobs."""

from __future__ import annotations

from datetime import datetime

from storage.clock import stamp
from storage.db import Database


async def finished_since(db: Database, since: datetime, state: str) -> int:
    value = await db.fetchval(
        "SELECT COUNT(*) FROM jobs WHERE state = ? AND finished_at >= ?", (state, stamp(since))
    )
    return int(value or 0)
