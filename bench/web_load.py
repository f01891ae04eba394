"""A crowd of web learners against a real `pictolingo run`, optionally SIGKILLed mid-burst.

Each learner opens the chat page (its own cookie), connects the socket, asks `/word WORD` and
waits for its picture, confirming it as the page does. With `kill_after`, the server is killed
(SIGKILL) that many seconds into the burst and started again on the same data directory; the
learners reconnect and ask again only if they never heard back. Reported: pictures that
arrived exactly once, lost ones, duplicates, acknowledgement and picture latencies, and the
database's integrity. Loopback only; bounded in count and time.

    python -m bench.web_load --learners 100 --kill-after 4
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bench.figures import percentile

WORDS = [
    "apple", "cat", "dog", "car", "sun", "tree", "bus", "book", "hat", "fish",
    "egg", "duck", "cake", "frog", "lion", "moon", "pig", "shoe", "train", "zebra",
]  # fmt: skip


@dataclass
class Learner:
    word: str
    jar: aiohttp.CookieJar = field(default_factory=lambda: aiohttp.CookieJar(unsafe=True))
    acknowledged: float | None = None  # seconds from asking to the first answer
    pictures: dict[str, int] = field(default_factory=dict)  # picture key → times received
    picture_seconds: float | None = None
    asked_at: float = 0.0
    no_picture: bool = False  # the bot answered without drawing (a word it cannot draw)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def child_environment() -> dict[str, str]:
    """This process's environment without Pictolingo's settings: the throw-away config alone
    decides (an operator's PICTOLINGO_DATA__DIR would move its database, a platform token
    would connect it to a real chat platform)."""
    return {k: v for k, v in os.environ.items() if not k.upper().startswith("PICTOLINGO_")}


class Server:
    """`pictolingo run` in a child process on a throw-away data directory."""

    def __init__(self, data_dir: Path, port: int, model: str) -> None:
        self.config = data_dir / "config.toml"
        self.config.write_text(
            f'[data]\ndir = "{data_dir / "data"}"\n'
            f'[engine]\nmodel = "{model}"\n'
            f"[web]\nport = {port}\nnew_learners_per_hour = 0\n"
            "[limits]\ncooldown_seconds = 0\nmessages_per_minute = 0\n"
            "[queue]\nmax_queued = 1000\n"
        )
        self.url = f"http://127.0.0.1:{port}/"
        self.process: asyncio.subprocess.Process | None = None
        self.startup_s: float | None = None  # launch → the page answers
        self.loaded_s: float | None = None  # launch → dictionary and model loaded

    async def start(self) -> None:
        timeout = 180.0  # loading the model included
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--config",
            str(self.config),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=child_environment(),
        )
        assert self.process.stdout is not None
        launched = time.monotonic()
        deadline = launched + timeout
        while time.monotonic() < deadline:
            line = await asyncio.wait_for(self.process.stdout.readline(), timeout)
            if not line:
                raise RuntimeError("pictolingo run stopped before it was ready")
            if b"is ready" in line and self.startup_s is None:
                self.startup_s = time.monotonic() - launched
            if b"model ready" in line:  # the page answers earlier; the burst starts once loaded
                self.loaded_s = time.monotonic() - launched
                return
        raise RuntimeError("pictolingo run was not ready in time")

    def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)

    def peak_rss_mb(self) -> float | None:
        """The server's peak resident memory so far (Linux), read before it stops."""
        if self.process is None:
            return None
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
        return None

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), 60)
            self.kill()
            await self.process.wait()


async def visit(server: Server, learner: Learner, started: float, stop_at: float) -> None:
    """One learner's page: ask once (again only if never answered), collect pictures.

    The deadline covers the whole visit: the server pings every socket (heartbeat), and each
    ping would start a per-message receive timeout afresh."""
    loop = asyncio.get_running_loop()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout_at(loop.time() + max(0.0, stop_at - time.monotonic())):
            await _visit(server, learner, started)


