"""The broadcast benchmark on a small class: paced under Telegram's limit, naive way trips it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.broadcast import broadcast_bench
from bot.app import open_app
from bot.config import Settings
from engine.pipeline import PictureEngine


@pytest.mark.slow
async def test_paced_broadcast_stays_under_the_limit(
    settings: Settings, tiny_engine: PictureEngine, tmp_path: Path
) -> None:
    async def open_bench_app(data_dir: Path):  # type: ignore[no-untyped-def]
        bench = settings.model_copy(
            update={"data": settings.data.model_copy(update={"dir": data_dir})}
        )
        return open_app(bench, engine=tiny_engine, lock=False)

    result = await broadcast_bench(
        open_bench_app, tmp_path, subscribers=120, naive_subscribers=100, progress=print
    )
    assert result["broadcast_sent"] == 118 and result["broadcast_blocked_skipped"] == 2
    assert result["broadcast_failed"] == 0 and result["broadcast_429s"] == 0
    assert result["broadcast_generations"] == 1
    # Telegram counts sends in any one second: never more than its 30, and the allowance spent
    # (a short broadcast averages above 30 a second: its first second goes at once)
    assert result["broadcast_peak_in_any_second"] == 30
    assert result["broadcast_messages_per_s"] >= 29
    assert result["naive_broadcast_429s"] > 0
    assert result["naive_broadcast_failed"] == result["naive_broadcast_429s"]
