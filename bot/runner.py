"""`pictolingo run`: every configured adapter beside the queue, in one event loop, until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys

from bot.app import open_app
from bot.config import Settings

log = logging.getLogger(__name__)


async def serve(settings: Settings) -> None:
    from bot.adapters.terminal import TerminalAdapter

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    log.info("loading the picture model (%s)…", settings.engine.model)
    async with open_app(settings) as app:
        terminal = TerminalAdapter(app.dialogue)
        await app.courier.attach(terminal)
        await terminal.run(sys.stdin, interactive=sys.stdin.isatty())
