"""The weights' memory layout on a CPU: channels-last (as the engine loads them) against
PyTorch's default contiguous layout, drawing the same batch in alternating rounds, so a slower
minute of a shared machine falls on both alike."""

from __future__ import annotations

import statistics
import time
from typing import Any

from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.tuning import channels_last


def layout_figures(
    engine: PictureEngine, requests: list[GenerationRequest], *, rounds: int = 3
) -> dict[str, Any]:
    """Median ms a picture for each layout (empty off the CPU: measured there only)."""
    if engine.device != "cpu" or not requests:
        return {}
    pipelines = (engine.pipeline, *engine.grown_pipelines.values())
    engine.draw(requests)  # warm-up
    times: dict[str, list[float]] = {"contiguous": [], "channels_last": []}
    try:
        for _ in range(rounds):
            for layout in times:
                channels_last(*pipelines, on=layout == "channels_last")
                started = time.perf_counter()
                engine.draw(requests)
                times[layout].append((time.perf_counter() - started) * 1000 / len(requests))
    finally:
        channels_last(*pipelines)  # as loaded
    contiguous = statistics.median(times["contiguous"])
    fast = statistics.median(times["channels_last"])
    return {
        "layout_batch": len(requests),
        "contiguous_ms_per_image": round(contiguous, 1),
        "channels_last_ms_per_image": round(fast, 1),
        "channels_last_speedup": round(contiguous / fast, 3),
    }
