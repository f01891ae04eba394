"""Wiring: storage, engine, queue, dialogue and delivery, each run with `async with`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import bot.handlers  # noqa: F401  (registers every command)
from bot.adapters.base import FileLock
from bot.config import Settings
from bot.conversation.dialogue import Dialogue
from bot.conversation.flood import FloodGuard
from bot.conversation.services import Readiness, Services
from bot.learning.dictionary import Dictionary
from bot.learning.quiz import QuizMaster
from bot.learning.speech import Speaker
from bot.loading import AfterLoading, load_the_rest, refuse_unchecked
from bot.pictures.courier import Courier
from bot.pictures.illustrator import (
    DrawingDefaults,
    Illustrator,
    built_in_styles,
    variety_for,
)
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.prompt_filter import PromptFilter
from engine.queue import Drawer, GenerationQueue, LocalQueue, QueueOptions
from engine.resolver import OpenResolver, Resolver, resolver_for
from engine.teaching import taught_words
from storage.buttons import ButtonStore
from storage.challenges import ChallengeStore
from storage.clock import Clock, SystemClock
from storage.db import Database
from storage.flags import FlagStore
from storage.gaps import GapStore
from storage.history import HistoryStore
from storage.images import ImageStore
from storage.jobs import JobStore
from storage.learning import LearningStore
from storage.links import LinkStore
from storage.privacy import PrivacyStore
from storage.reports import ReportStore
from storage.users import UserStore

log = logging.getLogger(__name__)


def instance_lock(data_dir: Path) -> FileLock:
    """One process per data directory: two would fight over jobs and platform updates."""
    return FileLock(
        data_dir / "pictolingo.lock",
        f"another Pictolingo is already running with the data directory {data_dir}; "
        "stop it first (or give this one another data.dir)",
    )


def engine_options(settings: Settings) -> EngineOptions:
    e = settings.engine
    return EngineOptions(
        model=e.model,
        preset=e.preset,
        device=e.device,
        dtype=e.dtype,
        scheduler=e.scheduler,
        steps=None if e.steps == "auto" else int(e.steps),
        guidance=None if e.guidance == "auto" else float(e.guidance),
        width=None if e.width == "auto" else int(e.width),
        height=None if e.height == "auto" else int(e.height),
        threads=e.threads,
        image_checker=settings.safety.image_checker,
        picture_check=e.picture_check,
        picture_check_timeout=e.picture_check_timeout,
        attention_slicing=e.attention_slicing,
        vae_tiling=e.vae_tiling,
        cpu_offload=e.cpu_offload,
        compile=e.compile,
        tiny_autoencoder=e.tiny_autoencoder,
        loras=tuple((name, style.lora) for name, style in settings.styles.items() if style.lora),
        taught_words=e.taught_words,
        single_file_config=e.single_file_config,
    )


def queue_options(settings: Settings) -> QueueOptions:
    from engine.measured import recall

    q = settings.queue
    max_batch = q.max_batch
    if "max_batch" not in q.model_fields_set:  # not set: what the bench measured here, if it did
        max_batch = (
            recall(settings.data.dir, settings.engine.model, settings.engine.device) or max_batch
        )
    return QueueOptions(
        max_batch=max_batch,
        batch_window_ms=q.batch_window_ms,
        pending_per_user=q.pending_per_user,
        max_queued=q.max_queued,
        max_attempts=q.max_attempts,
        daily_quota=settings.limits.daily_pictures,
        allow_unchecked=settings.safety.allow_unchecked_images,
    )


@dataclass
class App:
    settings: Settings
    services: Services
    dialogue: Dialogue
    courier: Courier
    engine: PictureEngine | None


def _illustrator(
    settings: Settings, source: PictureEngine, resolver: Resolver, dictionary: Dictionary
) -> Illustrator:
    """Requests drawn with the loaded model's defaults (or the configured one's, with Redis)."""
    defaults = source.defaults()
    built_in, descriptions = built_in_styles(settings.engine.model)
    configured = {
        name: (style.prompt, ((name, style.weight),) if style.lora else ())
        for name, style in settings.styles.items()
    }
    descriptions |= {n: s.description for n, s in settings.styles.items() if s.description}
    return Illustrator(
        DrawingDefaults(
            model=settings.engine.model,
            steps=defaults["steps"],
            guidance=defaults["guidance"],
            width=defaults["width"],
            height=defaults["height"],
            scheduler=defaults["scheduler"],
            prompt_style=source.preset.prompt_style,
            seed_policy=settings.engine.seed,
            styles=built_in | configured,
            descriptions=descriptions,
        ),
        resolver,
        lambda word: [m.sense_id for m in dictionary.everyday_senses(word)],
        variety_for(settings.engine.model) if built_in else None,
    )


async def _drawer(
    settings: Settings, drawer: Drawer | None, engine: PictureEngine | None
) -> tuple[Drawer | None, PictureEngine | None]:
    """What draws in this process: the given drawer, or the engine loaded now (None with Redis:
    the workers load the model)."""
    if drawer is not None:
        return drawer, engine
    if settings.queue.backend == "redis":
        return None, engine
    engine = engine or PictureEngine(engine_options(settings))
    if not engine.loaded:
        await asyncio.to_thread(engine.load)
    refuse_unchecked(settings, engine)
    return engine, engine


def _queue(
    settings: Settings, jobs: JobStore, images: ImageStore, drawer: Drawer | None, clock: Clock
) -> GenerationQueue:
    if drawer is None:
        from engine.redis_queue import RedisQueue

        return RedisQueue(jobs, images, queue_options(settings), clock, settings.queue.redis_url)
    return LocalQueue(jobs, images, drawer, queue_options(settings), clock)


def _services(
    settings: Settings,
    db: Database,
    clock: Clock,
    dictionary: Dictionary,
    illustrator: Illustrator,
    queue_for: Callable[[JobStore, ImageStore], GenerationQueue],
) -> Services:
    data_dir = settings.data.dir
    jobs = JobStore(db, clock)
    images = ImageStore(db, data_dir / "images", clock)
    users = UserStore(db, clock)
    learning = LearningStore(db, clock)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        users=users,
        history=HistoryStore(db, clock),
        images=images,
        jobs=jobs,
        queue=queue_for(jobs, images),
        illustrator=illustrator,
        dictionary=dictionary,
        learning=learning,
        quizzes=QuizMaster(learning, images, users, dictionary, clock),
        speaker=Speaker(data_dir / "audio"),
        flags=FlagStore(db, clock),
        gaps=GapStore(db, clock),
        buttons=ButtonStore(db, clock),
        links=LinkStore(db, clock),
        privacy=PrivacyStore(db),
        reports=ReportStore(db),
        challenges=ChallengeStore(db, clock),
        prompt_filter=PromptFilter.default(),
        flood=FloodGuard(settings.limits),
        started_at=clock.now(),
    )


@asynccontextmanager
async def open_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    drawer: Drawer | None = None,
    engine: PictureEngine | None = None,
    dictionary: Dictionary | None = None,
    lock: bool = True,
    background: bool = False,
) -> AsyncIterator[App]:
    """Everything but the platform adapters, ready to use; stopped cleanly on exit. With
    `background`, it answers at once and loads the dictionary and the model meanwhile."""
    clock = clock or SystemClock()
    if settings.safety.allow_unchecked_images:
        log.warning(
            "safety.allow_unchecked_images is on: pictures that no safety check looked "
            "at WILL be sent to learners"
        )
    if dictionary is None:
        dictionary = Dictionary()
        if not background:
            await asyncio.to_thread(dictionary.load)
    settings.data.dir.mkdir(parents=True, exist_ok=True)
    async with AsyncExitStack() as stack:
        if lock:
            stack.enter_context(instance_lock(settings.data.dir))
        taught = taught_words(Path(settings.engine.taught_words))
        loading, loaded = (Readiness(), threading.Event()) if background else (None, None)
        if loading is None:
            drawer, engine = await _drawer(settings, drawer, engine)
            resolver = await asyncio.to_thread(
                resolver_for, settings.engine.model, dictionary.wordnet, taught
            )
        else:  # the model loads behind the first answers: a picture waits for it
            resolver = OpenResolver(taught)  # what it can draw is known once it has loaded
            if drawer is None and settings.queue.backend != "redis":
                engine = engine or PictureEngine(engine_options(settings))
                drawer = AfterLoading(engine, loaded)  # type: ignore[arg-type]
        illustrator = _illustrator(
            settings, engine or PictureEngine(engine_options(settings)), resolver, dictionary
        )
        db = await stack.enter_async_context(Database(settings.db_path))
        services = _services(
            settings,
            db,
            clock,
            dictionary,
            illustrator,
            lambda jobs, images: _queue(settings, jobs, images, drawer, clock),
        )
        services.loading = loading
        await stack.enter_async_context(services.queue)
        courier = await stack.enter_async_context(Courier(services))
        if loading is not None and loaded is not None:
            task = asyncio.create_task(
                load_the_rest(settings, dictionary, engine, illustrator, taught, loading, loaded),
                name="loading",
            )
            stack.push_async_callback(_stop_loading, task, loaded)
        yield App(settings, services, Dialogue(services, courier.send_now), courier, engine)


async def _stop_loading(task: asyncio.Task[None], loaded: threading.Event) -> None:
    """Leaving while the model still loads: nothing waits for it (its thread is a daemon),
    and a picture waiting for it stops waiting (it is drawn at the next start)."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    loaded.set()
