"""Loading behind the first answers (`pictolingo run` and `chat`): the app answers at once, and
the dictionary, the picture model and what it can draw load meanwhile.

Commands that need them wait for them (see `Dialogue`); a picture asked for meanwhile waits in
the queue's thread for the model; a loading failure is said once and stops the program.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from bot.conversation.services import Readiness
from bot.learning.dictionary import Dictionary
from engine.pipeline import DrawnPicture, PictureEngine, ProgressCallback
from engine.request import GenerationRequest
from engine.resolver import resolver_for
from engine.teaching import TaughtWord
from engine.tuning import EngineOptionError

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.pictures.illustrator import Illustrator

log = logging.getLogger(__name__)
T = TypeVar("T")


class AfterLoading:
    """The engine as the local queue's drawer while it loads: drawing waits for the model."""

    def __init__(self, engine: PictureEngine, loaded: threading.Event) -> None:
        self.engine = engine
        self.loaded = loaded

    @property
    def batch_limit(self) -> int | None:
        return self.engine.batch_limit

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        self.loaded.wait()  # in the queue's thread: the event loop goes on answering
        return self.engine.draw(requests, on_progress)

    def interrupt(self) -> None:
        self.engine.interrupt()


# Loading starts when the program says it answers; this long at most if nothing says so.
BEGIN_AT_MOST_S = 2.0
# The name of the threads `off_loop` starts.
LOADER = "loading"


async def load_the_rest(
    settings: Settings,
    dictionary: Dictionary,
    engine: PictureEngine | None,
    illustrator: Illustrator,
    taught: list[TaughtWord],
    loading: Readiness,
    loaded: threading.Event,
) -> None:
    """The dictionary and the model side by side, then what the model can draw (once the
    program answers, or a command needs them)."""
    await loading.begun(at_most=BEGIN_AT_MOST_S)
    started = time.perf_counter()
    error: BaseException | None = None
    try:
        steps = [off_loop(dictionary.load), off_loop(_warm_word_forms)]
        if engine is not None and not engine.loaded:
            steps.append(off_loop(engine.load))
        await asyncio.gather(*steps)
        if engine is not None:
            refuse_unchecked(settings, engine)
        illustrator.resolver = await off_loop(
            lambda: resolver_for(settings.engine.model, dictionary.wordnet, taught)
        )
    except asyncio.CancelledError as stopped:  # the program stops before it was ready
        error = stopped
        raise
    except Exception as exc:  # said once by whoever waits on `loading`; learners get a kind line
        error = exc
        log.error("could not get ready: %s", exc)
    finally:
        loaded.set()
        loading.finish(time.perf_counter() - started, error)


def _warm_word_forms() -> None:
    """lemminflect reads its tables at its first call (0.2 s): here, not on the event loop
    in front of the first learners' answers (the prompt filter and the cards use it)."""
    from lemminflect import getAllLemmas, getInflection

    getAllLemmas("apples")
    getInflection("apple", "NNS")


async def off_loop(function: Callable[[], T]) -> T:
    """`function` in a daemon thread: a program stopped while it loads does not wait for it
    (`asyncio.to_thread` would hold the exit until the model finished loading)."""
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if answer.done():
            return
        if error is not None:
            answer.set_exception(error)
        else:
            answer.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, error = function(), None
        except BaseException as exc:  # handed to the waiting coroutine
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name=LOADER, daemon=True).start()
    return await answer


def still_loading() -> bool:
    return any(thread.name == LOADER and thread.is_alive() for thread in threading.enumerate())


def leave(code: int) -> None:
    """End the process with `code` once everything has closed. A program stopped while torch
    still loads in a daemon thread would abort at interpreter exit (C++ "terminate called
    without an active exception", exit 134): with a loader still busy, skip that finalisation."""
    if still_loading():
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def refuse_unchecked(settings: Settings, engine: PictureEngine) -> None:
    """Fail closed would refuse every picture after the GPU drew it: say so at start, once."""
    if not engine.checks_pictures and not settings.safety.allow_unchecked_images:
        raise EngineOptionError(
            f"safety.image_checker: {settings.engine.model} has no safety checker, so every "
            "picture would be refused; set it to a StableDiffusionSafetyChecker folder or hub "
            "id (or safety.allow_unchecked_images = true, never for children)"
        )


async def announce_when_ready(
    loading: Readiness, announce: Callable[[str], None], stop: asyncio.Event
) -> None:
    """Say when everything is loaded; on a failure, stop the program (the caller raises it)."""
    if await loading.wait():
        announce(f"Dictionary and picture model ready ({loading.seconds:.1f} s).")
    else:
        stop.set()
