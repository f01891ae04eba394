"""The generation queue: durable jobs, fair turns, micro-batches, coalescing, cache and progress.

Every request becomes a job row in SQLite before the learner hears "you are #N". One worker task
picks the next batch round-robin across learners, draws it in a thread, stores the pictures and
announces events; the bot delivers them. ``GenerationQueue`` is the interface the bot sees, so a
Redis-backed queue with GPU workers can replace ``LocalQueue`` without touching handlers.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, Self

from engine.errors import EngineOutOfMemory
from engine.pipeline import DrawnPicture, ProgressCallback
from engine.request import GenerationRequest
from engine.safety import judge
from engine.tracing import request_id
from storage.clock import Clock
from storage.db import StorageError
from storage.images import ImageStore, StoredImage
from storage.jobs import INTERACTIVE, JobRecord, JobStore

log = logging.getLogger(__name__)


class Refusal(Enum):
    """Why a request was not queued; the bot turns each into a kind message."""

    PENDING_LIMIT = "pending_limit"
    DAILY_QUOTA = "daily_quota"
    BUSY = "busy"


class QueueRefused(Exception):
    def __init__(self, reason: Refusal, *, limit: int = 0, retry_minutes: int = 0) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.limit = limit
        self.retry_minutes = retry_minutes


@dataclass(frozen=True)
class Ticket:
    """The answer to a submit: a cached picture right away, or a job and its place in line."""

    job_id: int | None
    position: int
    image: StoredImage | None = None
    quota_left: int | None = None


@dataclass(frozen=True)
class JobEvent:
    kind: str  # "progress" | "done" | "failed" | "cancelled" | "interrupted" (a cut-off send)
    job: JobRecord
    fraction: float = 0.0
    image: StoredImage | None = None
    error: str | None = None


Listener = Callable[[JobEvent], None]

# The error of a job whose picture did not pass the picture check (after one retry).
NOT_SHOWN = "not_shown"


class Drawer(Protocol):
    """What the queue needs from an engine (PictureEngine, or a fake in tests)."""

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]: ...

    def interrupt(self) -> None: ...


@dataclass(frozen=True)
class QueueOptions:
    max_batch: int = 8
    # 0: a request that finds the engine idle is drawn at once; under load batches fill from
    # the requests that arrived while the last batch was drawn (continuous batching).
    batch_window_ms: int = 0
    pending_per_user: int = 3
    max_queued: int = 500
    max_attempts: int = 3
    daily_quota: int = 60
    # Operators may accept pictures no safety check looked at; off by default (fail closed).
    allow_unchecked: bool = False


class GenerationQueue(Protocol):
    """The queue as the bot sees it; started and stopped with `async with`."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc: object) -> None: ...

    async def submit(
        self,
        request: GenerationRequest,
        *,
        owner: str,
        purpose: str,
        delivery: dict[str, Any],
        priority: int = INTERACTIVE,
        cache_checked: bool = False,
    ) -> Ticket:
        """Queue `request` (or answer from the cache). `delivery` is the caller's opaque payload;
        `cache_checked` says the caller has just looked the cache up and found nothing."""
        ...

    async def cancel(self, job_id: int, owner: str) -> bool: ...

    async def position(self, job_id: int) -> int: ...

    def subscribe(self, listener: Listener) -> None: ...

    async def stats(self) -> dict[str, Any]: ...


