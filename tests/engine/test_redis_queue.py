"""GPU workers behind a real redis-server: spread, killed mid-job, Redis restarted, status."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.workers import local_redis
from bot.app import App, open_app
from bot.config import QueueSettings
from bot.conversation.messages import Incoming
from bot.learning.dictionary import Dictionary
from engine.pipeline import PictureEngine
from engine.redis_status import redis_status
from engine.worker import RedisWorker
from tests.helpers import FakeClock, FakeDrawer, Person, RecordingSender, make_settings, queue_idle

WORDS = [
    "apple",
    "cat",
    "dog",
    "banana",
    "cake",
    "frog",
    "horse",
    "lion",
    "bicycle",
    "guitar",
    "zebra",
    "butterfly",
]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[tuple[str, Any, Path]]:
    folder = tmp_path / "redis"
    folder.mkdir()
    with local_redis(folder) as (url, process):
        yield url, process, folder


@pytest.fixture
async def redis_app(
    tmp_path: Path,
    redis_server: tuple[str, Any, Path],
    tiny_engine: PictureEngine,
    clock: FakeClock,
    dictionary: Dictionary,
) -> AsyncIterator[App]:
    queue = QueueSettings(backend="redis", redis_url=redis_server[0], batch_window_ms=0)
    settings = make_settings(tmp_path / "data", queue=queue)
    async with open_app(settings, engine=tiny_engine, clock=clock, dictionary=dictionary) as app:
        yield app


class Crew:
    def __init__(self, url: str) -> None:
        self.url = url
        self.stop = asyncio.Event()
        self.workers: list[RedisWorker] = []
        self.tasks: list[asyncio.Task[None]] = []

    def start(
        self, drawer: Any, name: str, claim_idle_ms: int = 600, max_batch: int = 2
    ) -> asyncio.Task[None]:
        worker = RedisWorker(
            drawer, self.url, name=name, max_batch=max_batch, claim_idle_ms=claim_idle_ms
        )
        self.workers.append(worker)
        task = asyncio.create_task(worker.run(self.stop))
        self.tasks.append(task)
        return task

    async def close(self) -> None:
        self.stop.set()
        await asyncio.gather(*self.tasks, return_exceptions=True)


async def ask(app: App, platform: RecordingSender, count: int) -> list[Person]:
    await app.courier.attach(platform)
    learners = [Person(app, f"kid{i}", f"kid{i}") for i in range(count)]
    for learner, word in zip(learners, WORDS, strict=False):
        reply = (await learner.say(f"/word {word}"))[0]
        assert "Drawing" in reply.text
    return learners


def pictures_for(platform: RecordingSender, chat: str) -> int:
    return sum(1 for reply in platform.to(chat) if reply.images)


async def settle(app: App, platform: RecordingSender, learners: list[Person]) -> None:
    await asyncio.wait_for(queue_idle(app.services.queue), 60)
    for _ in range(200):
        if all(pictures_for(platform, p.chat_id) for p in learners):
            return
        await asyncio.sleep(0.05)


@pytest.mark.slow
async def test_three_workers_share_the_work_and_everyone_gets_one_picture(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    crew = Crew(redis_server[0])
    for name in ("gpu-a", "gpu-b", "gpu-c"):
        crew.start(FakeDrawer(seconds_per_batch=0.15), name)
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 12)
    await settle(redis_app, platform, learners)
    assert [pictures_for(platform, p.chat_id) for p in learners] == [1] * 12
    assert sum(w.done for w in crew.workers) == 12 and all(w.done for w in crew.workers)
    status = await redis_status(redis_server[0])
    assert status["workers_alive"] == 3 and status["waiting"] == 0
    stats = await redis_app.services.queue.stats()
    assert stats["backend"] == "redis" and stats["connected"] and stats["workers"] == 3
    report = (
        await redis_app.dialogue.handle(
            Incoming(platform="class", chat_id="op", user_id="op", command="status", is_admin=True)
        )
    )[0].text
    assert "Workers: 3 (gpu-a, gpu-b, gpu-c)" in report and "Queue (redis): 0 waiting" in report

    await crew.close()


@pytest.mark.slow
async def test_a_worker_that_dies_mid_job_is_replaced(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    crew = Crew(redis_server[0])
    stuck = FakeDrawer()
    stuck.gate.clear()  # this GPU hangs mid-picture
    doomed = crew.start(stuck, "gpu-dies")
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 1)
    await asyncio.to_thread(stuck.started.wait, 10)
    doomed.cancel()  # the worker process is gone; its job stays pending in Redis
    crew.start(FakeDrawer(), "gpu-takes-over")
    await settle(redis_app, platform, learners)
    stuck.gate.set()
    await asyncio.sleep(0.3)
    assert pictures_for(platform, "kid0") == 1
    assert crew.workers[1].done == 1 and crew.workers[0].done == 0
    await crew.close()


@pytest.mark.slow
async def test_redis_restarted_mid_run_loses_nothing(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    url, process, folder = redis_server
    crew = Crew(url)
    for name in ("gpu-a", "gpu-b"):
        crew.start(FakeDrawer(seconds_per_batch=0.2), name)
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 10)
    await asyncio.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    more = [Person(redis_app, "late", "late")]
    assert "Drawing" in (await more[0].say("/word camera"))[0].text  # Redis is down: still answers
    assert "Here is what I can do" in (await more[0].say("/help"))[0].text
    await asyncio.sleep(1.0)
    with local_redis(folder, port):
        await settle(redis_app, platform, learners + more)
        counts = [pictures_for(platform, p.chat_id) for p in learners + more]
        await crew.close()
    assert counts == [1] * 11


@pytest.mark.slow
@pytest.mark.gpu_path
async def test_a_worker_remembers_what_its_card_fits(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    """Out of memory with 4 pictures, then 2: the worker draws single pictures from then on
    (it used to halve within each call and forget, running out of memory on every batch)."""
    crew = Crew(redis_server[0])
    drawer = FakeDrawer()
    drawer.oom_above = 1
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 12)  # all waiting before the worker starts
    worker = crew.start(drawer, "gpu-small", max_batch=4)
    await settle(redis_app, platform, learners)
    assert [pictures_for(platform, p.chat_id) for p in learners] == [1] * 12
    assert drawer.out_of_memory <= 2 and crew.workers[0].done == 12
    await crew.close()
    assert worker.done()


@pytest.mark.gpu_path
async def test_a_picture_no_card_can_fit_fails_as_out_of_memory(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    crew = Crew(redis_server[0])
    drawer = FakeDrawer()
    drawer.oom_above = -1  # not even one picture
    crew.start(drawer, "gpu-tiny")
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 1)
    await asyncio.wait_for(queue_idle(redis_app.services.queue), 30)
    assert crew.workers[0].failed == 1 and drawer.out_of_memory == 1  # no hopeless retries
    job = await redis_app.services.jobs.get(1)
    assert job is not None and job.state == "failed" and job.error == "out_of_memory"
    assert not pictures_for(platform, learners[0].chat_id)
    await crew.close()


@pytest.mark.slow
@pytest.mark.gpu_path
async def test_redis_holds_no_pictures_once_they_are_delivered(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    """Done events used to carry the PNG, in a stream trimmed only at ~100k entries (GBs at
    real picture sizes), and the jobs stream grew forever."""
    import redis.asyncio as aioredis

    crew = Crew(redis_server[0])
    crew.start(FakeDrawer(), "gpu-a")
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 12)
    await settle(redis_app, platform, learners)
    assert [pictures_for(platform, p.chat_id) for p in learners] == [1] * 12
    client = aioredis.from_url(redis_server[0])
    try:
        events = await client.xrange("pictolingo:events")
        done = [fields for _, fields in events if fields[b"kind"] == b"done"]
        assert len(done) == 12 and all(b"png" not in fields for fields in done)
        assert [key async for key in client.scan_iter(match="pictolingo:png:*")] == []
        assert await client.xlen("pictolingo:jobs:tiny") == 0  # answered jobs leave the stream
    finally:
        await client.aclose()
    await crew.close()


async def stream_length(url: str, model: str = "tiny") -> int:
    import redis.asyncio as aioredis

    client = aioredis.from_url(url)
    try:
        return int(await client.xlen(f"pictolingo:jobs:{model}"))
    finally:
        await client.aclose()


@pytest.mark.gpu_path
async def test_a_worker_draws_only_the_model_it_loaded(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    """Workers used to take any job: an SDXL worker drew requests meant for another model."""
    crew = Crew(redis_server[0])
    other, own = FakeDrawer(), FakeDrawer()
    other.model_name = "sdxl"  # type: ignore[misc]
    crew.start(other, "gpu-sdxl")
    crew.start(own, "gpu-tiny")
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 4)
    await settle(redis_app, platform, learners)
    assert [pictures_for(platform, p.chat_id) for p in learners] == [1] * 4
    assert other.batches == [] and sum(len(b) for b in own.batches) == 4
    await crew.close()


@pytest.mark.gpu_path
async def test_a_job_waiting_in_a_backlog_is_not_sent_twice(
    redis_app: App, redis_server: tuple[str, Any, Path], clock: FakeClock
) -> None:
    """After 10 minutes unanswered a job used to go out again even while it was merely
    waiting for a free worker (drawn twice); now only a job Redis lost goes out again."""
    import redis.asyncio as aioredis

    url = redis_server[0]
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 1)
    queue: Any = redis_app.services.queue
    for _ in range(100):
        if await stream_length(url) == 1:
            break
        await asyncio.sleep(0.05)
    clock.advance(minutes=11)
    queue._wake.set()
    await asyncio.sleep(1.5)
    assert await stream_length(url) == 1, "still waiting: not sent again"
    client = aioredis.from_url(url)
    try:
        (message_id, _), *_ = await client.xrange("pictolingo:jobs:tiny")
        await client.xdel("pictolingo:jobs:tiny", message_id)  # Redis lost it
    finally:
        await client.aclose()
    clock.advance(minutes=11)
    queue._wake.set()
    for _ in range(100):
        if await stream_length(url) == 1:
            break
        await asyncio.sleep(0.05)
    assert await stream_length(url) == 1, "a lost job goes out again"
    crew = Crew(url)
    drawer = FakeDrawer()
    crew.start(drawer, "gpu-a")
    await settle(redis_app, platform, learners)
    assert pictures_for(platform, learners[0].chat_id) == 1 and len(drawer.batches) == 1
    await crew.close()


@pytest.mark.gpu_path
async def test_a_batch_longer_than_the_claim_time_is_not_taken_over(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    """A batch drawing longer than `claim_seconds` (SDXL batch 8, a first compiled call) used
    to be claimed by another worker as abandoned and drawn twice: the heartbeat did not touch
    the job. Now the drawing worker holds its jobs while it draws."""
    crew = Crew(redis_server[0])
    slow, idle = FakeDrawer(seconds_per_batch=2.0), FakeDrawer()
    crew.start(slow, "gpu-slow", claim_idle_ms=500)
    platform = RecordingSender()
    learners = await ask(redis_app, platform, 1)
    await asyncio.wait_for(asyncio.to_thread(slow.started.wait, 10), 15)
    crew.start(idle, "gpu-idle", claim_idle_ms=500)
    await settle(redis_app, platform, learners)
    assert pictures_for(platform, learners[0].chat_id) == 1
    assert idle.batches == [], "the other worker did not draw it again"
    await crew.close()


@pytest.mark.gpu_path
async def test_a_class_asking_for_the_same_word_gets_one_drawing(
    redis_app: App, redis_server: tuple[str, Any, Path]
) -> None:
    """Identical requests used to go to the workers once each (a class of 30 asking for "apple"
    drew it 30 times on as many GPUs); now one goes out and the others wait for its picture."""
    url = redis_server[0]
    platform = RecordingSender()
    await redis_app.courier.attach(platform)
    learners = [Person(redis_app, f"kid{i}", f"kid{i}") for i in range(5)]
    for learner in learners:
        assert "Drawing" in (await learner.say("/word apple"))[0].text
    for _ in range(40):  # the outbox pump has had time to send everything it would
        await asyncio.sleep(0.05)
    assert await stream_length(url) == 1
    crew = Crew(url)
    drawers = [FakeDrawer(seconds_per_batch=0.1), FakeDrawer(seconds_per_batch=0.1)]
    for number, drawer in enumerate(drawers):
        crew.start(drawer, f"gpu-{number}")
    await settle(redis_app, platform, learners)
    assert [pictures_for(platform, p.chat_id) for p in learners] == [1] * 5
    assert sum(len(batch) for d in drawers for batch in d.batches) == 1
    await crew.close()


@pytest.mark.gpu_path
async def test_a_job_costs_the_worker_few_round_trips_to_redis(
    redis_server: tuple[str, Any, Path],
) -> None:
    """Every round trip to a Redis that writes each change to disk is a wait the GPU idles
    through: a new job is not asked how often it was delivered (only jobs taken over are),
    abandoned jobs are looked for about once a second, and a finished job is answered in one
    transaction (picture, event, acknowledgement)."""
    import redis.asyncio as aioredis

    from bench.workers import FixedTimeEngine
    from engine.redis_wire import Names, job_fields
    from engine.request import GenerationRequest

    url = redis_server[0]
    worker = RedisWorker(FixedTimeEngine(0.0), url, name="gpu", max_batch=1, model="m")
    client: Any = aioredis.from_url(url)
    await client.config_resetstat()
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    request = GenerationRequest("m", "p", "", 16, 16, 1, 1.0, 0, "euler").to_dict()
    jobs = 30
    for job in range(jobs):
        await client.xadd(Names().jobs("m"), job_fields(job, "b", request))
    for _ in range(400):
        if worker.done == jobs:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await task
    stats = await client.info("commandstats")
    await client.aclose()
    calls = {name.removeprefix("cmdstat_"): row["calls"] for name, row in stats.items()}
    assert worker.done == jobs
    assert calls.get("xpending", 0) == 0
    assert calls.get("exec", 0) == jobs
    assert calls.get("xautoclaim", 0) <= 10
