"""Keeps within what Telegram counts: sent messages, ~30 a second overall, 20 a minute a group.

PTB's own AIORateLimiter applies its group bucket to every call with a negative chat id
(chat actions, member look-ups, deletions, edits), which throttles a class far below Telegram's
real limit. This limiter paces only the calls that send a message: overall 30 in any second as
Telegram counts them (see `SendWindow`), and per group a moving window of 20 in 61 s (a
burst-then-drip bucket would trip Telegram's window). A 429 is still waited out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import timedelta
from typing import Any

from limits import parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Bot API methods that put a new message in a chat (what Telegram's flood limits count).
SENDING = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendAudio",
        "sendVoice",
        "sendVideo",
        "sendAnimation",
        "sendSticker",
        "sendMediaGroup",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "sendVideoNote",
        "copyMessage",
        "forwardMessage",
    }
)


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after


class SendWindow:
    """At most `limit` sends in any `seconds`, as the server counts them, whatever the network
    does. The server counts a send when it arrives, somewhere between our start and the
    answer, so a send may start only while fewer than `limit` others ended (or are still
    under way) within the last `seconds`. No jitter can then put `limit + 1` arrivals in
    one window; the cost is the round trip, not a fixed safety margin (a one-token bucket at
    29/s spent 93 % of the allowance, a 2 % margin on fixed slots still met a 429 under load)."""

    def __init__(self, limit: int = 30, seconds: float = 1.0) -> None:
        self.limit = limit
        self.seconds = seconds
        self._ended: deque[float] = deque()
        self._under_way = 0
        self._changed = asyncio.Event()

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            while self._ended and self._ended[0] <= now - self.seconds:
                self._ended.popleft()
            if len(self._ended) + self._under_way < self.limit:
                break
            self._changed.clear()
            wait = self._ended[0] + self.seconds - now if self._ended else self.seconds
            with contextlib.suppress(TimeoutError):  # a send under way ended: look again
                await asyncio.wait_for(self._changed.wait(), max(wait, 0.001))
        self._under_way += 1
        try:
            yield
        finally:
            self._under_way -= 1
            self._ended.append(loop.time())
            self._changed.set()


class SentMessageLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        *,
        overall_per_second: int = 30,
        group_per_window: int = 20,
        group_window_seconds: int = 61,
        max_retries: int = 3,
    ) -> None:
        self._overall = SendWindow(overall_per_second, 1.0)
        self._group_item = parse(f"{group_per_window}/{group_window_seconds} seconds")
        self._storage = MemoryStorage()
        self._groups = MovingWindowRateLimiter(self._storage)
        self.max_retries = max_retries
        self.waited_for_groups = 0.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def _group_turn(self, chat_id: int) -> None:
        """Wait until this group's moving window has room for one more message, and take it."""
        while not await self._groups.hit(self._group_item, str(chat_id)):
            stats = await self._groups.get_window_stats(self._group_item, str(chat_id))
            # reset_time is on the storage's clock (time.time): when the oldest send leaves
            delay = max(0.05, stats.reset_time - time.time())
            self.waited_for_groups += delay
            await asyncio.sleep(min(delay, 5.0))

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        sending = endpoint in SENDING
        if sending:
            chat = data.get("chat_id")
            if isinstance(chat, int | str) and str(chat).lstrip("-").isdigit() and int(chat) < 0:
                await self._group_turn(int(chat))
        for attempt in range(self.max_retries + 1):
            try:
                if not sending:
                    return await callback(*args, **kwargs)
                async with self._overall.turn():  # each try is a send Telegram counts
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    raise
                delay = _seconds(error.retry_after) + 0.1
                log.info("Telegram asked to wait %.1f s (%s)", delay, endpoint)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