class QueueCore:
    """What every queue shares: submitting with limits, cancelling, telling listeners, and
    judging and storing a finished picture. Subclasses decide where pictures are drawn."""

    def __init__(
        self, jobs: JobStore, images: ImageStore, options: QueueOptions, clock: Clock
    ) -> None:
        self.jobs = jobs
        self.images = images
        self.options = options
        self.clock = clock
        self._listeners: list[Listener] = []
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self.drawn_images = 0
        # Seconds the drawing took, added up; with drawn_images, the pace for "busy" answers.
        self.pipeline_seconds = 0.0

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: JobEvent) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:
                log.exception("a queue listener failed")

    def seconds_per_picture(self) -> float:
        """How long one more waiting picture adds to the line (2 s before anything is drawn)."""
        return self.pipeline_seconds / self.drawn_images if self.drawn_images else 2.0

    async def submit(
        self,
        request: GenerationRequest,
        *,
        owner: str,
        purpose: str,
        delivery: dict[str, Any],
        priority: int = INTERACTIVE,
        cache_checked: bool = False,
    ) -> Ticket:
        cache_key = request.cache_key()
        cached = None if cache_checked else await self.images.cached(cache_key)
        quota_left = None
        if priority == INTERACTIVE:
            quota_left = await self._check_limits(owner, cached is not None)
        if cached is not None:
            return Ticket(job_id=None, position=0, image=cached, quota_left=quota_left)
        job_id = await self.jobs.add(
            owner=owner,
            purpose=purpose,
            priority=priority,
            cache_key=cache_key,
            batch_key=request.batch_key(),
            request=request.to_dict(),
            delivery=delivery,
        )
        self._idle.clear()
        self._wake.set()
        return Ticket(
            job_id=job_id,
            position=await self.jobs.position(job_id),
            quota_left=None if quota_left is None else quota_left - 1,
        )

    async def _check_limits(self, owner: str, cached: bool) -> int | None:
        """Raise QueueRefused when this learner or the whole queue is at its limit."""
        quota = self.options.daily_quota
        left = None
        if quota:
            now = self.clock.now()
            since = now.replace(hour=0, minute=0, second=0, microsecond=0)
            left = quota - await self.jobs.created_since(owner, since)
            if left <= 0 and not cached:
                raise QueueRefused(Refusal.DAILY_QUOTA, limit=quota)
        if cached:
            return left
        if await self.jobs.pending_for(owner) >= self.options.pending_per_user:
            raise QueueRefused(Refusal.PENDING_LIMIT, limit=self.options.pending_per_user)
        waiting = await self.jobs.waiting_count()
        if waiting >= self.options.max_queued:
            minutes = max(1, round(waiting * self.seconds_per_picture() / 60))
            raise QueueRefused(Refusal.BUSY, limit=self.options.max_queued, retry_minutes=minutes)
        return left

    async def cancel(self, job_id: int, owner: str) -> bool:
        job = await self.jobs.get(job_id)
        if job is None or job.owner != owner:
            return False
        if not await self.jobs.cancel(job_id, owner):
            return False
        self._emit(JobEvent("cancelled", job))
        return True

    async def position(self, job_id: int) -> int:
        return await self.jobs.position(job_id)

    async def _deliver_picture(
        self, key: str, group: list[JobRecord], picture: DrawnPicture
    ) -> bool:
        """Judge a finished picture; store and hand it to `group`, or fail them kindly."""
        verdict = judge(picture, allow_unchecked=self.options.allow_unchecked)
        if not verdict.allowed:
            await self.jobs.fail([j.id for j in group], f"unsafe:{verdict.reason}")
            for job in group:
                self._emit(JobEvent("failed", job, error=f"unsafe:{verdict.reason}"))
            return False
        if picture.shows is False:
            # Drawn twice and neither showed the word: never sent, stored or cached as it.
            await self.jobs.fail([j.id for j in group], NOT_SHOWN)
            for job in group:
                self._emit(JobEvent("failed", job, error=NOT_SHOWN))
            return False
        stored = await self.images.save(
            picture.png,
            width=picture.width,
            height=picture.height,
            seed=picture.seed,
            params=picture.params,
        )
        await self.images.remember(key, stored.id)
        await self._finish(group, stored)
        return True

    async def _finish(self, group: list[JobRecord], image: StoredImage) -> None:
        await self.jobs.finish([j.id for j in group], image.id)
        for job in group:
            self._emit(JobEvent("done", job, fraction=1.0, image=image))


