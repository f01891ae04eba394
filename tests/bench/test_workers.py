"""The worker-scaling benchmark runs against a real redis-server and reports each rate."""

from __future__ import annotations

import pytest

from bench.workers import redis_memory, worker_scaling


@pytest.mark.slow
async def test_more_workers_draw_more() -> None:
    result = await worker_scaling(jobs=18, seconds=0.05)
    rates = [result[f"workers_{n}_jobs_per_s"] for n in (1, 2, 3)]
    assert rates[0] < rates[1] < rates[2]  # the figure itself is for `pictolingo bench`
    # the ratio is taken before the rates are rounded for the report
    assert abs(result["workers_3_vs_1"] - rates[2] / rates[0]) <= 0.01


@pytest.mark.gpu_path
async def test_redis_keeps_pictures_only_until_the_bot_takes_them() -> None:
    png = bytes(range(256)) * 400  # 100 KB, incompressible like a real picture
    result = await redis_memory(png, pictures=100)
    assert result["redis_png_kb"] == 100.0
    assert result["redis_mb_per_1000_waiting"] >= 0.9 * 100_000 / 2**20 * 1000 / 1.024
    assert result["redis_mb_per_1000_delivered"] < result["redis_mb_per_1000_waiting"] / 10
    assert result["redis_mb_per_1000_delivered_naive_png_in_events"] > 80