async def _visit(server: Server, learner: Learner, started: float) -> None:
    async with aiohttp.ClientSession(cookie_jar=learner.jar) as session:
        async with session.get(server.url) as page:
            page.raise_for_status()
        async with session.ws_connect(server.url + "ws", heartbeat=None) as ws:
            if learner.acknowledged is None:
                learner.asked_at = time.monotonic()
                await ws.send_json({"text": f"/word {learner.word}"})
            drawing = False
            while True:
                try:
                    message = await ws.receive_json()
                except (TypeError, ValueError):
                    return  # the server went away (a closed socket is no JSON)
                now = time.monotonic()
                if learner.acknowledged is None:
                    learner.acknowledged = now - learner.asked_at
                if message.get("ack"):
                    await ws.send_json({"ack": message["ack"]})
                if message.get("images"):
                    key = str(message.get("key") or message.get("clears") or "cached")
                    learner.pictures[key] = learner.pictures.get(key, 0) + 1
                    if learner.picture_seconds is None:
                        learner.picture_seconds = now - started
                    return
                drawing = drawing or bool(message.get("pending"))
                if message.get("type") == "reply" and not drawing:
                    learner.no_picture = True  # answered in words: no picture is coming
                    return


async def run_web_load(
    *, learners: int = 100, kill_after: float | None = None, model: str = "starter"
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="pictolingo-load-") as temp:
        server = Server(Path(temp), free_port(), model)
        await server.start()
        startup_s, loaded_s = server.startup_s, server.loaded_s  # the first start, not a restart
        crowd = [Learner(WORDS[i % len(WORDS)]) for i in range(learners)]
        started = time.monotonic()
        try:
            first = started + (kill_after if kill_after is not None else 120)
            burst = asyncio.gather(
                *(visit(server, learner, started, first) for learner in crowd),
                return_exceptions=True,
            )
            if kill_after is not None:
                await asyncio.sleep(kill_after)
                server.kill()
                await burst
                await server.start()
                waiting = [c for c in crowd if c.picture_seconds is None and not c.no_picture]
                again = time.monotonic() + 120
                await asyncio.gather(
                    *(visit(server, learner, started, again) for learner in waiting),
                    return_exceptions=True,
                )
            else:
                await burst
        finally:
            peak_rss_mb = server.peak_rss_mb()
            await server.stop()
        database = Path(temp) / "data" / "pictolingo.db"
        with sqlite3.connect(database) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    acks = [learner.acknowledged * 1000 for learner in crowd if learner.acknowledged is not None]
    pictures = [learner.picture_seconds for learner in crowd if learner.picture_seconds]
    return {
        "web_learners": learners,
        "startup_s": round(startup_s, 2) if startup_s is not None else None,
        "startup_loaded_s": round(loaded_s, 2) if loaded_s is not None else None,
        "web_server_peak_rss_mb": peak_rss_mb,
        "web_killed_after_s": kill_after,
        "web_exactly_once": sum(1 for c in crowd if sum(c.pictures.values()) == 1),
        "web_lost": sum(1 for c in crowd if not c.pictures and not c.no_picture),
        "web_answered_without_picture": sorted({c.word for c in crowd if c.no_picture}),
        "web_duplicated": sum(1 for c in crowd if sum(c.pictures.values()) > 1),
        "web_integrity": integrity,
        "web_ack_p50_ms": round(percentile(acks, 0.5), 1) if acks else None,
        "web_ack_p99_ms": round(percentile(acks, 0.99), 1) if acks else None,
        "web_picture_p50_s": round(percentile(pictures, 0.5), 2) if pictures else None,
        "web_picture_p99_s": round(percentile(pictures, 0.99), 2) if pictures else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--kill-after", type=float, default=None)
    parser.add_argument("--model", default=os.environ.get("PICTOLINGO_ENGINE__MODEL", "starter"))
    options = parser.parse_args()
    result = asyncio.run(
        run_web_load(learners=options.learners, kill_after=options.kill_after, model=options.model)
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
