"""The overall pace of sent messages: Telegram's allowance spent, never exceeded, whatever the
network's delays do to when each send arrives."""

from __future__ import annotations

import asyncio
import random

from bench.fakes.telegram_limits import FloodLimits
from bot.adapters.telegram.pacing import SendWindow


async def test_no_second_ever_holds_more_sends_than_allowed_despite_jitter() -> None:
    window = SendWindow(limit=30, seconds=1.0)
    limits = FloodLimits()  # Telegram's 30 a second, counted on a sliding window at arrival
    loop = asyncio.get_running_loop()
    rng = random.Random(7)
    arrivals: list[float] = []

    async def send() -> None:
        async with window.turn():
            await asyncio.sleep(rng.uniform(0.0, 0.08))  # on its way: arrives some time later
            arrivals.append(loop.time())
            assert limits.retry_after(chat_id=1, now=loop.time()) is None, "a 429"
            await asyncio.sleep(rng.uniform(0.0, 0.08))  # the answer coming back

    started = loop.time()
    await asyncio.gather(*(send() for _ in range(75)))
    assert limits.rejected == 0 and len(arrivals) == 75
    # 45 sends beyond the first second's 30 need 1.5 s more at least; the round trips add some
    assert 1.5 <= loop.time() - started < 3.5
