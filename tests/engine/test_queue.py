from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from engine.errors import EngineError
from engine.queue import JobEvent, LocalQueue, QueueOptions, QueueRefused, Refusal
from engine.request import GenerationRequest
from storage.db import Database
from storage.images import ImageStore
from storage.jobs import BACKGROUND, JobStore
from tests.helpers import FakeClock, FakeDrawer, eventually, queue_idle


def request(prompt: str, *, steps: int = 4, seed: int = 1) -> GenerationRequest:
    return GenerationRequest(
        model="fake",
        prompt=prompt,
        negative_prompt="",
        width=16,
        height=16,
        steps=steps,
        guidance=1.0,
        seed=seed,
        scheduler="euler",
    )


class Harness:
    def __init__(self, db: Database, tmp: Path, drawer: FakeDrawer, options: QueueOptions) -> None:
        self.clock = FakeClock()
        self.jobs = JobStore(db, self.clock)
        self.images = ImageStore(db, tmp / "images", self.clock)
        self.drawer = drawer
        self.queue = LocalQueue(self.jobs, self.images, drawer, options, self.clock)
        self.events: list[JobEvent] = []
        self.queue.subscribe(self.events.append)

    def finished(self, kind: str = "done") -> list[int]:
        return [e.job.id for e in self.events if e.kind == kind]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    async with Database(tmp_path / "q.db") as database:
        yield database


def harness(
    db: Database, tmp_path: Path, drawer: FakeDrawer | None = None, **options: int
) -> Harness:
    values = {"batch_window_ms": 0, "daily_quota": 0, "pending_per_user": 50} | options
    return Harness(db, tmp_path, drawer or FakeDrawer(), QueueOptions(**values))  # type: ignore[arg-type]


async def submit(h: Harness, owner: str, prompt: str, **kw: object) -> int:
    ticket = await h.queue.submit(
        request(prompt, **kw),
        owner=owner,
        purpose="word",  # type: ignore[arg-type]
        delivery={},
    )
    assert ticket.job_id is not None
    return ticket.job_id


async def test_job_is_recorded_before_acknowledgement_and_reports_position(
    db: Database, tmp_path: Path
) -> None:
    h = harness(db, tmp_path)
    first = await h.queue.submit(request("a"), owner="u1", purpose="word", delivery={"x": 1})
    second = await h.queue.submit(request("b"), owner="u1", purpose="word", delivery={})
    assert (first.position, second.position) == (1, 2)
    record = await h.jobs.get(first.job_id or 0)
    assert record is not None and record.state == "queued" and record.delivery == {"x": 1}


async def test_round_robin_across_learners(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path, max_batch=1)
    for i in range(3):
        await submit(h, "greedy", f"g{i}")
    await submit(h, "quiet", "q0")
    await submit(h, "other", "o0")
    order = [j.request["prompt"] for j in await h.jobs.fair_order()]
    assert order == ["g0", "q0", "o0", "g1", "g2"]
    assert await h.queue.position(5) == 3
    async with h.queue:
        await queue_idle(h.queue)
    assert [b[0] for b in h.drawer.batches] == ["g0", "q0", "o0", "g1", "g2"]


async def test_background_work_waits_for_interactive_work(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path, max_batch=1)
    await h.queue.submit(
        request("daily"), owner="scheduler", purpose="daily", delivery={}, priority=BACKGROUND
    )
    await submit(h, "u1", "now")
    async with h.queue:
        await queue_idle(h.queue)
    assert h.drawer.batches == [["now"], ["daily"]]


async def test_compatible_jobs_are_micro_batched(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path, max_batch=3)
    for i in range(5):
        await submit(h, f"u{i}", f"p{i}")
    await submit(h, "u9", "slow", steps=30)  # different steps: never in the same batch
    async with h.queue:
        await queue_idle(h.queue)
    assert [len(b) for b in h.drawer.batches] == [3, 2, 1]
    assert h.drawer.batches[-1] == ["slow"]
    assert len(h.finished()) == 6


async def test_batch_window_collects_requests_arriving_together(
    db: Database, tmp_path: Path
) -> None:
    h = harness(db, tmp_path, max_batch=8, batch_window_ms=200)
    async with h.queue:
        await submit(h, "u1", "a")
        await asyncio.sleep(0.05)
        await submit(h, "u2", "b")
        await queue_idle(h.queue)
    assert h.drawer.batches == [["a", "b"]]


async def test_identical_requests_are_coalesced_into_one_drawing(
    db: Database, tmp_path: Path
) -> None:
    h = harness(db, tmp_path)
    ids = [await submit(h, f"u{i}", "apple") for i in range(4)]
    async with h.queue:
        await queue_idle(h.queue)
    assert h.drawer.batches == [["apple"]]
    assert sorted(h.finished()) == ids
    images = {e.image.id for e in h.events if e.kind == "done" and e.image}
    assert len(images) == 1


