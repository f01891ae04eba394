"""Throughput with 1, 2 and 3 GPU workers behind a real redis-server, with fixed-time engines.

The engines take a fixed time per picture (like a GPU that is always busy), so the figure
shows what the queue adds or loses when spreading work: ideal scaling is 1 : 2 : 3.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from engine.pipeline import DrawnPicture, ProgressCallback
from engine.request import GenerationRequest


@contextlib.contextmanager
def local_redis(
    data_dir: Path | None = None, port: int = 0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A throw-away redis-server on loopback that writes every change to disk (AOF, always)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server is not installed (apt-get install redis-server)")
    with contextlib.ExitStack() as stack:
        folder = data_dir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        if not port:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        try:
            yield f"redis://127.0.0.1:{port}/0", process
        finally:
            process.kill()
            process.wait()


class FixedTimeEngine:
    """Takes `seconds` per picture and returns a PNG (a tiny one unless given), like a busy GPU."""

    def __init__(self, seconds: float, png: bytes = b"") -> None:
        self.seconds = seconds
        self.png = png

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        import io

        from PIL import Image

        time.sleep(self.seconds * len(requests))
        png = self.png
        if not png:
            buffer = io.BytesIO()
            Image.new("RGB", (16, 16), (250, 180, 0)).save(buffer, format="PNG")
            png = buffer.getvalue()
        return [DrawnPicture(png, 16, 16, r.seed, r.to_dict(), True, "bench") for r in requests]

    def interrupt(self) -> None:
        return None


async def _throughput(
    url: str, workers: int, jobs: int, seconds: float, prefix: str, png: bytes = b""
) -> float:
    import redis.asyncio as aioredis

    from engine.redis_wire import Names
    from engine.worker import RedisWorker

    names = Names(prefix)
    client: Any = aioredis.from_url(url)
    request = GenerationRequest("bench", "p", "", 16, 16, 1, 1.0, 0, "euler")
    stop = asyncio.Event()
    crew = [
        RedisWorker(
            FixedTimeEngine(seconds, png),
            url,
            name=f"w{i}",
            max_batch=1,
            names=names,
            model="bench",
        )
        for i in range(workers)
    ]
    tasks = [asyncio.create_task(w.run(stop)) for w in crew]
    await asyncio.sleep(0.3)  # workers join the group
    started = time.perf_counter()
    async with client.pipeline(transaction=False) as pipe:
        for job in range(jobs):
            pipe.xadd(
                names.jobs("bench"), {"job": str(job), "batch": "b", "request": _json(request)}
            )
        await pipe.execute()
    while sum(w.done for w in crew) < jobs:  # noqa: ASYNC110 (counters, not events)
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - started
    stop.set()
    await asyncio.gather(*tasks)
    await client.aclose()
    return jobs / elapsed


def _json(request: GenerationRequest) -> str:
    import json

    return json.dumps(request.to_dict())


async def worker_scaling(jobs: int = 60, seconds: float = 0.1) -> dict[str, Any]:
    with local_redis() as (url, _):
        rates = {n: await _throughput(url, n, jobs, seconds, f"bench{n}") for n in (1, 2, 3)}
    return {
        "workers_1_jobs_per_s": round(rates[1], 2),
        "workers_2_jobs_per_s": round(rates[2], 2),
        "workers_3_jobs_per_s": round(rates[3], 2),
        "workers_3_vs_1": round(rates[3] / rates[1], 2),
        "workers_ideal_jobs_per_s_each": round(1 / seconds, 2),
    }


async def redis_memory(png: bytes, pictures: int = 200) -> dict[str, Any]:
    """Redis memory per 1,000 pictures of this size: while they wait for the bot, and after it
    took them (what stays: the events); beside the naive wire, the PNG inside each event."""
    import redis.asyncio as aioredis

    from engine.redis_wire import Names, event_fields

    def per_thousand(used: int) -> float:
        return round(used / pictures * 1000 / 2**20, 1)

    with local_redis() as (url, _):
        client: Any = aioredis.from_url(url)
        try:
            baseline = int((await client.info("memory"))["used_memory"])
            await _throughput(url, 1, pictures, 0.0, "memory", png)
            waiting = int((await client.info("memory"))["used_memory"]) - baseline
            keys = [key async for key in client.scan_iter(match=Names("memory").all_pictures)]
            await client.delete(*keys)  # what the bot does once a picture is stored
            delivered = int((await client.info("memory"))["used_memory"]) - baseline
            naive = Names("naive")
            async with client.pipeline(transaction=False) as pipe:
                for job in range(pictures):
                    pipe.xadd(naive.events, event_fields(job, "done", "w", png=png))
                await pipe.execute()
            inline = int((await client.info("memory"))["used_memory"]) - baseline - delivered
        finally:
            await client.aclose()
    return {
        "redis_png_kb": round(len(png) / 1024, 1),
        "redis_mb_per_1000_waiting": per_thousand(waiting),
        "redis_mb_per_1000_delivered": per_thousand(delivered),
        "redis_mb_per_1000_delivered_naive_png_in_events": per_thousand(inline),
    }


if __name__ == "__main__":  # `in_own_process`: the bench runs it beside the broadcast
    import json
    import sys

    print(json.dumps(asyncio.run(worker_scaling(jobs=int(sys.argv[1])))))
