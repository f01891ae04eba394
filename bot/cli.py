"""The `pictolingo` command: run, chat, doctor, bench, and the model tools."""

from __future__ import annotations

import asyncio
import logging
import random
import signal
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any

import typer

from bot.cli_common import ConfigOption, fail, settings_or_exit
from bot.cli_training import MODEL_TOOLS
from bot.config import ConfigError, Settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Pictolingo: learn English words from pictures.",
)


def secret_values(settings: Settings) -> list[str]:
    """Every secret in the settings, so logs can blank them out."""
    from bot.adapters.base import platforms

    return [secret for platform in platforms() for secret in platform.secrets(settings)]


def run_async(coroutine: Coroutine[Any, Any, None]) -> None:
    """One event loop for the whole program; known failures become one clear line."""
    from bot.adapters.base import AdapterStartError, AlreadyLocked
    from engine.errors import ModelNotAvailable
    from engine.styles import StyleError
    from engine.tuning import EngineOptionError
    from storage.db import StorageError

    try:
        asyncio.run(coroutine)
    except KeyboardInterrupt:
        typer.echo("\nBye!", err=True)
    except (
        AlreadyLocked,
        AdapterStartError,
        ModelNotAvailable,
        StorageError,
        ConfigError,
        EngineOptionError,
        StyleError,
    ) as exc:
        fail(str(exc), 1)


@app.command()
def chat(
    config: ConfigOption = None,
    user: Annotated[str, typer.Option(help="Learner id to chat as.")] = "local",
    locale: Annotated[str, typer.Option(help="Language of the learner, e.g. en or zh.")] = "en",
    teacher: Annotated[bool, typer.Option(help="Chat as a teacher (class commands).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show log messages.")] = False,
) -> None:
    """Chat with Pictolingo in this terminal (reads one message per line when piped)."""
    from bot.logs import configure_logging

    settings = settings_or_exit(config)
    configure_logging("INFO" if verbose else "WARNING", secrets=secret_values(settings))
    run_async(_chat(settings, user=user, locale=locale, teacher=teacher))


async def _chat(settings: Settings, *, user: str, locale: str, teacher: bool) -> None:
    from rich.console import Console

    from bot.adapters.terminal import TerminalAdapter
    from bot.app import open_app
    from bot.loading import announce_when_ready

    interactive = sys.stdin.isatty()
    console = Console(stderr=True)
    app_context = open_app(settings, background=True)
    application = await app_context.__aenter__()
    loading = application.services.loading
    stop = asyncio.Event()
    watcher = asyncio.create_task(
        announce_when_ready(loading, console.print if interactive else _quiet, stop)
        if loading is not None
        else stop.wait()
    )
    try:
        adapter = TerminalAdapter(
            application.dialogue,
            color=sys.stdout.isatty(),
            user_id=user,
            locale=locale,
            is_teacher=teacher,
            show_progress=False,
        )
        await application.courier.attach(adapter)
        if interactive:
            console.print(
                "Pictolingo is here. Try [bold]/word apple[/bold]; type a button's number to "
                f"press it, /quit to leave. (Loading the dictionary and {settings.engine.model} "
                "model: your first picture waits for it.)"
            )
        if loading is not None:
            loading.begin()  # the prompt is up: the dictionary and the model may load now
        chatting = asyncio.create_task(adapter.run(sys.stdin, interactive=interactive))
        await asyncio.wait({chatting, watcher}, return_when=asyncio.FIRST_COMPLETED)
        if stop.is_set() and loading is not None and loading.error is not None:
            chatting.cancel()
            raise loading.error
        await chatting
    finally:
        watcher.cancel()
        await app_context.__aexit__(None, None, None)


def _quiet(message: str) -> None:
    """Piped chats print the learner's transcript only."""


@app.command()
def run(config: ConfigOption = None) -> None:
    """Start every configured chat platform, the scheduler and the drawing queue."""
    from bot.logs import configure_logging
    from bot.serve import serve

    settings = settings_or_exit(config)
    configure_logging(settings.log.level, secrets=secret_values(settings), fmt=settings.log.format)
    run_async(serve(settings))


