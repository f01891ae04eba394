"""`pictolingo worker`: one per GPU, on any machine; draws the jobs the bot puts on Redis.

Jobs are read through a consumer group, so each goes to one worker; a job is acknowledged only
after its result is published, so a worker that dies mid-job leaves it pending and another
worker takes it over after ``claim_idle_ms`` (XAUTOCLAIM). After ``max_attempts`` deliveries a
job is reported failed. Compatible jobs are drawn as one batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from engine.errors import EngineOutOfMemory
from engine.queue import Drawer
from engine.redis_wire import (
    EVENTS_MAXLEN,
    HEARTBEAT_SECONDS,
    HEARTBEAT_TTL,
    PICTURE_TTL_SECONDS,
    WORKERS,
    Names,
    event_fields,
    picture_fields,
    text,
)
from engine.request import GenerationRequest

log = logging.getLogger(__name__)
Message = tuple[bytes, dict[bytes, bytes]]
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


async def keep_going(
    step: Callable[[], Awaitable[None]],
    on_down: Callable[[BaseException], None],
    stop: asyncio.Event | None = None,
) -> None:
    """Run `step` again and again; while Redis is unreachable, wait 0.5 s doubling to 10 s."""
    delay = 0.5
    while stop is None or not stop.is_set():
        try:
            await step()
            delay = 0.5
        except REDIS_DOWN as error:
            on_down(error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


async def ensure_group(client: Any, stream: str, group: str) -> None:
    with contextlib.suppress(ResponseError):  # BUSYGROUP: it exists already
        await client.xgroup_create(stream, group, id="0", mkstream=True)


class RedisWorker:
    def __init__(
        self,
        drawer: Drawer,
        redis_url: str,
        *,
        name: str | None = None,
        max_batch: int = 8,
        claim_idle_ms: int = 60_000,
        max_attempts: int = 3,
        names: Names | None = None,
        model: str = "",
    ) -> None:
        self.drawer = drawer
        # the model this worker loaded: it takes only that model's jobs
        self.model = model or str(getattr(drawer, "model_name", ""))
        self.url = redis_url
        self.name = name or f"{socket.gethostname()}-{os.getpid()}"
        self.max_batch = max_batch
        self.claim_idle_ms = claim_idle_ms
        self.max_attempts = max_attempts
        self.names = names or Names()
        self.stream = self.names.jobs(self.model)
        self.done = 0
        self.failed = 0
        # the largest batch known to fit: measured at start on a GPU, or after running out
        measured = getattr(drawer, "batch_limit", None)
        self._fits: int | None = measured if isinstance(measured, int) else None
        self.started = time.time()
        self.redis: Any = None
        self.closed = False
        self._grouped = False  # the consumer group is known to exist
        # jobs a dead worker left pending are looked for at most this often (they are taken over
        # only after `claim_idle_ms` anyway): one round trip fewer for every job in between
        self._claim_every = min(1.0, claim_idle_ms / 2000)
        self._claimed_at = float("-inf")

    async def run(self, stop: asyncio.Event | None = None) -> None:
        stop = stop or asyncio.Event()
        self.redis = aioredis.from_url(self.url, socket_timeout=10)
        beat = asyncio.create_task(self._heartbeats(stop))
        try:
            await keep_going(self._step, self._down, stop)
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError, *REDIS_DOWN):
                await beat
            self.closed = True  # a drawing thread that outlived us must not reconnect
            with contextlib.suppress(*REDIS_DOWN):
                await self.redis.delete(self.names.worker(self.name))
            await self.redis.aclose()

    async def _step(self) -> None:
        if not self._grouped:
            await ensure_group(self.redis, self.stream, WORKERS)
            self._grouped = True
        try:
            messages, claimed = await self._take()
        except ResponseError as error:  # NOGROUP: Redis lost the stream (restarted empty)
            if "NOGROUP" not in str(error):
                raise
            self._grouped = False
            return
        if messages:
            await self._process(messages, claimed)

    def _down(self, error: BaseException) -> None:
        log.warning("worker %s: Redis unreachable (%s); retrying", self.name, error)

    async def _heartbeats(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            info = {
                "name": self.name,
                "started": self.started,
                "done": self.done,
                "failed": self.failed,
                "seen": time.time(),
            }
            key = self.names.worker(self.name)
            with contextlib.suppress(*REDIS_DOWN):
                await self.redis.set(key, json.dumps(info), ex=HEARTBEAT_TTL)
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def _take(self) -> tuple[list[Message], bool]:
        """Jobs a dead worker left behind first (claimed: True), then new ones."""
        now = time.monotonic()
        if now - self._claimed_at >= self._claim_every:
            self._claimed_at = now
            claimed = await self.redis.xautoclaim(
                self.stream, WORKERS, self.name, self.claim_idle_ms, "0-0", count=self.max_batch
            )
            if claimed and claimed[1]:
                self._claimed_at = float("-inf")  # there may be more: look again next time
                return [(mid, fields) for mid, fields in claimed[1] if fields], True
        block = max(1, min(1000, int(self._claim_every * 1000)))
        answer = await self.redis.xreadgroup(
            WORKERS, self.name, {self.stream: ">"}, count=self.max_batch, block=block
        )
        return [message for _, messages in answer or [] for message in messages], False

    async def _drawing(
        self, requests: list[GenerationRequest], progress: Any, message_ids: list[Any]
    ) -> list[Any]:
        """The drawer's pictures, with the jobs held by this worker the whole time."""
        drawn = asyncio.Event()
        holding = asyncio.create_task(self._hold(message_ids, drawn))
        try:
            return await asyncio.to_thread(self.drawer.draw, requests, progress)
        finally:
            drawn.set()  # not a cancel: the Redis client may turn a cancel into an error
            await holding

    async def _hold(self, message_ids: list[Any], drawn: asyncio.Event) -> None:
        """While a long batch is drawn, claim its jobs again now and then: that resets their
        idle time, so no other worker takes them over as abandoned and draws them twice."""
        while not drawn.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(drawn.wait(), self.claim_idle_ms / 3000)
                return
            with contextlib.suppress(*REDIS_DOWN):
                await self.redis.xclaim(
                    self.stream, WORKERS, self.name, 0, message_ids, justid=True
                )

    def _event(self, target: Any, job_id: int, kind: str, **extra: Any) -> Any:
        """An event about a job, added on `target` (the client, or a pipeline being filled)."""
        fields = event_fields(job_id, kind, self.name, **extra)
        return target.xadd(self.names.events, fields, maxlen=EVENTS_MAXLEN, approximate=True)

    async def _publish(self, job_id: int, kind: str, **extra: Any) -> None:
        if not self.closed:
            await self._event(self.redis, job_id, kind, **extra)

    async def _answer(
        self, message_id: Any, job_id: int, kind: str, png: bytes | None = None, **extra: Any
    ) -> None:
        """A job answered for good (done or failed), in one transaction: its PNG stored, the
        event published, the job acknowledged and taken off the jobs stream (which stays
        small). One round trip, and no moment where the answer is out but the job still looks
        undone to a worker taking over."""
        if self.closed:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            if png is not None:  # the PNG waits under its own key (with an expiry)
                pipe.set(self.names.picture(job_id), png, ex=PICTURE_TTL_SECONDS)
            self._event(pipe, job_id, kind, **extra)
            pipe.xack(self.stream, WORKERS, message_id)
            pipe.xdel(self.stream, message_id)
            await pipe.execute()

    async def _announce(self, jobs: list[int]) -> None:
        if self.closed:
            return
        async with self.redis.pipeline(transaction=False) as pipe:
            for job_id in jobs:
                self._event(pipe, job_id, "started")
            await pipe.execute()

    async def _process(self, messages: list[Message], claimed: bool = False) -> None:
        groups: dict[str, list[Message]] = defaultdict(list)
        for message_id, fields in messages:
            tries = 1  # a job read new is on its first delivery
            if claimed:
                pending = await self.redis.xpending_range(
                    self.stream, WORKERS, min=message_id, max=message_id, count=1
                )
                tries = int(pending[0]["times_delivered"]) if pending else 1
            if tries > self.max_attempts:
                await self._answer(message_id, int(text(fields, "job")), "failed", error="engine")
                self.failed += 1
                continue
            groups[text(fields, "batch")].append((message_id, fields))
        for group in groups.values():
            size = self._fits or len(group)  # what this card is known to fit
            for start in range(0, len(group), size):
                await self._draw(group[start : start + size])

    async def _draw(self, group: list[Message]) -> None:
        loop = asyncio.get_running_loop()
        jobs = [int(text(fields, "job")) for _, fields in group]
        requests = [
            GenerationRequest.from_dict(json.loads(text(fields, "request"))) for _, fields in group
        ]
        # "started" goes out while the engine already draws (one round trip off every batch);
        # progress waits for it, and the answers wait for it, so the bot reads them in order
        announcing = asyncio.create_task(self._announce(jobs))
        last = 0.0

        def progress(fraction: float) -> None:
            nonlocal last
            now = time.monotonic()
            if self.closed or not announcing.done():
                return
            if now - last < 0.25 and fraction < 1:
                return
            last = now
            for job_id in jobs:
                asyncio.run_coroutine_threadsafe(
                    self._publish(job_id, "progress", fraction=str(fraction)), loop
                )

        try:
            try:
                pictures = await self._drawing(requests, progress, [mid for mid, _ in group])
            finally:
                await announcing
        except EngineOutOfMemory:
            if len(group) > 1:  # half the batch, remembered for the batches that follow
                self._fits = max(1, len(group) // 2)
                for start in range(0, len(group), self._fits):
                    await self._draw(group[start : start + self._fits])
                return
            # a single picture this card cannot fit: say so now (no retries that cannot work)
            for (message_id, _), job_id in zip(group, jobs, strict=True):
                await self._answer(message_id, job_id, "failed", error="out_of_memory")
                self.failed += 1
            return
        except Exception as error:  # left pending: retried after claim_idle_ms elsewhere
            log.error("worker %s: drawing failed: %s", self.name, error)
            return
        for (message_id, _), job_id, picture in zip(group, jobs, pictures, strict=True):
            await self._answer(message_id, job_id, "done", picture.png, **picture_fields(picture))
            self.done += 1
