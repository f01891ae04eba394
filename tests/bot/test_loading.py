"""`pictolingo run` and `chat` answer at once; the dictionary and the model load meanwhile."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

from bot.app import open_app
from bot.conversation.services import Readiness
from bot.learning.dictionary import Dictionary
from bot.loading import announce_when_ready
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.tuning import EngineOptionError
from tests.helpers import Person, RecordingSender, eventually, make_settings

ROOT = Path(__file__).parents[2]


class GatedEngine(PictureEngine):
    """The tiny model, loading only when the test says so."""

    def __init__(self, error: Exception | None = None) -> None:
        super().__init__(EngineOptions(model="tiny"))
        self.gate = threading.Event()
        self.error = error

    def load(self) -> None:
        self.gate.wait(30)
        if self.error is not None:
            raise self.error
        super().load()


async def test_help_answers_while_the_model_loads_and_a_picture_waits_for_it(
    tmp_path: Path, dictionary: Dictionary
) -> None:
    engine = GatedEngine()
    settings = make_settings(tmp_path / "data")
    async with open_app(settings, engine=engine, dictionary=dictionary, background=True) as app:
        platform = RecordingSender()
        await app.courier.attach(platform)
        kid = Person(app, "kid", "kid")
        help_reply = await asyncio.wait_for(kid.say("/help"), 5)
        assert "/word" in help_reply[0].text
        asked = asyncio.create_task(kid.say("/word apple"))
        await asyncio.sleep(0.5)
        assert not asked.done(), "/word waits for the dictionary and the model"
        # … but the learner hears at once that the answer is coming
        said = [r.text for r in platform.to("kid")]
        assert len(said) == 1 and "getting my dictionary and pictures ready" in said[0]
        engine.gate.set()
        replies = await asyncio.wait_for(asked, 60)
        assert "Drawing" in replies[0].text and "apple" in replies[0].text
        await eventually(lambda: [r for r in platform.to("kid") if r.images])
        loading = app.services.loading
        assert loading is not None and loading.ready and loading.error is None


async def test_a_model_that_cannot_load_is_said_kindly_and_stops_the_program(
    tmp_path: Path, dictionary: Dictionary
) -> None:
    engine = GatedEngine(EngineOptionError("engine.vae_tiling: this model cannot tile"))
    engine.gate.set()
    settings = make_settings(tmp_path / "data")
    async with open_app(settings, engine=engine, dictionary=dictionary, background=True) as app:
        kid = Person(app, "kid", "kid")
        reply = (await asyncio.wait_for(kid.say("/word apple"), 30))[0]
        assert "could not get my dictionary and pictures ready" in reply.text
        assert "/word" in (await kid.say("/help"))[0].text
        loading = app.services.loading
        assert loading is not None
        stop, said = asyncio.Event(), []
        await announce_when_ready(loading, said.append, stop)
        assert stop.is_set() and said == []
        assert str(loading.error) == "engine.vae_tiling: this model cannot tile"


async def test_ready_is_announced_with_the_time_it_took() -> None:
    loading, said, stop = Readiness(), [], asyncio.Event()
    waiting = asyncio.create_task(announce_when_ready(loading, said.append, stop))
    loading.finish(2.54)
    await waiting
    assert said == ["Dictionary and picture model ready (2.5 s)."] and not stop.is_set()


async def test_loading_waits_until_the_program_answers(
    tmp_path: Path, dictionary: Dictionary
) -> None:
    """Loading threads that start while the web server is still starting hold the GIL and make
    the page answer later: the model starts loading once the program says it answers (or a
    command needs it), and on its own after a short while if nothing says so."""
    started = threading.Event()

    class Watched(GatedEngine):
        def load(self) -> None:
            started.set()
            super().load()

    engine = Watched()
    engine.gate.set()
    settings = make_settings(tmp_path / "data")
    async with open_app(settings, engine=engine, dictionary=dictionary, background=True) as app:
        await asyncio.sleep(0.5)
        assert not started.is_set(), "nothing said the program answers yet"
        loading = app.services.loading
        assert loading is not None
        loading.begin()
        await eventually(started.is_set)
        assert await asyncio.wait_for(loading.wait(), 60)
    engine = Watched()
    engine.gate.set()
    started.clear()
    async with open_app(settings, engine=engine, dictionary=dictionary, background=True) as app:
        await eventually(started.is_set, timeout=10)  # nobody said so: it starts on its own


SPIN_THEN_STOP = """
import asyncio
import torch
from bot.loading import leave, off_loop


def spin() -> None:  # a model still loading: torch busy in the loader thread
    while True:
        torch.randn(300, 300) @ torch.randn(300, 300)


async def stopped_while_loading() -> None:
    loading = asyncio.ensure_future(off_loop(spin))
    await asyncio.sleep(0.5)
    loading.cancel()


asyncio.run(stopped_while_loading())
print("Stopping…", flush=True)
leave(0)
"""


def test_a_program_stopped_while_the_model_loads_exits_cleanly(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SPIN_THEN_STOP],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (0, "Stopping…\n"), done.stderr
    assert "terminate called" not in done.stderr
