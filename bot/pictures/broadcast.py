"""Sending one message to many chats: paced by each adapter's rate limiter, past blocked chats.

The first message per platform goes alone so the platform learns the picture (Telegram returns
a file id that every later send reuses); the rest go with bounded concurrency. A chat that
blocked the bot is marked inactive and the broadcast goes on; the report counts everything.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from bot.adapters.base import ChatUnavailable, NotDelivered, Sender
from bot.conversation.messages import Address, Reply
from storage.users import UserStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Post:
    address: Address
    replies: tuple[Reply, ...]
    on_sent: Callable[[], Awaitable[None]] | None = None


@dataclass
class BroadcastReport:
    total: int = 0
    sent: int = 0
    skipped: int = 0  # inactive chat, or its platform is not running
    blocked: int = 0  # the chat blocked the bot or is gone: now marked inactive
    failed: int = 0  # could not be delivered after the adapter's retries
    seconds: float = 0.0
    blocked_chats: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"{self.sent} sent, {self.skipped} skipped, {self.blocked} blocked, "
            f"{self.failed} failed of {self.total} in {self.seconds:.1f} s"
        )


class Broadcaster:
    def __init__(
        self,
        senders: Callable[[str], Sender | None],
        users: UserStore,
        *,
        concurrency: int = 20,
    ) -> None:
        self.senders = senders
        self.users = users
        self.concurrency = max(1, concurrency)

    async def send_all(self, posts: Sequence[Post], *, label: str = "broadcast") -> BroadcastReport:
        report = BroadcastReport(total=len(posts))
        started = time.perf_counter()
        gate = asyncio.Semaphore(self.concurrency)
        step = max(1, len(posts) // 10)
        done = 0

        async def one(post: Post) -> None:
            nonlocal done
            async with gate:
                await self._send(post, report)
            done += 1
            if done % step == 0 and len(posts) >= 100:
                log.info("%s: %d/%d (%s)", label, done, len(posts), report.summary())

        first_seen: set[str] = set()
        rest: list[Post] = []
        for post in posts:
            if post.address.platform in first_seen:
                rest.append(post)
            else:
                first_seen.add(post.address.platform)
                await one(post)
        await asyncio.gather(*(one(post) for post in rest))
        report.seconds = time.perf_counter() - started
        if posts:
            log.info("%s finished: %s (%.1f/s)", label, report.summary(), report.rate)
        return report

    async def _send(self, post: Post, report: BroadcastReport) -> None:
        address = post.address
        sender = self.senders(address.platform)
        if sender is None or not await self.users.chat_is_active(address.platform, address.chat_id):
            report.skipped += 1
            return
        try:
            for reply in post.replies:
                await sender.send(address, reply)
        except ChatUnavailable:
            await self.users.set_chat_active(
                address.platform, address.chat_id, False, address.chat_kind
            )
            report.blocked += 1
            report.blocked_chats.append((address.platform, address.chat_id))
            return
        except NotDelivered:
            report.failed += 1
            return
        except Exception:
            log.exception("broadcast to a chat on %s failed", address.platform)
            report.failed += 1
            return
        report.sent += 1
        if post.on_sent is not None:
            await post.on_sent()
