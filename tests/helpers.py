"""Test doubles at the edges we cannot reach: a clock we move by hand, an engine without a GPU."""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot.adapters.base import ChatUnavailable
from bot.app import App
from bot.config import DataSettings, EngineSettings, LimitSettings, QueueSettings, Settings
from bot.conversation.messages import Address, Incoming, Reply
from engine.errors import EngineOutOfMemory
from engine.pipeline import DrawnPicture, ProgressCallback
from engine.queue import LocalQueue
from engine.request import GenerationRequest

T = TypeVar("T")


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

    model_name = "tiny"  # the model the tests' requests name

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
        self.out_of_memory = 0  # how many batches did
        self.interrupted = threading.Event()

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        self.started.set()
        self.gate.wait(timeout=30)
        if self.oom_above and len(requests) > self.oom_above:
            self.out_of_memory += 1
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


def make_settings(data_dir: Path, **sections: Any) -> Settings:
    values: dict[str, Any] = {
        "data": DataSettings(dir=data_dir),
        "engine": EngineSettings(model="tiny"),
        "queue": QueueSettings(batch_window_ms=0),
        "limits": LimitSettings(cooldown_seconds=0),
    }
    values.update(sections)
    return Settings(**values)


PLATFORM = "class"


@dataclass
class RecordingSender:
    """What a platform would have shown, per chat; chats in `blocked` have blocked the bot."""

    platform: str = PLATFORM
    sent: list[tuple[Address, Reply]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)

    async def send(self, address: Address, reply: Reply) -> None:
        if address.chat_id in self.blocked:
            raise ChatUnavailable(address.chat_id)
        self.sent.append((address, reply))

    def to(self, chat_id: str) -> list[Reply]:
        return [reply for address, reply in self.sent if address.chat_id == chat_id]


@dataclass
class Person:
    app: App
    user_id: str
    chat_id: str
    teacher: bool = False

    async def say(self, text: str) -> list[Reply]:
        return await self.app.dialogue.handle(self._incoming(text=text))

    async def press(self, reply: Reply, label: str) -> list[Reply]:
        data = next(b.data for row in reply.buttons for b in row if b.label == label)
        return await self.app.dialogue.handle(self._incoming(callback=data))

    def _incoming(self, **what: str) -> Incoming:
        return Incoming(
            platform=PLATFORM,
            chat_id=self.chat_id,
            user_id=self.user_id,
            chat_kind="private" if self.chat_id == self.user_id else "group",
            is_teacher=self.teacher,
            **what,  # type: ignore[arg-type]
        )


async def eventually(check: Callable[[], T | None], timeout: float = 30) -> T:  # noqa: ASYNC109
    """Wait (without blocking the loop) until `check()` gives something true; return it."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the bot")
        await asyncio.sleep(0.05)
    return result


async def queue_idle(queue: Any) -> None:
    """Wait until nothing is queued or being drawn (the database knows, for every backend),
    and the local queue has also told its listeners about the last batch."""
    while await queue.jobs.unfinished_count():  # noqa: ASYNC110
        await asyncio.sleep(0.02)
    if isinstance(queue, LocalQueue):
        await asyncio.wait_for(queue._idle.wait(), 30)


async def active_schedules(app: App) -> int:
    """How many challenge schedules are switched on."""
    value = await app.services.db.fetchval(
        "SELECT COUNT(*) FROM challenge_schedules WHERE active = 1"
    )
    return int(value or 0)


def with_groups(app: App) -> None:
    """The starter's concepts and the groups a person chose (engine/data/groups.tsv)."""
    from engine.groups import read_groups
    from engine.resolver import ConceptResolver
    from engine.starter.dataset import load

    _, concepts = load()
    names = {concept.name for concept in concepts}
    app.services.illustrator.resolver = ConceptResolver(
        concepts, app.services.dictionary.wordnet, groups=read_groups(names)
    )
