"""`pictolingo bench`: the queue and storage measured side by side with the naive way, in one run.

Every figure comes from the real code path (dialogue → queue → engine → storage → terminal
adapter) on the configured model, in a throw-away data directory.
"""

from __future__ import annotations

import asyncio
import io
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.figures import in_own_process, percentile
from bench.gpu import batch_sweep, best_batch
from bot.adapters.terminal import TerminalAdapter
from bot.app import App, engine_options, open_app, queue_options
from bot.config import QueueSettings, Settings
from engine.pipeline import DrawnPicture, PictureEngine, ProgressCallback
from engine.request import GenerationRequest

NOUNS = [
    "apple",
    "bear",
    "boat",
    "book",
    "bread",
    "bus",
    "cake",
    "car",
    "cat",
    "chair",
    "cloud",
    "cow",
    "cup",
    "dog",
    "door",
    "duck",
    "egg",
    "fish",
    "flower",
    "frog",
    "hat",
    "horse",
    "house",
    "key",
    "kite",
    "lamp",
    "leaf",
    "lion",
    "moon",
    "mouse",
    "orange",
    "pen",
    "pig",
    "rain",
    "ring",
    "rose",
    "shoe",
    "sock",
    "star",
    "sun",
    "table",
    "tiger",
    "tree",
    "train",
    "truck",
    "umbrella",
    "watch",
    "whale",
    "window",
    "zebra",
]
COLOUR_WORDS = [
    "red",
    "orange",
    "yellow",
    "green",
    "blue",
    "purple",
    "pink",
    "brown",
    "black",
    "white",
]

Progress = Callable[[str], None]