async def test_cached_result_is_returned_without_a_job(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path)
    await submit(h, "u1", "apple")
    async with h.queue:
        await queue_idle(h.queue)
        ticket = await h.queue.submit(request("apple"), owner="u2", purpose="word", delivery={})
        assert ticket.job_id is None and ticket.image is not None and ticket.position == 0
        other_seed = await h.queue.submit(
            request("apple", seed=2), owner="u2", purpose="word", delivery={}
        )
        assert other_seed.job_id is not None
        await queue_idle(h.queue)
    assert len(h.drawer.batches) == 2


async def test_pending_cap_daily_quota_and_busy_backpressure(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path, pending_per_user=2, daily_quota=3, max_queued=3)
    await submit(h, "u1", "a")
    await submit(h, "u1", "b")
    with pytest.raises(QueueRefused) as refused:
        await submit(h, "u1", "c")
    assert refused.value.reason is Refusal.PENDING_LIMIT
    await submit(h, "u2", "d")
    with pytest.raises(QueueRefused) as busy:
        await submit(h, "u3", "e")
    assert busy.value.reason is Refusal.BUSY and busy.value.retry_minutes >= 1
    async with h.queue:
        await queue_idle(h.queue)
    await submit(h, "u1", "f")
    async with h.queue:
        await queue_idle(h.queue)
    with pytest.raises(QueueRefused) as quota:
        await submit(h, "u1", "g")
    assert quota.value.reason is Refusal.DAILY_QUOTA
    h.clock.advance(days=1)
    assert await submit(h, "u1", "g")


async def test_cancel_only_own_queued_job(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path)
    job = await submit(h, "u1", "a")
    assert not await h.queue.cancel(job, "intruder")
    assert await h.queue.cancel(job, "u1")
    assert not await h.queue.cancel(job, "u1")
    async with h.queue:
        await queue_idle(h.queue)
    assert h.drawer.batches == [] and h.finished("cancelled") == [job]


async def test_progress_is_reported_while_drawing(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path)
    await submit(h, "u1", "a")
    async with h.queue:
        await queue_idle(h.queue)
    await asyncio.sleep(0)  # progress crosses from the worker thread via the loop
    fractions = [e.fraction for e in h.events if e.kind == "progress"]
    assert fractions == [0.5, 1.0]


async def test_engine_error_fails_one_batch_politely_and_queue_keeps_serving(
    db: Database, tmp_path: Path
) -> None:
    drawer = FakeDrawer()
    drawer.fail_with = EngineError("boom")
    drawer.fail_times = 3
    h = harness(db, tmp_path, drawer, max_batch=1, max_attempts=3)
    broken = await submit(h, "u1", "broken")
    fine = await submit(h, "u2", "fine")
    async with h.queue:
        await queue_idle(h.queue)
        # the database says "done" a moment before the event reaches the listeners
        await eventually(lambda: h.finished("done") and h.finished("failed"))
    assert h.finished("failed") == [broken]
    assert h.finished("done") == [fine]
    record = await h.jobs.get(broken)
    assert record is not None and record.state == "failed" and record.attempts == 3


async def test_out_of_memory_halves_the_batch_then_succeeds(db: Database, tmp_path: Path) -> None:
    drawer = FakeDrawer()
    drawer.oom_above = 2
    h = harness(db, tmp_path, drawer, max_batch=8)
    for i in range(4):
        await submit(h, f"u{i}", f"p{i}")
    async with h.queue:
        await queue_idle(h.queue)
    assert [len(b) for b in drawer.batches] == [2, 2]
    assert len(h.finished()) == 4 and not h.finished("failed")


@pytest.mark.gpu_path
async def test_a_batch_that_ran_out_of_memory_is_not_tried_again(
    db: Database, tmp_path: Path
) -> None:
    """Under load, a card that fits 3 pictures wastes two batches finding out (8, then 4),
    not every other batch (the limit used to go back to max_batch after each success)."""
    drawer = FakeDrawer()
    drawer.oom_above = 3
    h = harness(db, tmp_path, drawer, max_batch=8)
    for i in range(30):
        await submit(h, f"u{i}", f"p{i}")
    async with h.queue:
        await queue_idle(h.queue)
    assert len(h.finished()) == 30 and not h.finished("failed")
    assert drawer.out_of_memory == 2
    assert max(len(b) for b in drawer.batches) == 3  # it grew back to what fits, no further


@pytest.mark.gpu_path
async def test_the_queue_never_draws_more_than_the_card_fits(db: Database, tmp_path: Path) -> None:
    """With the card's measured limit (3 here) the queue starts at it and never tries more,
    even under load with max_batch = 8: no batch runs out of memory to find out."""
    drawer = FakeDrawer()
    drawer.oom_above = 3
    drawer.batch_limit = 3  # type: ignore[attr-defined]
    h = harness(db, tmp_path, drawer, max_batch=8)
    for i in range(30):
        await submit(h, f"u{i}", f"p{i}")
    async with h.queue:
        await queue_idle(h.queue)
    assert len(h.finished()) == 30 and drawer.out_of_memory == 0
    assert max(len(b) for b in drawer.batches) == 3


