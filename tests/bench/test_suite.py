"""`pictolingo bench` end to end on the tiny model: every figure a reader looks for is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gpu import BATCH_SIZES
from bench.suite import run_bench
from tests.helpers import make_settings


@pytest.mark.slow
async def test_the_bench_reports_speed_batch_start_and_memory(tmp_path: Path) -> None:
    said: list[str] = []
    result = await run_bench(
        make_settings(tmp_path / "data"), quick=True, progress=said.append, broadcast=0
    )
    # the queue against one request at a time and against the best batch, in the same run
    assert result["naive_images_per_s"] > 0 and result["queue_images_per_s"] > 0
    sizes = [row["batch"] for row in result["batch_sweep"]]
    assert sizes == sorted(sizes) and set(sizes) <= set(BATCH_SIZES) and len(sizes) >= 3
    assert result["best_batch"] in sizes
    assert result["best_batch_images_per_s"] == max(
        r["images_per_s"] for r in result["batch_sweep"]
    )
    assert result["queue_vs_best_batch"] == pytest.approx(
        result["queue_images_per_s"] / result["best_batch_images_per_s"]
    )
    # a real `pictolingo run`: the page answers before the model has loaded
    assert 0 < result["startup_s"] <= result["startup_loaded_s"]
    assert result["rss_mb"] > 50
    assert result["web_ack_p99_ms"] is not None and result["web_picture_p99_s"] is not None
    assert result["history_search_p95_ms"] > 0 and result["cached_commands_per_s"] > 0
    assert "the best batch size for this model on this device" in said
    # on a CPU, the weights' layout as loaded against PyTorch's default, on the same batch
    assert result["contiguous_ms_per_image"] > 0 and result["channels_last_ms_per_image"] > 0


def test_rounds_of_a_sweep_merge_as_all_their_pictures_over_all_their_time() -> None:
    from bench.suite import merged

    fast = [{"batch": 1, "images_per_s": 2.0}, {"batch": 2, "images_per_s": 4.0}]
    slow = [{"batch": 1, "images_per_s": 1.0}, {"batch": 2, "images_per_s": 4.0}]
    # 16 pictures a round: batch 1 took 8 s and 16 s, so 32 pictures in 24 s
    assert merged([fast, slow]) == [
        {"batch": 1, "images_per_s": round(32 / 24, 3)},
        {"batch": 2, "images_per_s": 4.0},
    ]
    tight = [{"batch": 1, "images_per_s": 1.0}, {"batch": 2, "out_of_memory": True}]
    assert merged([fast, tight])[-1] == {"batch": 2, "out_of_memory": True}