def phrases(count: int, drawable: Callable[[str], bool] | None = None, seed: int = 0) -> list[str]:
    """Distinct sentences, each a different picture ("The red apple.", "Three blue cats."), the
    ones the model can draw whole (`drawable`): /word takes only dictionary words, so distinct
    pictures come through /sentence, which takes the same path to the queue and the engine.
    Colours and counts change the picture; other describing words ("big") would not."""
    from lemminflect import getInflection

    def plural(noun: str) -> str:
        return (getInflection(noun, "NNS") or (noun,))[0]

    sentences = [f"The {c} {n}." for c in COLOUR_WORDS for n in NOUNS]
    for number in ("Two", "Three"):
        sentences += [f"{number} {c} {plural(n)}." for c in COLOUR_WORDS for n in NOUNS]
    sentences = [s for s in sentences if drawable is None or drawable(s)]
    random.Random(seed).shuffle(sentences)
    return (sentences * (count // max(1, len(sentences)) + 1))[:count]


def _draws(app: App) -> Callable[[str], bool]:
    """Can the loaded model draw this sentence? (A closed model knows; an open one tries.)"""

    def draws(sentence: str) -> bool:
        scene = app.services.illustrator.scene_of(sentence)
        return scene is None or (bool(scene.objects) and not scene.missing)

    return draws


class TimedEngine:
    """Wraps the engine to measure the seconds spent inside the pipeline."""

    def __init__(self, engine: PictureEngine) -> None:
        self.engine = engine
        self.seconds = 0.0
        self.calls = 0

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        started = time.perf_counter()
        try:
            return self.engine.draw(requests, on_progress)
        finally:
            self.seconds += time.perf_counter() - started
            self.calls += 1

    def interrupt(self) -> None:
        self.engine.interrupt()


async def _open(
    settings: Settings,
    data_dir: Path,
    engine: PictureEngine,
    timed: TimedEngine,
    max_batch: int | None = None,
) -> Any:
    bench_settings = settings.model_copy(
        update={
            "data": settings.data.model_copy(update={"dir": data_dir}),
            "queue": QueueSettings(
                max_batch=max_batch or settings.queue.max_batch,
                batch_window_ms=settings.queue.batch_window_ms,
                pending_per_user=3,
                max_queued=10_000,
            ),
            "limits": settings.limits.model_copy(update={"daily_pictures": 0}),
        }
    )
    return open_app(bench_settings, drawer=timed, engine=engine, lock=False)


async def measure_overhead(app: App, timed: TimedEngine, words: list[str]) -> float:
    """Share of /word end-to-end time (message → picture shown) not spent in the pipeline."""
    shares = []
    chat = TerminalAdapter(app.dialogue, out=io.StringIO(), user_id="overhead")
    await app.courier.attach(chat)
    for word in words:
        before = timed.seconds
        started = time.perf_counter()
        await chat.say(f"/sentence {word}")
        await chat.settle()
        total = time.perf_counter() - started
        _drew(chat, 1)
        shares.append(max(0.0, total - (timed.seconds - before)) / total)
    return statistics.median(shares)


async def measure_queue(app: App, words: list[str], users: int) -> float:
    """Images per second with `users` learners asking at once, pictures delivered."""
    chats = [
        TerminalAdapter(app.dialogue, out=io.StringIO(), user_id=f"u{i}") for i in range(users)
    ]
    per_user = len(words) // users

    async def learner(index: int) -> None:
        chat = chats[index]
        for word in words[index * per_user : (index + 1) * per_user]:
            await chat.say(f"/sentence {word}")

    # One platform name per learner's chat: the courier routes by platform.
    for index, chat in enumerate(chats):
        chat.platform = f"bench{index}"
        await app.courier.attach(chat)
    started = time.perf_counter()
    await asyncio.gather(*(learner(i) for i in range(users)))
    await asyncio.gather(*(chat.settle() for chat in chats))
    elapsed = time.perf_counter() - started
    for chat in chats:
        _drew(chat, per_user)
    return (per_user * users) / elapsed


async def _worker_scaling(
    after: asyncio.Task[Any], jobs: int, progress: Progress
) -> dict[str, Any]:
    """1, 2 and 3 Redis workers, in their own process once the history figures are taken
    (each has its own process and they would share the cores)."""
    await asyncio.wait({after})
    if not shutil.which("redis-server"):
        return {}
    progress("1, 2 and 3 workers behind Redis (fixed-time engines), in another process")
    return dict(await in_own_process("bench.workers", str(jobs)))


def merged(sweeps: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rounds of the same sweep as one: each size's images over its time in all rounds (the
    rounds drew as many pictures each); a size that ran out of memory in any round did."""
    rows: list[dict[str, Any]] = []
    for same in zip(*sweeps, strict=False):
        if any(row.get("out_of_memory") for row in same):
            rows.append({"batch": same[0]["batch"], "out_of_memory": True})
            break
        rate = len(same) / sum(1 / row["images_per_s"] for row in same)
        rows.append({"batch": same[0]["batch"], "images_per_s": round(rate, 3)})
    return rows


def _drew(chat: TerminalAdapter, expected: int) -> None:
    """A benchmark that measured refusals would be worse than none: check the pictures came."""
    pictures = sum(1 for reply in chat.transcript.replies if reply.images)
    if pictures < expected:
        said = " | ".join(r.text.splitlines()[0][:60] for r in chat.transcript.replies if r.text)
        raise RuntimeError(f"bench: expected {expected} pictures, got {pictures} ({said[:300]})")


async def measure_cached(app: App, seconds: float) -> float:
    chats = [TerminalAdapter(app.dialogue, out=io.StringIO(), user_id=f"c{i}") for i in range(4)]
    await app.courier.attach(chats[0])
    await chats[0].say("/word apple")
    await chats[0].settle()
    count = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        replies = await chats[count % 4].say("/word apple")
        assert replies and replies[0].images, "the cached picture must come back at once"
        count += 1
    return count / (time.perf_counter() - started)


async def measure_acks(app: App, words: list[str]) -> float:
    """p99 time from a message to its acknowledgement when all of a burst arrive at once: each
    is timed from the burst's start, so the last ones count the time spent on those before."""
    chats = [
        TerminalAdapter(app.dialogue, out=io.StringIO(), user_id=f"a{i}") for i in range(len(words))
    ]
    times: list[float] = []
    arrived = time.perf_counter()

    async def one(chat: TerminalAdapter, word: str) -> None:
        replies = await app.dialogue.handle(chat.incoming(f"/sentence {word}"))
        times.append((time.perf_counter() - arrived) * 1000)
        first = replies[0] if replies else None
        if first is None or not (first.images or "Drawing" in (first.text or "")):
            raise RuntimeError(f"bench: a burst request had no picture nor place ({first})")

    await asyncio.gather(*(one(c, w) for c, w in zip(chats, words, strict=True)))
    return percentile(times, 0.99)


async def run_bench(
    settings: Settings,
    *,
    quick: bool = False,
    progress: Progress = print,
    broadcast: int | None = None,
) -> dict[str, Any]:
    from bench.broadcast import broadcast_bench
    from bench.history import history_figures

    began = time.perf_counter()
    # Rounds: every batch size draws the same pictures, then the queue draws those very
    # sentences (a scene of three things takes ~10 % longer than one: other sentences would
    # make another rate; the sweep stores nothing, so the queue draws them again), round after
    # round, so a slower minute of a shared machine falls on all of them alike.
    rounds, sizes, per_round = (1, (1, 2, 4, 8), 8) if quick else (2, (1, 2, 4, 8, 16), 16)
    engine = PictureEngine(engine_options(settings))
    progress(f"loading model {settings.engine.model}")
    await asyncio.to_thread(engine.load)
    timed = TimedEngine(engine)
    max_batch = queue_options(settings).max_batch  # what `pictolingo run` would use here
    results: dict[str, Any] = {
        "model": settings.engine.model,
        "device": engine.device,
        "max_batch": max_batch,
    }
    with tempfile.TemporaryDirectory(prefix="pictolingo-bench-") as temp_name:
        temp = Path(temp_name)
        async with await _open(settings, temp / "run", engine, timed, max_batch) as app:
            words = phrases(2000, _draws(app))
            illustrator = app.services.illustrator
            progress("warming up")
            await measure_overhead(app, timed, words[:2])
            progress("end-to-end overhead of /word")
            results["overhead_share_p50"] = await measure_overhead(
                app, timed, words[2 : 8 if quick else 22]
            )
            sweeps: list[list[dict[str, Any]]] = []
            queue_seconds = 0.0
            requests: list[GenerationRequest] = []
            progress("the best batch size for this model on this device")
            for number in range(rounds):
                asked = words[100 + number * per_round : 100 + (number + 1) * per_round]
                requests = [illustrator.for_sentence(w) for w in asked]
                progress(f"round {number + 1}/{rounds}: batch sizes {sizes}, offline")
                sweeps.append(
                    await asyncio.to_thread(
                        batch_sweep, engine.draw, requests, None, sizes, images=per_round
                    )
                )
                progress(f"round {number + 1}/{rounds}: the same sentences through the queue")
                queue_seconds += per_round / await measure_queue(app, asked, per_round)
            sweep = merged(sweeps)
            fitting = [row for row in sweep if not row.get("out_of_memory")]
            results["batch_sweep"] = sweep
            results["best_batch"] = best_batch(sweep)
            results["best_batch_images_per_s"] = max(row["images_per_s"] for row in fitting)
            # the naive way is the sweep's first row (one request at a time), one large batch its
            # last
            results["naive_images_per_s"] = fitting[0]["images_per_s"]
            results["one_batch_images_per_s"] = fitting[-1]["images_per_s"]
            results["queue_images_per_s"] = rounds * per_round / queue_seconds
            for name, rate in (
                ("best_batch", "best_batch_images_per_s"),
                ("naive_speedup", "naive_images_per_s"),
                ("one_batch", "one_batch_images_per_s"),
            ):
                results[f"queue_vs_{name}"] = results["queue_images_per_s"] / results[rate]
            if engine.device == "cpu":
                from bench.layout import layout_figures

                progress("channels-last weights against contiguous ones, batch 8")
                results.update(await asyncio.to_thread(layout_figures, engine, requests[:8]))
            progress("cached /word through dialogue + storage")
            results["cached_commands_per_s"] = await measure_cached(app, 2.0 if quick else 5.0)
            app.services.db.direct_writes = False  # every write hops to the writer's thread
            results["cached_commands_per_s_thread_writes"] = await measure_cached(
                app, 2.0 if quick else 5.0
            )
            app.services.db.direct_writes = True
            progress("acknowledgement latency in a burst of 100")
            results["ack_p99_ms"] = await measure_acks(app, words[1500:1600])
        rows = 20_000 if quick else 1_000_000
        progress(f"history: {rows:,} rows written, then page and search timed, in another process")
        history = asyncio.create_task(history_figures(temp / "history.db", rows, progress))
        scaling = asyncio.create_task(_worker_scaling(history, 30 if quick else 90, progress))
        chats = broadcast if broadcast is not None else (1000 if quick else 10_000)
        if chats:  # paced to the second and light on the CPU: it runs beside the writing
            results.update(
                await broadcast_bench(
                    lambda data_dir: _open(settings, data_dir, engine, timed),
                    temp,
                    subscribers=chats,
                    naive_subscribers=max(100, chats // 10),
                    progress=progress,
                )
            )
        page_p95, search_p95, naive_search_p95 = await history
        results.update(await scaling)
        results["history_rows"] = rows
        results["history_page_p95_ms"] = page_p95
        results["history_search_p95_ms"] = search_p95
        results["history_search_naive_like_p95_ms"] = naive_search_p95
        if shutil.which("redis-server"):
            from bench.workers import redis_memory

            progress("Redis memory per 1,000 pictures of this model's size")
            png = (await asyncio.to_thread(engine.draw, requests[:1]))[0].png
            results.update(await redis_memory(png, pictures=50 if quick else 200))
        from bench.web_load import run_web_load

        crowd = 30 if quick else 100
        progress(f"{crowd} web learners against a real pictolingo run")
        load = await run_web_load(learners=crowd, model=settings.engine.model)
        results["web_learners"] = crowd
        for key in ("web_ack_p99_ms", "web_picture_p99_s", "startup_s", "startup_loaded_s"):
            results[key] = load[key]
        results["rss_mb"] = load["web_server_peak_rss_mb"]
    from bench.gpu import gpu_figures  # last: it unloads the engine to try other settings

    results.update(await asyncio.to_thread(gpu_figures, engine, requests, progress))
    results["bench_seconds"] = round(time.perf_counter() - began, 1)
    return results
