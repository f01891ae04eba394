"""Test doubles at the edges we cannot reach: a clock we move by hand, an engine without a GPU."""

from __future__ import annotations

import hashlib
import io
import threading
import time
from datetime import UTC, datetime, timedelta

from engine.pipeline import DrawnPicture, EngineOutOfMemory, ProgressCallback
from engine.request import GenerationRequest


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def solid_png(prompt: str, seed: int, size: int = 16) -> bytes:
    from PIL import Image

    digest = hashlib.sha256(f"{prompt}|{seed}".encode()).digest()
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), tuple(digest[:3])).save(buffer, format="PNG")
    return buffer.getvalue()


class FakeDrawer:
    """Draws a solid colour per (prompt, seed); records batches; can be slowed, gated or broken."""

    def __init__(self, *, seconds_per_batch: float = 0.0, safe: bool | None = True) -> None:
        self.batches: list[list[str]] = []
        self.seconds_per_batch = seconds_per_batch
        self.safe = safe
        self.gate = threading.Event()
        self.gate.set()
        self.started = threading.Event()
        self.fail_with: Exception | None = None
        self.fail_times = 0
        self.oom_above = 0  # batches larger than this raise out-of-memory
        self.interrupted = threading.Event()

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        self.started.set()
        self.gate.wait(timeout=30)
        if self.oom_above and len(requests) > self.oom_above:
            raise EngineOutOfMemory(f"CUDA out of memory with {len(requests)} images")
        if self.fail_with is not None and self.fail_times > 0:
            self.fail_times -= 1
            raise self.fail_with
        self.batches.append([r.prompt for r in requests])
        if self.seconds_per_batch:
            time.sleep(self.seconds_per_batch)
        if on_progress is not None:
            on_progress(0.5)
            on_progress(1.0)
        return [
            DrawnPicture(
                solid_png(r.prompt, r.seed),
                16,
                16,
                r.seed,
                r.to_dict(),
                self.safe,
                "fake-check" if self.safe is not None else "none",
            )
            for r in requests
        ]

    def interrupt(self) -> None:
        self.interrupted.set()


def shown(reply: object) -> str:
    """A reply's text as the learner reads it (markup removed)."""
    from bot.conversation.markup import plain

    return plain(getattr(reply, "text", ""))