async def test_single_picture_out_of_memory_fails_that_job(db: Database, tmp_path: Path) -> None:
    drawer = FakeDrawer()
    drawer.oom_above = -1  # even one picture does not fit
    h = harness(db, tmp_path, drawer)
    job = await submit(h, "u1", "huge")
    async with h.queue:
        await queue_idle(h.queue)
    failed = [e for e in h.events if e.kind == "failed"]
    assert [e.job.id for e in failed] == [job] and failed[0].error == "out_of_memory"


@pytest.mark.parametrize("safe", [False, None])
async def test_flagged_or_unchecked_pictures_are_never_stored(
    db: Database, tmp_path: Path, safe: bool | None
) -> None:
    h = harness(db, tmp_path, FakeDrawer(safe=safe))
    await submit(h, "u1", "a")
    async with h.queue:
        await queue_idle(h.queue)
    failed = [e for e in h.events if e.kind == "failed"]
    assert failed and failed[0].error and failed[0].error.startswith("unsafe")
    assert not list((tmp_path / "images").glob("**/*.png"))


async def test_restart_resumes_running_jobs_exactly_once(db: Database, tmp_path: Path) -> None:
    h = harness(db, tmp_path)
    job = await submit(h, "u1", "a")
    await h.jobs.mark_running([job])  # the process died while drawing it
    again = harness(db, tmp_path)
    async with again.queue:
        await queue_idle(again.queue)
    assert again.finished() == [job] and again.drawer.batches == [["a"]]
    record = await again.jobs.get(job)
    assert record is not None and record.state == "done" and record.attempts == 2


async def test_a_job_that_keeps_crashing_the_process_is_given_up(
    db: Database, tmp_path: Path
) -> None:
    h = harness(db, tmp_path, max_attempts=2)
    job = await submit(h, "u1", "poison")
    await h.jobs.mark_running([job])
    await h.jobs.requeue([job])
    await h.jobs.mark_running([job])
    again = harness(db, tmp_path, max_attempts=2)
    async with again.queue:
        await queue_idle(again.queue)
    record = await again.jobs.get(job)
    assert record is not None and record.state == "failed" and not again.drawer.batches


class PriorityRecordingDrawer(FakeDrawer):
    """Notes the CPU priority of the thread that draws."""

    def __init__(self) -> None:
        super().__init__()
        self.priorities: list[int] = []

    def draw(self, requests: list[GenerationRequest], on_progress: Any = None) -> Any:
        self.priorities.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return super().draw(requests, on_progress)


async def test_drawing_gives_way_to_the_event_loop(db: Database, tmp_path: Path) -> None:
    """On a machine without a GPU a batch competes with acknowledgements for the same cores:
    the drawing thread runs at a lower priority than the loop's."""
    drawer = PriorityRecordingDrawer()
    h = harness(db, tmp_path, drawer)
    await submit(h, "u1", "a")
    async with h.queue:
        await queue_idle(h.queue)
    loop_priority = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert drawer.priorities and all(p > loop_priority for p in drawer.priorities)


async def test_the_next_batch_is_drawn_while_the_last_one_is_stored(
    db: Database, tmp_path: Path
) -> None:
    """Checking, storing and handing out a batch overlap the next batch's drawing (a GPU is
    not left idle while PNGs are written), and pictures still arrive in order, once each."""
    h = harness(db, tmp_path, max_batch=1)
    happened: list[str] = []
    save, draw = h.images.save, h.drawer.draw

    async def slow_save(png: bytes, **kw: Any) -> Any:
        happened.append("store starts")
        await asyncio.sleep(0.3)
        stored = await save(png, **kw)
        happened.append("stored")
        return stored

    def drawing(requests: list[GenerationRequest], on_progress: Any = None) -> Any:
        happened.append(f"draw {requests[0].prompt}")
        return draw(requests, on_progress)

    h.images.save = slow_save  # type: ignore[method-assign]
    h.drawer.draw = drawing  # type: ignore[method-assign]
    first, second = await submit(h, "u1", "a"), await submit(h, "u2", "b")
    async with h.queue:
        await queue_idle(h.queue)
    assert happened.index("draw b") < happened.index("stored")
    assert h.finished() == [first, second]


async def test_closing_while_a_picture_is_stored_stores_it_and_stops(
    db: Database, tmp_path: Path
) -> None:
    """Stopping the bot while the last picture is being stored finishes storing it, and stops
    (the worker once swallowed its own cancellation there and the shutdown hung)."""
    h = harness(db, tmp_path, max_batch=1)
    save, storing = h.images.save, asyncio.Event()

    async def slow_save(png: bytes, **kw: Any) -> Any:
        storing.set()
        await asyncio.sleep(0.3)
        return await save(png, **kw)

    h.images.save = slow_save  # type: ignore[method-assign]
    job = await submit(h, "u1", "a")

    async def run_then_close() -> None:
        async with h.queue:
            await asyncio.wait_for(storing.wait(), 10)
            await asyncio.sleep(0.05)  # the worker is now waiting for the delivery

    await asyncio.wait_for(run_then_close(), 10)
    assert h.finished() == [job]
