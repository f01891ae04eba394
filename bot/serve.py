"""`pictolingo run`: every configured adapter beside the queue, in one event loop, until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from contextlib import AsyncExitStack

from bot.adapters.base import Adapter, platforms
from bot.app import App, open_app
from bot.challenges.runner import ChallengeRunner
from bot.challenges.scheduler import CoreScheduler
from bot.config import ConfigError, Settings
from bot.loading import announce_when_ready

log = logging.getLogger(__name__)


def adapters_for(settings: Settings, app: App) -> list[Adapter]:
    """The adapters this configuration asks for (web unless disabled; platforms with tokens)."""
    return [platform.build(app) for platform in platforms() if platform.wanted(settings)]


async def serve(
    settings: Settings,
    *,
    announce: Callable[[str], None] = print,
    stop: asyncio.Event | None = None,
) -> None:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    async with open_app(settings, background=True) as app, AsyncExitStack() as stack:
        runner = ChallengeRunner(app.services, app.courier)
        await stack.enter_async_context(CoreScheduler(app.services, runner))
        adapters = adapters_for(settings, app)
        if not adapters:
            raise ConfigError("nothing to run: web.enabled is false and no bot token is set")
        for adapter in adapters:
            await stack.enter_async_context(adapter)
            await app.courier.attach(adapter)
            if adapter.url:
                announce(
                    f"Pictolingo is ready: open {adapter.url} in your browser (Ctrl+C to stop)."
                )
            else:
                announce(f"Pictolingo is connected to {adapter.platform}.")
        loading = app.services.loading
        if loading is not None:
            loading.begin()
            announce(f"Loading the dictionary and the picture model ({settings.engine.model})…")
            watcher = asyncio.create_task(announce_when_ready(loading, announce, stop))
            stack.callback(watcher.cancel)
        await stop.wait()
        if loading is not None and loading.error is not None:
            raise loading.error  # one line from run_async, after everything closed
        announce("Stopping…")
