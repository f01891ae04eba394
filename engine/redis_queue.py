"""The queue with `queue.backend = "redis"`: the bot keeps SQLite as the source of truth and
an outbox; GPU workers (`pictolingo worker`) draw what it sends through Redis Streams.

Submitting never touches Redis (cache, limits and backpressure work as in the local queue),
so students can use every other command while Redis is down; a pump sends waiting jobs when
it is reachable again. Results are idempotent: a job already finished ignores a second answer,
and the courier's claim/confirm delivery means a student never gets a picture twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from datetime import timedelta
from typing import Any

import redis.asyncio as aioredis

from engine.queue import JobEvent, QueueCore, QueueOptions
from engine.redis_wire import BOT, Names, job_fields, picture_from, text
from engine.worker import REDIS_DOWN, ensure_group, keep_going
from storage.clock import Clock
from storage.images import ImageStore
from storage.jobs import JobRecord, JobStore

log = logging.getLogger(__name__)
STOP_SECONDS = 5  # how long closing waits for the outbox pump and the results listener


class RedisQueue(QueueCore):
    def __init__(
        self,
        jobs: JobStore,
        images: ImageStore,
        options: QueueOptions,
        clock: Clock,
        redis_url: str,
        *,
        names: Names | None = None,
        redispatch_after: timedelta = timedelta(minutes=10),
    ) -> None:
        super().__init__(jobs, images, options, clock)
        self.url = redis_url
        self.names = names or Names()
        self.redispatch_after = redispatch_after
        self.redis: Any = None
        self.connected = False
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()
        self._consumer = f"bot-{os.getpid()}"
        self._finished: list[float] = []
        # when each job was started by a worker, and which workers finished pictures lately
        self._started: dict[int, float] = {}
        self._recent_workers: dict[str, float] = {}

    async def __aenter__(self) -> RedisQueue:
        self.redis = aioredis.from_url(self.url, socket_timeout=10)
        self._tasks = [
            asyncio.create_task(self._pump(), name="redis-outbox"),
            asyncio.create_task(self._listen(), name="redis-results"),
        ]
        self._wake.set()
        return self

    async def __aexit__(self, *exc: object) -> None:
        # The flag as well as the cancel: Python 3.11's wait_for can swallow a cancellation
        # that arrives as its timeout fires, and the loop would then never end.
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        _, running = await asyncio.wait(self._tasks, timeout=STOP_SECONDS)
        if running:
            log.warning("%d Redis task(s) did not stop in %d s", len(running), STOP_SECONDS)
        await self.redis.aclose()

    # ---- out: the outbox pump ----------------------------------------------------------------
    async def _pump(self) -> None:
        await keep_going(self._dispatch, self._down, self._stopping)

    async def _dispatch(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=1.0)
        self._wake.clear()
        await self._redispatch_lost()
        while batch := await self.jobs.undispatched(100):
            async with self.redis.pipeline(transaction=False) as pipe:
                for job in batch:
                    stream = self.names.jobs(str(job.request.get("model", "")))
                    pipe.xadd(stream, job_fields(job.id, job.batch_key, job.request))
                await pipe.execute()
            await self.jobs.mark_dispatched([job.id for job in batch])
        self._up()

    async def _redispatch_lost(self) -> None:
        """Jobs sent long ago and still unanswered go out again only if their message is gone
        from Redis (Redis lost it): one merely waiting in a backlog, or being drawn, stays."""
        stale = await self.jobs.stale_ids(self.clock.now() - self.redispatch_after)
        if not stale:
            return
        present: set[int] = set()
        async for stream in self.redis.scan_iter(match=self.names.all_jobs, _type="stream"):
            for _, fields in await self.redis.xrange(stream):
                present.add(int(text(fields, "job", "0")))
        await self.jobs.redispatch([job for job in stale if job not in present])

    def _up(self) -> None:
        if not self.connected:
            log.info("Redis reachable at %s", self.url)
        self.connected = True

    def _down(self, error: BaseException) -> None:
        if self.connected:
            log.warning("Redis unreachable (%s): drawing waits, everything else goes on", error)
        self.connected = False

    # ---- in: what the workers report ---------------------------------------------------------
    async def _listen(self) -> None:
        await keep_going(self._receive, self._down, self._stopping)

    async def _receive(self) -> None:
        await ensure_group(self.redis, self.names.events, BOT)
        # events a stopped bot process read but never handled, then new ones
        claimed = await self.redis.xautoclaim(
            self.names.events, BOT, self._consumer, 30_000, "0-0", count=100
        )
        messages = [m for m in (claimed[1] if claimed else []) if m[1]]
        if not messages:
            answer = await self.redis.xreadgroup(
                BOT, self._consumer, {self.names.events: ">"}, count=100, block=1000
            )
            messages = [m for _, batch in answer or [] for m in batch]
        for message_id, fields in messages:
            await self._handle(fields)
            await self.redis.xack(self.names.events, BOT, message_id)
        self._up()

    async def _handle(self, fields: dict[bytes, bytes]) -> None:
        job = await self.jobs.get(int(text(fields, "job", "0")))
        if job is None or job.state in ("done", "failed"):
            return  # cancelled, forgotten, or answered already (a retried job): nothing to do
        kind = text(fields, "kind")
        if kind == "started":
            self._started[job.id] = time.monotonic()
            await self.jobs.mark_running([job.id])
        elif kind == "progress":
            self._emit(JobEvent("progress", job, fraction=float(text(fields, "fraction", "0"))))
        elif kind == "failed":
            # its twins waiting for this picture (never sent, see `undispatched`) fail with it:
            # the same picture was tried `max_attempts` times or cannot fit on the card
            error = text(fields, "error", "engine")
            group = await self._with_twins(job)
            await self.jobs.fail([j.id for j in group], error)
            for member in group:
                self._emit(JobEvent("failed", member, error=error))
        elif kind == "done":
            await self._done(job, fields)

    async def _done(self, job: JobRecord, fields: dict[bytes, bytes]) -> None:
        key = self.names.picture(job.id)
        png = fields.get(b"png") or await self.redis.get(key)  # b"png": an older worker's event
        if png is None:  # expired before this bot read it: drawn again on request
            await self.jobs.fail([job.id], "engine")
            self._emit(JobEvent("failed", job, error="engine"))
            return
        picture = picture_from(fields, png)
        group = await self._with_twins(job)
        now = time.monotonic()
        started = self._started.pop(job.id, None)
        if started is not None:
            self.pipeline_seconds += now - started
        self._recent_workers[text(fields, "worker", "?")] = now
        if await self._deliver_picture(job.cache_key, group, picture):
            self._finished.append(now)
            self.drawn_images += 1
        await self.redis.delete(key)  # stored (or refused) on this side now

    async def _with_twins(self, job: JobRecord) -> list[JobRecord]:
        """The job and the identical requests waiting for its picture."""
        twins = await self.jobs.waiting_with_key(job.cache_key)
        return [job, *(j for j in twins if j.id != job.id)]

    def seconds_per_picture(self) -> float:
        """The workers' pace: one picture's drawing time, shared by the workers busy lately."""
        now = time.monotonic()
        self._recent_workers = {
            name: seen for name, seen in self._recent_workers.items() if now - seen < 600
        }
        return super().seconds_per_picture() / max(1, len(self._recent_workers))

    # ---- operators ---------------------------------------------------------------------------
    async def stats(self) -> dict[str, Any]:
        now = time.monotonic()
        self._finished = [t for t in self._finished if now - t < 60]
        workers: list[dict[str, Any]] = []
        depth = None
        with contextlib.suppress(*REDIS_DOWN):
            async for key in self.redis.scan_iter(match=self.names.worker("*")):
                raw = await self.redis.get(key)
                if raw:
                    workers.append(json.loads(raw))
            depth = 0
            async for stream in self.redis.scan_iter(match=self.names.all_jobs, _type="stream"):
                depth += await self.redis.xlen(stream)
        return {
            "backend": "redis",
            "connected": self.connected,
            "workers": len(workers),
            "worker_names": sorted(w["name"] for w in workers),
            "worker_failures": sum(int(w.get("failed", 0)) for w in workers),
            "waiting": await self.jobs.waiting_count(),
            "running": await self.jobs.unfinished_count() - await self.jobs.waiting_count(),
            "stream_length": depth,
            "jobs_per_minute": len(self._finished),
        }