class LocalQueue(QueueCore):
    """The embedded queue: one process, one worker task, the engine in a thread."""

    def __init__(
        self,
        jobs: JobStore,
        images: ImageStore,
        drawer: Drawer,
        options: QueueOptions,
        clock: Clock,
    ) -> None:
        super().__init__(jobs, images, options, clock)
        self.drawer = drawer
        self._worker: asyncio.Task[None] | None = None
        self._running: list[JobRecord] = []
        self._batch_limit = options.max_batch
        self._too_big: int | None = None  # the smallest batch that ran out of memory
        self._measured = False
        self._drawing: asyncio.Future[list[DrawnPicture]] | None = None
        self._drawing_thread: ThreadPoolExecutor | None = None
        # The last batch's pictures being checked, stored and handed out while the engine
        # already draws the next batch (one batch at a time, in order).
        self._delivering: asyncio.Task[None] | None = None
        self._delivering_keys: set[str] = set()

    async def __aenter__(self) -> LocalQueue:
        # Its own thread, at a lower CPU priority: the event loop's other work (and the default
        # executor's short jobs) wins the cores when both want them; a GPU is not affected.
        self._drawing_thread = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="drawing", initializer=_lower_priority
        )
        requeued, failed = await self.jobs.recover_after_restart(self.options.max_attempts)
        if requeued or failed:
            log.info(
                "restart: %d job(s) back in line, %d failed after too many tries", requeued, failed
            )
        self._worker = asyncio.create_task(self._work(), name="generation-queue")
        self._wake.set()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
        self._worker = None
        try:  # pictures already drawn are stored before storage closes
            await self._delivered()
        except Exception:
            log.exception("delivering the last pictures failed at shutdown")
        if self._drawing is not None and not self._drawing.done():
            # Stop the pipeline thread before storage closes; the job is resumed at next start.
            self.drawer.interrupt()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._drawing), timeout=60)
        if self._drawing_thread is not None:
            self._drawing_thread.shutdown(wait=False)

    async def stats(self) -> dict[str, Any]:
        """For operators: what is waiting, what is being drawn, how fast."""
        per_image = self.pipeline_seconds / self.drawn_images if self.drawn_images else None
        return {
            "backend": "local",
            "workers": 1,
            "waiting": await self.jobs.waiting_count(),
            "running": len(self._running),
            "drawn": self.drawn_images,
            "seconds_per_image": per_image,
        }

    async def _work(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while True:
                batch = await self._next_batch()
                if not batch:
                    break
                try:
                    await self._run(batch)
                except StorageError:
                    await self._storage_failed(batch)
            await self._delivered()
            self._idle.set()

    async def _storage_failed(self, batch: list[JobRecord]) -> None:
        log.exception("storage failed while finishing a batch")
        await self.jobs.fail([j.id for j in batch], "storage")
        for job in batch:
            self._emit(JobEvent("failed", job, error="storage"))

    async def _delivered(self) -> None:
        """Wait until the last drawn batch is stored and handed out (shielded: a cancelled
        waiter, the worker at shutdown, stops waiting; the delivery goes on)."""
        task = self._delivering
        if task is not None:
            await asyncio.shield(task)
        if self._delivering is task:
            self._delivering, self._delivering_keys = None, set()

    async def _deliver_batch(
        self, by_key: dict[str, list[JobRecord]], pictures: list[DrawnPicture]
    ) -> None:
        try:
            for (key, group), picture in zip(by_key.items(), pictures, strict=True):
                group = [j for j in group if await self.jobs.get(j.id) is not None]
                if not group:
                    continue  # everyone who asked was deleted (/forget) while it was drawn
                await self._deliver_picture(key, group, picture)
        except StorageError:
            await self._storage_failed([j for group in by_key.values() for j in group])

    def _adopt_measured_limit(self) -> None:
        """What the card fits, measured when the model loaded (which may be after we started)."""
        measured = getattr(self.drawer, "batch_limit", None)
        if self._measured or not isinstance(measured, int):
            return
        self._measured = True
        if measured < self.options.max_batch:
            self._batch_limit, self._too_big = measured, measured + 1

    async def _next_batch(self) -> list[JobRecord]:
        """The next job in fair order plus compatible ones, after a short wait for more."""
        self._adopt_measured_limit()
        order = await self.jobs.fair_order(limit=200)
        if not order:
            return []
        first = order[0]
        keys = {j.cache_key for j in order if j.batch_key == first.batch_key}
        if len(keys) < self._batch_limit and self.options.batch_window_ms:
            await asyncio.sleep(self.options.batch_window_ms / 1000)
            order = await self.jobs.fair_order(limit=200) or order
        chosen: list[str] = []
        for job in order:
            if job.batch_key == first.batch_key and job.cache_key not in chosen:
                chosen.append(job.cache_key)
            if len(chosen) >= self._batch_limit:
                break
        # Identical requests from several learners ride along: one drawing, many deliveries.
        return [j for j in order if j.cache_key in chosen]

    async def _run(self, batch: list[JobRecord]) -> None:
        by_key: dict[str, list[JobRecord]] = {}
        for job in batch:
            by_key.setdefault(job.cache_key, []).append(job)
        if self._delivering_keys & by_key.keys():
            await self._delivered()  # the same picture is being stored: served from there
        # A picture finished since these were queued is served from the cache at once.
        for key in list(by_key):
            cached = await self.images.cached(key)
            if cached is not None:
                await self._finish(by_key.pop(key), cached)
        if not by_key:
            return
        jobs = [job for group in by_key.values() for job in group]
        requests = [GenerationRequest.from_dict(group[0].request) for group in by_key.values()]
        await self.jobs.mark_running([j.id for j in jobs])
        self._running = jobs
        loop = asyncio.get_running_loop()

        def progress(fraction: float) -> None:
            if loop.is_closed():
                return
            for job in jobs:
                loop.call_soon_threadsafe(self._emit, JobEvent("progress", job, fraction=fraction))

        started = loop.time()
        try:
            request_id.set(str(jobs[0].delivery.get("request_id", "-")))
            context = contextvars.copy_context()  # the engine thread logs with the request id
            self._drawing = loop.run_in_executor(
                self._drawing_thread, context.run, self.drawer.draw, requests, progress
            )
            pictures = await asyncio.shield(self._drawing)
        except EngineOutOfMemory:
            await self._out_of_memory(jobs, len(requests))
            return
        except Exception as exc:  # the queue must keep serving whatever happens
            await self._failed_batch(jobs, exc)
            return
        finally:
            self._running = []
        self.pipeline_seconds += loop.time() - started
        self.drawn_images += len(pictures)
        self._grow_after_success(len(requests))
        # Checking, storing and handing out overlap the next batch's drawing.
        await self._delivered()
        self._delivering_keys = set(by_key)
        self._delivering = asyncio.create_task(
            self._deliver_batch(by_key, pictures), name="delivering"
        )

    def _grow_after_success(self, drawn: int) -> None:
        """After a full batch fits, try one more next time, but never a size that already ran
        out of memory (each failed try costs a whole batch of GPU time)."""
        ceiling = self.options.max_batch if self._too_big is None else self._too_big - 1
        if drawn >= self._batch_limit:
            self._batch_limit = min(ceiling, self._batch_limit + 1)

    async def _out_of_memory(self, jobs: list[JobRecord], drawn: int) -> None:
        if drawn > 1:
            # Try again with half the batch (single pictures still fit on most cards), and
            # remember the size that did not fit.
            self._too_big = drawn if self._too_big is None else min(self._too_big, drawn)
            self._batch_limit = max(1, drawn // 2)
            log.warning(
                "out of memory with %d pictures; retrying with %d", drawn, self._batch_limit
            )
            await self.jobs.requeue([j.id for j in jobs])
            return
        await self._failed_batch(jobs, EngineOutOfMemory("out of memory"))

    async def _failed_batch(self, jobs: list[JobRecord], exc: BaseException) -> None:
        log.error("drawing failed: %s: %s", type(exc).__name__, str(exc)[:200])
        out_of_memory = isinstance(exc, EngineOutOfMemory)
        # mark_running counted this attempt in the database, not in these records.
        again = [
            j for j in jobs if not out_of_memory and j.attempts + 1 < self.options.max_attempts
        ]
        final = [j for j in jobs if j not in again]
        if again:
            await self.jobs.requeue([j.id for j in again])
        reason = "out_of_memory" if out_of_memory else "engine"
        await self.jobs.fail([j.id for j in final], reason)
        for job in final:
            self._emit(JobEvent("failed", job, error=reason))
        if again:
            await asyncio.sleep(0.2)  # a broken engine must not spin the loop


DRAWING_NICE = 10  # how much lower the drawing thread's CPU priority is than the loop's


def _lower_priority() -> None:
    """This thread (Linux: priority is per thread, and the math library's threads it starts
    inherit it) yields the cores to the event loop, so acknowledgements do not wait behind a
    batch on a machine without a GPU; with spare cores nothing changes."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), DRAWING_NICE)
