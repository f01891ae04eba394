"""The app as a whole: a killed process loses nothing and never sends a picture twice."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.adapters.base import AlreadyLocked
from bot.adapters.terminal import TerminalAdapter
from bot.app import instance_lock, open_app
from bot.learning.dictionary import Dictionary
from engine.pipeline import PictureEngine
from tests.helpers import FakeClock, FakeDrawer, make_settings, queue_idle

# A child process that asks for a picture, then hangs inside the engine until it is killed.
CHILD = textwrap.dedent("""
    import asyncio, io, sys, threading, time
    from pathlib import Path
    from bot.adapters.terminal import TerminalAdapter
    from bot.app import open_app
    from tests.helpers import make_settings
    from tests.helpers import FakeDrawer

    async def main():
        drawer = FakeDrawer()
        drawer.gate.clear()
        settings = make_settings(Path(sys.argv[1]))
        async with open_app(settings, drawer=drawer) as app:
            chat = TerminalAdapter(app.dialogue, out=io.StringIO())
            await app.courier.attach(chat)
            await chat.say("/word apple")
            await chat.say("/word pear")
            await asyncio.to_thread(drawer.started.wait, 30)
            print("DRAWING", flush=True)
            await asyncio.sleep(60)

    asyncio.run(main())
""")


async def _restart_and_collect(
    data: Path, engine: PictureEngine, dictionary: Dictionary
) -> TerminalAdapter:
    async with open_app(
        make_settings(data), engine=engine, clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO(), settle_timeout=60)
        await app.courier.attach(chat)
        await queue_idle(app.services.queue)
        await asyncio.sleep(0.2)
        return chat


@pytest.mark.slow
async def test_killed_mid_drawing_the_pictures_arrive_once_after_restart(
    tmp_path: Path, tiny_engine: PictureEngine, dictionary: Dictionary
) -> None:
    data = tmp_path / "data"
    child = subprocess.Popen(  # noqa: ASYNC220 - the child runs beside the test's loop
        [sys.executable, "-c", CHILD, str(data)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).parents[2],
        text=True,
    )
    assert child.stdout is not None
    line = await asyncio.to_thread(child.stdout.readline)
    assert line.strip() == "DRAWING"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    first = await _restart_and_collect(data, tiny_engine, dictionary)
    pictures = [r for r in first.transcript.replies if r.images]
    assert sorted(r.images[0].caption for r in pictures) == ["apple", "pear"]
    second = await _restart_and_collect(data, tiny_engine, dictionary)
    assert second.transcript.replies == [], "nothing is sent twice"


async def test_done_but_undelivered_is_delivered_at_next_start(
    tmp_path: Path, dictionary: Dictionary
) -> None:
    data = tmp_path / "data"
    async with open_app(
        make_settings(data), drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO())  # not attached: nobody to send to
        await chat.say("/word apple")
        await queue_idle(app.services.queue)
    async with open_app(
        make_settings(data), drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO())
        await app.courier.attach(chat)
        await asyncio.sleep(0.1)
        assert [r.images[0].caption for r in chat.transcript.replies if r.images] == ["apple"]


async def test_a_send_cut_off_by_a_crash_gets_a_notice_not_a_second_picture(
    tmp_path: Path, dictionary: Dictionary
) -> None:
    data = tmp_path / "data"
    async with open_app(
        make_settings(data), drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO())
        await chat.say("/word apple")
        await queue_idle(app.services.queue)
        assert await app.services.jobs.claim_delivery(1)  # claimed, then the process died
    async with open_app(
        make_settings(data), drawer=FakeDrawer(), clock=FakeClock(), dictionary=dictionary
    ) as app:
        chat = TerminalAdapter(app.dialogue, out=io.StringIO())
        await app.courier.attach(chat)
        await asyncio.sleep(0.1)
        assert not any(r.images for r in chat.transcript.replies)
        assert "may not have arrived" in chat.transcript.lines[0]


def test_second_instance_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    with (
        instance_lock(tmp_path),
        pytest.raises(AlreadyLocked, match="already running"),
    ):
        instance_lock(tmp_path).acquire()
    with instance_lock(tmp_path):
        pass  # released on exit


def test_the_queue_starts_with_the_batch_the_bench_measured_unless_the_config_sets_one(
    tmp_path: Path,
) -> None:
    from bot.app import queue_options
    from bot.config import QueueSettings
    from engine.measured import remember

    settings = make_settings(tmp_path)
    assert queue_options(settings).max_batch == 8  # nothing measured here: the default
    remember(tmp_path, "tiny", settings.engine.device, 3, 2.0)
    assert queue_options(settings).max_batch == 3
    chosen = make_settings(tmp_path, queue=QueueSettings(batch_window_ms=0, max_batch=6))
    assert queue_options(chosen).max_batch == 6
