"""The daily-challenge broadcast, measured against the local fake Bot API with Telegram's limits.

N learners' daily challenges fall due at once; the real runner prepares the one picture, opens
N rounds and sends them through the real python-telegram-bot adapter, which must keep within
about 30 messages a second. The naive way (the same sends without the rate limiter) runs on
a smaller set in the same process for comparison: it trips Telegram's flood control.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.fakes.telegram_api import FakeTelegram
from bench.fakes.telegram_limits import FloodLimits
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.config import TelegramSettings
from bot.app import App
from bot.challenges.runner import ChallengeRunner
from storage.clock import stamp

BLOCKED_SHARE = 0.01  # learners who blocked the bot since subscribing


async def _subscribe(app: App, count: int, first_chat: int) -> list[int]:
    due = app.services.clock.now() - timedelta(seconds=1)
    chats = [first_chat + index for index in range(count)]
    await app.services.db.executemany(
        "INSERT INTO challenge_schedules (kind, platform, chat_id, chat_kind, post_time, timezone, "
        "reveal_minutes, pool, next_post_at) VALUES ('learner', 'telegram', ?, 'private', ?, "
        "'UTC', 0, 'level:A1', ?)",
        [(str(chat), due.strftime("%H:%M"), stamp(due)) for chat in chats],
    )
    return chats


async def _run(
    open_bench_app: Callable[[Path], Any],
    data_dir: Path,
    count: int,
    *,
    rate_limiter: bool,
) -> dict[str, Any]:
    limits = FloodLimits()
    async with FakeTelegram(limits=limits) as fake, await open_bench_app(data_dir) as app:
        settings = TelegramSettings(token=fake.token, base_url=fake.base_url, poll_timeout=1)
        adapter = TelegramAdapter(app.dialogue, app.services, settings, rate_limiter=rate_limiter)
        async with adapter:
            await app.courier.attach(adapter)
            chats = await _subscribe(app, count, 10_000_000)
            fake.started.update(chats)  # each subscriber asked for /daily in a private chat
            fake.blocked.update(chats[:: int(1 / BLOCKED_SHARE)])
            runner = ChallengeRunner(app.services, app.courier)
            tick = await runner.tick()
            report = tick.broadcast
            # pictures drawn: a twin job (the same picture asked for again while it was being
            # drawn) waits for the first one's picture instead of being drawn itself
            generations = await app.services.db.fetchval(
                "SELECT COUNT(DISTINCT cache_key) FROM jobs"
            )
    return {
        "chats": count,
        "sent": report.sent,
        "blocked": report.blocked,
        "failed": report.failed,
        "seconds": round(report.seconds, 2),
        "messages_per_s": round(report.rate, 2),
        "telegram_429s": limits.rejected,
        "peak_per_s": limits.peak,
        "generations": generations,
    }


async def broadcast_bench(
    open_bench_app: Callable[[Path], Any],
    temp: Path,
    *,
    subscribers: int,
    naive_subscribers: int,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    progress(f"daily challenge broadcast to {subscribers:,} Telegram chats (paced at 30/s)")
    ours = await _run(open_bench_app, temp / "broadcast", subscribers, rate_limiter=True)
    progress(f"the naive way: {naive_subscribers:,} chats without the rate limiter")
    naive = await _run(open_bench_app, temp / "naive", naive_subscribers, rate_limiter=False)
    allowed = FloodLimits().per_second
    return {
        "broadcast_chats": ours["chats"],
        "broadcast_sent": ours["sent"],
        "broadcast_blocked_skipped": ours["blocked"],
        "broadcast_failed": ours["failed"],
        "broadcast_seconds": ours["seconds"],
        "broadcast_messages_per_s": ours["messages_per_s"],
        "broadcast_allowed_per_s": allowed,
        "broadcast_rate_share_of_allowed": round(ours["messages_per_s"] / allowed, 3),
        "broadcast_429s": ours["telegram_429s"],
        "broadcast_peak_in_any_second": ours["peak_per_s"],
        "broadcast_generations": ours["generations"],
        "naive_broadcast_chats": naive["chats"],
        "naive_broadcast_sent": naive["sent"],
        "naive_broadcast_failed": naive["failed"],
        "naive_broadcast_429s": naive["telegram_429s"],
        "naive_broadcast_messages_per_s": naive["messages_per_s"],
    }
