"""The one contract every platform adapter meets, the errors they share, and their registry.

An adapter is an async context manager (start on enter, stop on exit) that turns native
updates into `Incoming`, hands them to the dialogue, and renders `Reply` values with `send`.
Each adapter package registers a `Platform` in its `__init__.py`; the program (serve, doctor,
log redaction, token variables) loops over `PLATFORMS` instead of naming any platform.
"""

from __future__ import annotations

import fcntl
import importlib
import os
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

from bot.conversation.messages import Address, Reply

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings

# The adapter packages under bot/adapters/, each with adapter.py, event.py, message.py and
# config.py, registering itself in its __init__.py. Adding a platform = one package + its name here.
PLATFORM_PACKAGES = ("telegram", "discord", "web")


class AdapterStartError(Exception):
    """A platform adapter could not start (bad token, platform unreachable): one line to show."""


class ChatUnavailable(Exception):
    """The platform says this chat cannot get messages any more (bot blocked, chat deleted)."""


class NotDelivered(Exception):
    """The adapter is sure nothing reached the chat (e.g. the network is down): try again later."""


class Sender(Protocol):
    """What delivery needs of an adapter: its platform name and a way to send a reply."""

    platform: str

    async def send(self, address: Address, reply: Reply) -> None: ...


@runtime_checkable
class Acknowledging(Protocol):
    """An adapter whose chats come and go (a browser tab) and that confirms what was shown:
    a picture counts as delivered only once acknowledged; what is missed is asked for again
    when the chat comes back."""

    def on_reconnect(self, redeliver: Callable[[str], Coroutine[Any, Any, None]]) -> None: ...


class Adapter(Sender, Protocol):
    """A running platform: started with `async with`, stopped on exit."""

    # Where people reach it ("" for platforms with no address of their own, e.g. Telegram).
    url: str

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


DoctorLine = tuple[str, str, bool]


@dataclass(frozen=True)
class Platform:
    """How the program finds, builds and checks one adapter without importing its library."""

    name: str
    # Is it configured to run (a token present, or enabled)?
    wanted: Callable[[Settings], bool]
    # Build the adapter (imports the platform library only now).
    build: Callable[[App], Adapter]
    # Lines for `pictolingo doctor` (never a secret's value).
    doctor: Callable[[Settings], list[DoctorLine]]
    # Every secret in its config section, so logs can blank them out.
    secrets: Callable[[Settings], list[str]]


PLATFORMS: dict[str, Platform] = {}


def register(platform: Platform) -> Platform:
    PLATFORMS[platform.name] = platform
    return platform


def platforms() -> list[Platform]:
    """Every registered platform, in the order of `PLATFORM_PACKAGES`."""
    for package in PLATFORM_PACKAGES:
        importlib.import_module(f"bot.adapters.{package}")
    return [PLATFORMS[name] for name in PLATFORM_PACKAGES]


class AlreadyLocked(Exception):
    """Another process holds the lock (its message says what to do)."""


class FileLock:
    """An exclusive, non-blocking lock on a file, released on exit (or when the process dies)."""

    def __init__(self, path: Path, busy_message: str) -> None:
        self.path = path
        self.busy_message = busy_message
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise AlreadyLocked(self.busy_message) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
