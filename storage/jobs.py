"""Generation job records: queued → running → done / failed / cancelled, and their delivery."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database

INTERACTIVE = 0
BACKGROUND = 1


@dataclass(frozen=True)
class JobRecord:
    id: int
    owner: str
    state: str
    priority: int
    purpose: str
    cache_key: str
    batch_key: str
    request: dict[str, Any]
    delivery: dict[str, Any]
    attempts: int
    image_id: int | None
    error: str | None
    created_at: datetime
    delivered: bool
    claimed: bool = False


def _record(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        id=int(row["id"]),
        owner=row["owner"],
        state=row["state"],
        priority=int(row["priority"]),
        purpose=row["purpose"],
        cache_key=row["cache_key"],
        batch_key=row["batch_key"],
        request=json.loads(row["request"]),
        delivery=json.loads(row["delivery"]),
        attempts=int(row["attempts"]),
        image_id=row["image_id"],
        error=row["error"],
        created_at=parse_stamp(row["created_at"]),
        delivered=row["delivered_at"] is not None,
        claimed=row["claimed_at"] is not None,
    )


# Waiting jobs in the order they will be drawn: interactive first, then by fair turn.
_FAIR_ORDER = "SELECT * FROM jobs WHERE state = 'queued' ORDER BY priority, turn, id"


class JobStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def add(
        self,
        *,
        owner: str,
        purpose: str,
        priority: int,
        cache_key: str,
        batch_key: str,
        request: dict[str, Any],
        delivery: dict[str, Any],
    ) -> int:
        """Record the job durably; only after this returns is the learner told it is queued."""
        return await self.db.insert(
            "INSERT INTO jobs (owner, state, priority, turn, purpose, cache_key, batch_key, "
            "request, delivery, created_at) VALUES (?, 'queued', ?, MAX("
            " COALESCE((SELECT MAX(turn) FROM jobs WHERE started_at IS NOT NULL), 0),"
            " COALESCE((SELECT MAX(turn) + 1 FROM jobs WHERE owner = ?"
            "           AND state IN ('queued', 'running')), 0)"
            "), ?, ?, ?, ?, ?, ?)",
            (
                owner,
                priority,
                owner,
                purpose,
                cache_key,
                batch_key,
                json.dumps(request),
                json.dumps(delivery),
                stamp(self.clock.now()),
            ),
        )

    async def get(self, job_id: int) -> JobRecord | None:
        row = await self.db.fetchone("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return None if row is None else _record(row)

    async def fair_order(self, limit: int = 1000) -> list[JobRecord]:
        rows = await self.db.fetchall(f"{_FAIR_ORDER} LIMIT ?", (limit,))
        return [_record(r) for r in rows]

    async def position(self, job_id: int) -> int:
        """1 = next to be drawn. A job that is already running or finished has position 0."""
        row = await self.db.fetchone(
            # the waiting jobs' own index (it holds the order's columns): without statistics
            # the planner took the index by state and read every waiting job's row
            "SELECT (SELECT COUNT(*) FROM jobs AS ahead INDEXED BY jobs_waiting "
            "WHERE ahead.state = 'queued' AND "
            "(ahead.priority, ahead.turn, ahead.id) < (job.priority, job.turn, job.id)) + 1 "
            "FROM jobs AS job WHERE job.id = ? AND job.state = 'queued'",
            (job_id,),
        )
        return 0 if row is None else int(row[0])

    async def waiting_with_key(self, cache_key: str) -> list[JobRecord]:
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE state = 'queued' AND cache_key = ? ORDER BY id", (cache_key,)
        )
        return [_record(r) for r in rows]

    async def mark_running(self, job_ids: list[int]) -> None:
        await self.db.executemany(
            "UPDATE jobs SET state = 'running', started_at = ?, attempts = attempts + 1 "
            "WHERE id = ? AND state = 'queued'",
            [(stamp(self.clock.now()), job_id) for job_id in job_ids],
        )

    async def finish(self, job_ids: list[int], image_id: int) -> None:
        await self.db.executemany(
            "UPDATE jobs SET state = 'done', image_id = ?, finished_at = ?, error = NULL "
            "WHERE id = ? AND state IN ('queued', 'running')",
            [(image_id, stamp(self.clock.now()), job_id) for job_id in job_ids],
        )

    async def fail(self, job_ids: list[int], error: str) -> None:
        await self.db.executemany(
            "UPDATE jobs SET state = 'failed', error = ?, finished_at = ? "
            "WHERE id = ? AND state IN ('queued', 'running')",
            [(error, stamp(self.clock.now()), job_id) for job_id in job_ids],
        )

    async def requeue(self, job_ids: list[int]) -> None:
        await self.db.executemany(
            "UPDATE jobs SET state = 'queued' WHERE id = ? AND state = 'running'",
            [(job_id,) for job_id in job_ids],
        )

    async def cancel(self, job_id: int, owner: str) -> bool:
        changed = await self.db.execute(
            "UPDATE jobs SET state = 'cancelled', finished_at = ?, claimed_at = ?, "
            "delivered_at = ? "
            "WHERE id = ? AND owner = ? AND state = 'queued'",
            (
                stamp(self.clock.now()),
                stamp(self.clock.now()),
                stamp(self.clock.now()),
                job_id,
                owner,
            ),
        )
        return changed > 0

    async def recover_after_restart(self, max_attempts: int) -> tuple[int, int]:
        """Jobs left running by a dead process go back in line, or fail after too many tries."""
        now = stamp(self.clock.now())
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE jobs SET state = 'failed', error = 'too many attempts', finished_at = ? "
                "WHERE state = 'running' AND attempts >= ?",
                (now, max_attempts),
            )
            failed = cursor.rowcount
            cursor = await conn.execute("UPDATE jobs SET state = 'queued' WHERE state = 'running'")
            requeued = cursor.rowcount
        return requeued, failed

    async def pending_for(self, owner: str) -> int:
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM jobs WHERE owner = ? AND state IN ('queued', 'running')", (owner,)
        )
        return int(value or 0)

    async def created_since(self, owner: str, since: datetime) -> int:
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM jobs WHERE owner = ? AND created_at >= ? AND priority = ?",
            (owner, stamp(since), INTERACTIVE),
        )
        return int(value or 0)

    async def queued_ids(self, owner: str) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT id FROM jobs WHERE owner = ? AND state = 'queued' ORDER BY id", (owner,)
        )
        return [int(r[0]) for r in rows]

    # ---- the Redis outbox -------------------------------------------------------------------
    async def undispatched(self, limit: int = 100) -> list[JobRecord]:
        """Jobs to send to the workers: one per picture. A job whose identical twin (same
        cache key) is out already waits for the twin's picture instead of being drawn again;
        so does every twin after the first in this list."""
        rows = await self.db.fetchall(
            "SELECT * FROM jobs AS job WHERE job.state = 'queued' AND job.dispatched_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM jobs AS twin WHERE twin.cache_key = job.cache_key "
            "AND twin.state IN ('queued', 'running') AND twin.dispatched_at IS NOT NULL) "
            "ORDER BY job.priority, job.turn, job.id LIMIT ?",
            (limit,),
        )
        first: dict[str, JobRecord] = {}
        for row in rows:
            first.setdefault(row["cache_key"], _record(row))
        return list(first.values())

    async def mark_dispatched(self, job_ids: list[int]) -> None:
        await self.db.executemany(
            "UPDATE jobs SET dispatched_at = ? WHERE id = ?",
            [(stamp(self.clock.now()), job_id) for job_id in job_ids],
        )

    async def stale_ids(self, before: datetime) -> list[int]:
        """Unfinished jobs sent to the workers before `before`."""
        rows = await self.db.fetchall(
            "SELECT id FROM jobs WHERE state IN ('queued', 'running') AND dispatched_at < ?",
            (stamp(before),),
        )
        return [int(row["id"]) for row in rows]

    async def redispatch(self, job_ids: list[int]) -> None:
        """These jobs go out again (a second answer to a finished job is ignored)."""
        await self.db.executemany(
            "UPDATE jobs SET dispatched_at = NULL, state = 'queued' "
            "WHERE id = ? AND state IN ('queued', 'running')",
            [(job_id,) for job_id in job_ids],
        )

    async def unfinished_count(self) -> int:
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')"
        )
        return int(value or 0)

    async def waiting_count(self) -> int:
        value = await self.db.fetchval("SELECT COUNT(*) FROM jobs WHERE state = 'queued'")
        return int(value or 0)

    async def undelivered(self) -> list[JobRecord]:
        """Finished jobs whose learner was not told yet, including sends cut off by a crash."""
        rows = await self.db.fetchall(
            "SELECT * FROM jobs WHERE delivered_at IS NULL AND state IN ('done', 'failed') "
            "ORDER BY id"
        )
        return [_record(r) for r in rows]

    async def claim_delivery(self, job_id: int) -> bool:
        """Claim before sending: only one sender ever sends this job's picture."""
        changed = await self.db.execute(
            "UPDATE jobs SET claimed_at = ? WHERE id = ? AND claimed_at IS NULL",
            (stamp(self.clock.now()), job_id),
        )
        return changed > 0

    async def confirm_delivery(self, job_id: int) -> None:
        await self.db.execute(
            "UPDATE jobs SET delivered_at = ? WHERE id = ?", (stamp(self.clock.now()), job_id)
        )

    async def release_delivery(self, job_id: int) -> None:
        """The send failed before anything reached the learner: allow another try."""
        await self.db.execute(
            "UPDATE jobs SET claimed_at = NULL WHERE id = ? AND delivered_at IS NULL", (job_id,)
        )

    async def finished_since(self, since: datetime, state: str) -> int:
        """How many jobs ended in `state` since then (operator figures for /status)."""
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM jobs WHERE state = ? AND finished_at >= ?", (state, stamp(since))
        )
        return int(value or 0)
