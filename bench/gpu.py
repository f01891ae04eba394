"""What only a GPU can show, for an operator to publish (part of `pictolingo bench` on CUDA).

Peak memory and speed per batch size (and so the best `[queue] max_batch` for the card), the
time to the first picture and the steady rate with and without `compile`, fp16 against bf16,
and the share of drawing time the safety checks take. Every figure comes from the configured
model drawing real requests; memory is PyTorch's own count (`torch.cuda.max_memory_allocated`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any, Protocol

from engine.errors import EngineOutOfMemory
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest

Progress = Callable[[str], None]
BATCH_SIZES = (1, 2, 4, 8, 12, 16, 24, 32)


class Memory(Protocol):
    """The card's memory counters (PyTorch's on CUDA; a fake in tests)."""

    def reset(self) -> None: ...
    def sync(self) -> None: ...
    def peak_mb(self) -> float: ...
    def release(self) -> None: ...


class CudaMemory:
    def __init__(self, device: str) -> None:
        import torch

        self.torch = torch
        self.index = torch.device(device).index or 0

    def reset(self) -> None:
        self.torch.cuda.reset_peak_memory_stats(self.index)

    def sync(self) -> None:
        self.torch.cuda.synchronize(self.index)

    def peak_mb(self) -> float:
        return float(self.torch.cuda.max_memory_allocated(self.index)) / 2**20

    def release(self) -> None:
        self.torch.cuda.empty_cache()


def batch_sweep(
    draw: Callable[[list[GenerationRequest]], object],
    requests: list[GenerationRequest],
    memory: Memory | None,
    sizes: tuple[int, ...] = BATCH_SIZES,
    *,
    images: int | None = None,
) -> list[dict[str, Any]]:
    """One row per batch size, from small to large, until the card runs out of memory
    (`memory` None: no card to count, as on the CPU: speed only). Each size draws one batch,
    or `images` pictures in batches of that size: the same work for every size, so a row is
    not one noisy sample (batch 1 would otherwise be timed on a single picture)."""
    rows: list[dict[str, Any]] = []
    for size in (s for s in sizes if s <= len(requests)):
        count = min(len(requests), images) if images else size
        if memory is not None:
            memory.sync()
            memory.reset()
        started = time.perf_counter()
        try:
            for start in range(0, count, size):
                draw(requests[start : min(count, start + size)])
        except EngineOutOfMemory:
            if memory is not None:
                memory.release()
            rows.append({"batch": size, "out_of_memory": True})
            break
        if memory is not None:
            memory.sync()
        row: dict[str, Any] = {
            "batch": size,
            "images_per_s": round(count / (time.perf_counter() - started), 3),
        }
        if memory is not None:
            row["peak_vram_mb"] = round(memory.peak_mb(), 1)
        rows.append(row)
    return rows


def best_batch(rows: list[dict[str, Any]], within: float = 0.05) -> int:
    """The smallest batch within `within` of the best rate: a bigger one only adds waiting."""
    fitting = [row for row in rows if not row.get("out_of_memory")]
    if not fitting:
        return 1
    best = max(row["images_per_s"] for row in fitting)
    return min(row["batch"] for row in fitting if row["images_per_s"] >= best * (1 - within))


@contextlib.contextmanager
def checks_off(engine: PictureEngine) -> Iterator[None]:
    """The engine with its safety checks switched off, for timing only (never for learners)."""
    pipeline_checker = getattr(engine.pipeline, "safety_checker", None)
    own_checker = engine.checker
    try:
        if pipeline_checker is not None:
            engine.pipeline.safety_checker = None
        engine.checker = None
        yield
    finally:
        if pipeline_checker is not None:
            engine.pipeline.safety_checker = pipeline_checker
        engine.checker = own_checker


def checker_share(
    engine: PictureEngine, requests: list[GenerationRequest], repeats: int = 3
) -> float | None:
    """Share of a batch's drawing time spent in the safety checks (median of `repeats`)."""
    if getattr(engine.pipeline, "safety_checker", None) is None and engine.checker is None:
        return None

    def seconds() -> float:
        started = time.perf_counter()
        engine.draw(requests)
        return time.perf_counter() - started

    with_checks, without = [], []
    for _ in range(repeats):
        with_checks.append(seconds())
        with checks_off(engine):
            without.append(seconds())
    share = 1 - statistics.median(without) / statistics.median(with_checks)
    return round(max(0.0, share), 3)


def variants(options: EngineOptions, bf16_native: bool) -> list[tuple[str, EngineOptions]]:
    """The configured engine, the same with `compile` switched the other way, and the other
    half precision where the card runs both natively."""
    dtype = options.dtype if options.dtype != "auto" else ("bfloat16" if bf16_native else "float16")
    chosen = replace(options, dtype=dtype)
    flipped = "compile" if not options.compile else "no-compile"
    result = [
        (f"{dtype}", chosen),
        (f"{dtype}+{flipped}", replace(chosen, compile=not options.compile)),
    ]
    if bf16_native:
        other = "float16" if dtype == "bfloat16" else "bfloat16"
        result.append((other, replace(chosen, dtype=other)))
    return result


def time_to_pictures(
    make: Callable[[], PictureEngine], requests: list[GenerationRequest], batch: int
) -> dict[str, Any]:
    """Seconds from start to ready (loading, compiling, warming up), the first learner's
    picture after that, and the steady rate at `batch` (the second full batch)."""
    started = time.perf_counter()
    engine = make()
    engine.load()
    ready = time.perf_counter()
    engine.draw(requests[:1])
    first = time.perf_counter()
    engine.draw(requests[:batch])
    steady_started = time.perf_counter()
    engine.draw(requests[:batch])
    steady = time.perf_counter() - steady_started
    figures = {
        "start_s": round(ready - started, 2),
        "first_picture_s": round(first - ready, 3),
        "steady_images_per_s": round(batch / steady, 3),
    }
    del engine
    gc.collect()
    return figures


def gpu_figures(
    engine: PictureEngine,
    requests: list[GenerationRequest],
    progress: Progress,
    *,
    memory: Memory | None = None,
    bf16_native: bool | None = None,
    with_variants: bool = True,
) -> dict[str, Any]:
    """Everything above for the loaded `engine`; `memory` defaults to the card's counters.
    Call it last: with `with_variants`, the engine is unloaded to make room for the others."""
    if memory is None:
        if not engine.device.startswith("cuda"):
            return {"gpu": f"no CUDA device ({engine.device}): run `pictolingo bench` on the GPU"}
        memory = CudaMemory(engine.device)
    results: dict[str, Any] = {}
    progress("peak GPU memory and speed per batch size")
    rows = batch_sweep(engine.draw, requests, memory)
    results["gpu_batches"] = rows
    results["gpu_best_max_batch"] = best = best_batch(rows)
    results["gpu_measured_batch_limit"] = engine.batch_limit
    progress("share of drawing time in the safety checks")
    results["gpu_checker_share"] = checker_share(engine, requests[:best])
    if with_variants:  # each variant needs the card to itself: the bench's engine goes first
        engine.pipeline = None
        gc.collect()
        if bf16_native is None:
            import torch

            bf16_native = torch.cuda.get_device_capability()[0] >= 8
        for label, options in variants(engine.options, bf16_native):
            progress(f"start, first picture and steady rate: {label}")
            memory.release()
            results[f"gpu_{label}"] = time_to_pictures(
                functools.partial(PictureEngine, options), requests, best
            )
    return results
