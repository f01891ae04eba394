"""Shared fixtures: settings in a temp dir, a tiny real pipeline, the app, and a terminal chat."""

from __future__ import annotations

import io
import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.terminal import TerminalAdapter
from bot.app import App, open_app
from bot.config import Settings
from bot.learning.dictionary import Dictionary
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from tests.helpers import FakeClock, make_settings

_LOOPBACK = ("127.0.0.1", "::1", "localhost")
# Nothing may download weights in tests: the hub libraries are told they are offline.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    """Only loopback servers started by the tests are reachable (like PTB's OfflineRequest)."""
    original = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address[0] not in _LOOPBACK:
            raise OSError(f"tests may not reach the network ({address[0]})")
        return original(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign]
    yield
    socket.socket.connect = original  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def tiny_engine() -> PictureEngine:
    engine = PictureEngine(EngineOptions(model="tiny"))
    engine.load()
    return engine


@pytest.fixture(scope="session")
def dictionary() -> Dictionary:
    loaded = Dictionary()
    loaded.load()
    return loaded


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
async def app(
    settings: Settings, tiny_engine: PictureEngine, clock: FakeClock, dictionary: Dictionary
) -> AsyncIterator[App]:
    async with open_app(
        settings, engine=tiny_engine, clock=clock, dictionary=dictionary
    ) as application:
        yield application


@pytest.fixture
async def chat(app: App) -> TerminalAdapter:
    """A learner at a terminal, talking to the real dialogue layer, queue and tiny pipeline."""
    adapter = TerminalAdapter(app.dialogue, out=io.StringIO(), settle_timeout=60)
    await app.courier.attach(adapter)
    return adapter
