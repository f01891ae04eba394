"""Faults survived: kills while writing, a full disk, a locked database, an engine crash."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.terminal import TerminalAdapter
from bot.app import App, open_app
from bot.learning.dictionary import Dictionary
from tests.helpers import FakeClock, FakeDrawer, make_settings, shown

ROOT = Path(__file__).parents[2]

# A child that reads /word lines from stdin and prints "ACK <word>" once each is acknowledged.
CHILD = textwrap.dedent("""
    import asyncio, io, sys
    from pathlib import Path
    from bot.adapters.terminal import TerminalAdapter
    from bot.app import open_app
    from bot.config import LimitSettings
    from bot.learning.dictionary import Dictionary
    from tests.helpers import make_settings
    from tests.helpers import FakeDrawer

    class Empty(Dictionary):
        def load(self): pass
        def known(self, word): return True
        def picture_senses(self, word): return []
        def card(self, word, chinese=False): return None

    async def main():
        settings = make_settings(Path(sys.argv[1]), limits=LimitSettings(
            cooldown_seconds=0, daily_pictures=0, same_message_per_minute=1000))
        async with open_app(settings, drawer=FakeDrawer(seconds_per_batch=0.02),
                            dictionary=Empty()) as app:
            chat = TerminalAdapter(app.dialogue, out=io.StringIO())
            await app.courier.attach(chat)
            print("READY", flush=True)
            while True:
                line = await asyncio.to_thread(sys.stdin.readline)
                if not line:
                    break
                word = line.strip()
                # The dialogue's own answer (chat.say would also return other pictures
                # that happen to arrive meanwhile).
                replies = await app.dialogue.handle(chat.incoming(f"/word {word}"))
                if replies and (replies[0].pending or replies[0].images):
                    print(f"ACK {word}", flush=True)

    asyncio.run(main())
""")


def words(count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    rng = random.Random(7)
    return ["".join(rng.choice(letters) for _ in range(10)) for _ in range(count)]


@pytest.mark.slow
def test_killed_at_random_points_twenty_times_nothing_acknowledged_is_lost(tmp_path: Path) -> None:
    data = tmp_path / "data"
    acknowledged: list[str] = []
    pool = iter(words(4000))
    rng = random.Random(42)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert child.stdin is not None and child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        batch = [next(pool) for _ in range(150)]

        def feed(stream: Any = child.stdin, batch: list[str] = batch) -> None:
            try:
                for word in batch:
                    stream.write(word + "\n")
                    stream.flush()
                    time.sleep(0.003)
            except (BrokenPipeError, OSError, ValueError):
                pass  # the child was killed: exactly what this test is about

        this_round: list[str] = []

        def read(stream: Any = child.stdout, seen: list[str] = this_round) -> None:
            for line in stream:
                if line.startswith("ACK "):
                    seen.append(line[4:].strip())

        threads = [
            threading.Thread(target=feed, daemon=True),
            threading.Thread(target=read, daemon=True),
        ]
        for thread in threads:
            thread.start()
        # The kill point is random in progress, not in wall time: a slow machine still
        # kills mid-stream, after some requests were acknowledged and while more are written.
        target = rng.randint(1, 12)
        deadline = time.monotonic() + 60
        while len(this_round) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(child.pid, signal.SIGKILL)  # mid-write: no chance to clean up
        child.wait()
        for thread in threads:
            thread.join(timeout=10)
        for stream in (child.stdin, child.stdout):
            with contextlib.suppress(BrokenPipeError, OSError):
                stream.close()
        acknowledged.extend(this_round)
    assert len(acknowledged) > 20
    with sqlite3.connect(data / "pictolingo.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT text FROM requests")}
        jobs = db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
    missing = [w for w in acknowledged if w not in stored]
    assert missing == [], f"{len(missing)} acknowledged requests lost"
    assert jobs >= len(acknowledged)
    print(f"\nkills survived: 20/20, acknowledged requests: {len(acknowledged)}, lost: 0")


async def test_a_full_disk_fails_one_picture_kindly_and_the_queue_goes_on(
    chat: TerminalAdapter, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.images

    real = storage.images._write_atomically

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.images, "_write_atomically", disk_full)
    await chat.say("/word apple")
    await chat.settle()
    assert "could not draw apple" in shown(chat.transcript.replies[-1])
    monkeypatch.setattr(storage.images, "_write_atomically", real)
    await chat.say("/word pear")
    await chat.settle()
    assert chat.transcript.replies[-1].images


async def test_a_briefly_locked_database_waits_then_answers(
    tmp_path: Path, dictionary: Dictionary
) -> None:
    settings = make_settings(tmp_path / "data")
    async with open_app(
        settings, drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO())
        await chat.say("/start")
        other = sqlite3.connect(settings.db_path, check_same_thread=False)
        other.execute("BEGIN EXCLUSIVE")
        release = threading.Timer(0.5, other.rollback)
        release.start()
        reply = await chat.say("/settings chinese on")
        assert "Chinese translation: on" in shown(reply[0]), "it waited for the lock"
        release.join()
        other.close()


async def test_a_database_locked_too_long_gets_a_kind_reply_not_a_crash(
    app: App, chat: TerminalAdapter
) -> None:
    await chat.say("/start")
    app.services.db.busy_timeout_ms = 100
    await app.services.db.writer.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(app.settings.db_path, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    try:
        reply = await chat.say("/settings chinese on")
        assert "something went wrong on my side" in shown(reply[0])
    finally:
        other.rollback()
        other.close()
    assert "Chinese translation: on" in shown((await chat.say("/settings chinese on"))[0])


async def test_an_engine_that_crashes_fails_that_picture_and_recovers(
    chat: TerminalAdapter, app: App
) -> None:
    drawer = FakeDrawer()
    drawer.fail_with = RuntimeError("segfault-like crash in the pipeline")
    drawer.fail_times = 99
    app.services.queue.drawer = drawer  # type: ignore[attr-defined]
    await chat.say("/word apple")
    await chat.settle()
    assert "could not draw apple" in shown(chat.transcript.replies[-1])
    drawer.fail_times = 0
    await chat.say("/word pear")
    await chat.settle()
    assert chat.transcript.replies[-1].images
    await asyncio.sleep(0)
