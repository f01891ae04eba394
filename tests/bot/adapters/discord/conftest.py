"""The real discord.py client, its HTTP answered by a local fake of Discord's API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from bench.fakes.discord_api import GUILD_ID, FakeDiscord
from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.discord.config import DiscordSettings
from bot.app import App


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    real_base = discord.http.Route.BASE
    async with FakeDiscord() as server:
        yield server
    discord.http.Route.BASE = real_base


@pytest.fixture
async def discord_bot(app: App, fake: FakeDiscord) -> AsyncIterator[DiscordAdapter]:
    settings = DiscordSettings(token=fake.token, guild_ids=[GUILD_ID], api_base=fake.base)  # type: ignore[arg-type]
    adapter = DiscordAdapter(app.dialogue, app.services, settings, connect=False)
    async with adapter:
        await app.courier.attach(adapter)
        yield adapter


def deliver(adapter: DiscordAdapter, payload: dict[str, Any]) -> None:
    """What the gateway does when Discord sends an INTERACTION_CREATE."""
    adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