@app.command("teacher-password")
def teacher_password() -> None:
    """Choose the teacher dashboard password; prints the line to put in config.toml."""
    from bot.adapters.web.auth import hash_password

    password = typer.prompt("New teacher password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        fail("please use at least 8 characters")
    typer.echo("Put this line in the [web] section of config.toml:")
    typer.echo(f'teacher_password_hash = "{hash_password(password)}"')


@app.command()
def doctor(config: ConfigOption = None) -> None:
    """Check the set-up: config, data directory, device, model, tokens (never shown)."""
    from bot.doctor import report

    settings = settings_or_exit(config)
    ok = True
    for label, value, good in report(settings, config):
        mark = "✓" if good else "✗"
        ok = ok and good
        typer.echo(f"{mark} {label:<14} {value}")
    raise typer.Exit(0 if ok else 1)


@app.command()
def worker(
    config: ConfigOption = None,
    name: Annotated[str, typer.Option(help="Worker name (default: host-pid).")] = "",
) -> None:
    """Draw pictures for the bot from Redis (queue.backend = "redis"): one per GPU, any machine."""
    from bot.app import engine_options
    from bot.loading import refuse_unchecked
    from engine.pipeline import PictureEngine
    from engine.worker import RedisWorker

    settings = settings_or_exit(config)

    async def go() -> None:
        engine = PictureEngine(engine_options(settings))
        typer.echo(f"Loading the picture model ({settings.engine.model})…", err=True)
        await asyncio.to_thread(engine.load)
        refuse_unchecked(settings, engine)  # one line, before any picture is drawn for nothing
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        q = settings.queue
        drawer = RedisWorker(
            engine,
            q.redis_url,
            name=name or None,
            max_batch=q.max_batch,
            claim_idle_ms=q.claim_seconds * 1000,
            max_attempts=q.max_attempts,
            model=settings.engine.model,
        )
        typer.echo(f"Worker {drawer.name} is drawing for {q.redis_url} (Ctrl+C to stop).", err=True)
        await drawer.run(stop)

    run_async(go())


@app.command()
def status(config: ConfigOption = None) -> None:
    """Workers alive, queue depth, jobs per minute and failures (Redis backend)."""
    from engine.redis_status import redis_status

    settings = settings_or_exit(config)
    result: dict[str, Any] = {}

    async def go() -> None:
        result.update(await redis_status(settings.queue.redis_url))

    run_async(go())
    for key, value in result.items():
        typer.echo(f"{key:>18}: {value}")


@app.command("eval")
def evaluate(
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    limit: Annotated[int, typer.Option(help="Evaluate only the first N names (0 = all).")] = 0,
    sweep: Annotated[bool, typer.Option(help="Also sweep steps, guidance and schedulers.")] = False,
    out: Annotated[Path, typer.Option(help="Folder for the sweep table and plot.")] = Path(
        "runs/eval"
    ),
    vocabulary: Annotated[
        bool, typer.Option(help="Also run the beginner word list and the resolver pairs.")
    ] = True,
    sheet: Annotated[
        Path, typer.Option(help="Contact sheet of every picture the word list would send.")
    ] = Path("runs/eval/vocabulary.png"),
    scene_sheet: Annotated[
        Path, typer.Option(help="Contact sheet of 30 beginner sentences drawn as scenes.")
    ] = Path("runs/eval/scenes.png"),
    config: ConfigOption = None,
) -> None:
    """Measure the starter model: accuracy (retrieval), reproducibility, diversity, speed,
    picture truth (the beginner word list and the resolver's labelled pairs), word cards and
    sentences drawn as scenes."""
    import json

    from engine.starter import sweep as sweeping

    def say(message: str) -> None:
        typer.echo(message, err=json_output)

    result = sweeping.evaluate(limit=limit, progress=say)
    if vocabulary:
        result.update(_truth_figures(sheet, scene_sheet, limit, say))
        result["asked_but_not_drawn"] = _gaps(settings_or_exit(config))
    if sweep:
        rows = sweeping.sweep(out, progress=say)
        result["sweep"] = {
            "table": str(out / "sweep.md"),
            "plot": str(out / "sweep.png"),
            "best": max(rows, key=lambda r: (r["top5"], -r["ms_per_image"])),
        }
    if json_output:
        typer.echo(json.dumps(result))
    else:
        for key, value in result.items():
            typer.echo(f"{key:>22}: {value}")


def _gaps(settings: Settings) -> list[dict[str, Any]]:
    """The words learners asked for that could not be drawn, most asked first (this data dir)."""
    if not settings.db_path.exists():
        return []

    async def read() -> list[dict[str, Any]]:
        from storage.clock import SystemClock
        from storage.db import Database
        from storage.gaps import GapStore

        async with Database(settings.db_path) as db:
            gaps = await GapStore(db, SystemClock()).most_asked(settings.engine.model, limit=30)
        return [{"word": g.word, "asked": g.asked, "learners": g.learners} for g in gaps]

    return asyncio.run(read())


def _truth_figures(
    sheet: Path, scene_sheet: Path, limit: int, say: Callable[[str], None]
) -> dict[str, Any]:
    from bot.learning.dictionary import Dictionary
    from bot.pictures import scene_eval, truth_eval
    from engine.options import EngineOptions
    from engine.pipeline import PictureEngine
    from engine.resolver import resolver_for
    from engine.scene_check import SceneChecker

    say("picture truth: loading the dictionary, the resolver and the model")
    dictionary = Dictionary()
    dictionary.load()
    resolver = resolver_for("starter", dictionary.wordnet)
    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    words = truth_eval.word_list()
    words = words[:limit] if limit else words
    source = f"{truth_eval.WORD_LIST.name} (CEFR-J A1-A2 concrete nouns)"
    from bot.learning.cards_eval import cards_figures
    from bot.pictures.variety_eval import draw_again_figures
    from engine.starter.additions import drawable_concepts

    say("draw again: 16 concepts and 64 more, four pictures each")
    concepts = [c.name for c in drawable_concepts()]
    sample = random.Random(19).sample(concepts[16:], 64)
    return {
        "draw_again": draw_again_figures(resolver, engine, concepts[:16]),
        "draw_again_sample": draw_again_figures(resolver, engine, sample),
        "cards": cards_figures(dictionary),
        "vocabulary": truth_eval.vocabulary_figures(
            dictionary, resolver, engine, words=words, source=source, sheet=sheet, progress=say
        ),
        "vocabulary_held_out": truth_eval.vocabulary_figures(
            dictionary,
            resolver,
            engine,
            words=truth_eval.word_list(truth_eval.HELD_OUT),
            source=f"{truth_eval.HELD_OUT.name} (CEFR B1 concrete nouns)",
            sheet=sheet.with_name("held_out.png"),
            judged=truth_eval.read_judged(truth_eval.HELD_OUT_JUDGED),
            progress=say,
        ),
        "resolver": truth_eval.resolver_figures(dictionary, resolver),
        "scenes": scene_eval.scene_figures(
            dictionary,
            resolver,
            engine,
            SceneChecker.for_starter(),
            sheet=scene_sheet,
            progress=say,
        ),
    }


@app.command()
def bench(
    config: ConfigOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="End with one JSON line.")] = False,
    quick: Annotated[bool, typer.Option(help="Smaller sizes, for a quick look.")] = False,
    broadcast: Annotated[
        int | None,
        typer.Option(help="Chats in the broadcast benchmark (default 10000, 1000 with --quick)."),
    ] = None,
) -> None:
    """Benchmark queue, storage and broadcasts against the naive way, on the configured model."""
    import json

    from bench.suite import run_bench

    settings = settings_or_exit(config)
    began = time.monotonic()

    def say(message: str) -> None:
        minutes, seconds = divmod(int(time.monotonic() - began), 60)
        typer.echo(f"[{minutes}:{seconds:02d}] {message}", err=True)

    results: dict[str, Any] = {}

    async def go() -> None:
        results.update(await run_bench(settings, quick=quick, progress=say, broadcast=broadcast))

    run_async(go())
    if "best_batch" in results:
        from engine.measured import remember

        kept = remember(settings.data.dir, settings.engine.model, settings.engine.device,
                        results["best_batch"], results["best_batch_images_per_s"])  # fmt: skip
        say(f"the queue will draw batches of up to {results['best_batch']} here ({kept})")
    if json_output:
        typer.echo(json.dumps(results))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="pictolingo bench")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in results.items():
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    Console().print(table)


def main() -> None:  # pragma: no cover - console script entry
    from bot.loading import leave

    logging.captureWarnings(True)
    try:
        app()
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise
        leave(done.code or 0)


for _name, _command in MODEL_TOOLS.items():  # train-starter, train-lora, teach-word
    app.command(_name)(_command)
