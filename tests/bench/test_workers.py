"""The worker-scaling benchmark runs against a real redis-server and reports each rate."""

from __future__ import annotations

import pytest

from bench.workers import worker_scaling


@pytest.mark.slow
async def test_more_workers_draw_more() -> None:
    result = await worker_scaling(jobs=18, seconds=0.05)
    rates = [result[f"workers_{n}_jobs_per_s"] for n in (1, 2, 3)]
    assert rates[0] < rates[1] < rates[2]  # the figure itself is for `pictolingo bench`
    # the ratio is taken before the rates are rounded for the report
    assert abs(result["workers_3_vs_1"] - rates[2] / rates[0]) <= 0.01
