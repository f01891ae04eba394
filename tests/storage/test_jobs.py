from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.jobs import JobStore
from tests.helpers import FakeClock


@pytest.fixture
async def jobs(tmp_path: Path) -> AsyncIterator[JobStore]:
    async with Database(tmp_path / "j.db") as db:
        yield JobStore(db, FakeClock())


async def add(jobs: JobStore, owner: str, key: str = "k") -> int:
    return await jobs.add(
        owner=owner,
        purpose="word",
        priority=0,
        cache_key=key,
        batch_key="b",
        request={"prompt": key},
        delivery={},
    )


async def test_a_newcomer_gets_the_next_turn_but_cannot_jump_further(jobs: JobStore) -> None:
    a1, a2 = await add(jobs, "a", "a1"), await add(jobs, "a", "a2")
    await jobs.mark_running([a1])
    await jobs.finish([a1], image_id=None)  # type: ignore[arg-type]
    b1 = await add(jobs, "b", "b1")
    # a already had turn 0; b, arriving now, gets turn 0 too and so goes before a's second job.
    assert [j.id for j in await jobs.fair_order()] == [b1, a2]
    assert await jobs.position(b1) == 1
    assert await jobs.position(a1) == 0
    await jobs.mark_running([b1])
    await jobs.mark_running([a2])
    # Once turn 1 is being served, a long-idle learner starts at turn 1, not back at 0.
    c1 = await add(jobs, "c", "c1")
    a3 = await add(jobs, "a", "a3")
    assert [j.id for j in await jobs.fair_order()] == [c1, a3]


async def test_delivery_is_claimed_once_and_confirmed(jobs: JobStore) -> None:
    job = await add(jobs, "a")
    await jobs.mark_running([job])
    await jobs.fail([job], "engine")
    assert [j.id for j in await jobs.undelivered()] == [job]
    assert await jobs.claim_delivery(job)
    assert not await jobs.claim_delivery(job)
    undelivered = await jobs.undelivered()
    assert undelivered[0].claimed, "a claimed but unconfirmed send is still owed a notice"
    await jobs.confirm_delivery(job)
    assert await jobs.undelivered() == []


async def test_released_delivery_can_be_claimed_again(jobs: JobStore) -> None:
    job = await add(jobs, "a")
    await jobs.fail([job], "engine")
    assert await jobs.claim_delivery(job)
    await jobs.release_delivery(job)
    assert await jobs.claim_delivery(job)


async def test_the_outbox_sends_one_job_per_picture(jobs: JobStore) -> None:
    first, twin = await add(jobs, "a", "apple"), await add(jobs, "b", "apple")
    other = await add(jobs, "c", "cat")
    assert [j.id for j in await jobs.undispatched()] == [first, other]
    await jobs.mark_dispatched([first, other])
    assert await jobs.undispatched() == [], "the twin waits while the first one is out"
    await jobs.cancel(first, "a")
    assert [j.id for j in await jobs.undispatched()] == [twin], "it goes out if the first can't"
