"""The real python-telegram-bot Application, talking to a local fake of the Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bench.fakes.telegram_api import FakeTelegram
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.adapters.telegram.config import TelegramSettings
from bot.app import App


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


def settings_for(fake: FakeTelegram) -> TelegramSettings:
    return TelegramSettings(
        token=fake.token,
        base_url=fake.base_url,  # type: ignore[arg-type]
        poll_timeout=1,
    )


@pytest.fixture
async def telegram(app: App, fake: FakeTelegram) -> AsyncIterator[TelegramAdapter]:
    adapter = TelegramAdapter(app.dialogue, app.services, settings_for(fake), request_timeout=2)
    async with adapter:
        await app.courier.attach(adapter)
        yield adapter
