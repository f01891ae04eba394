"""A running web adapter on a free loopback port, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.web.adapter import WebAdapter
from bot.adapters.web.auth import hash_password
from bot.adapters.web.config import WebSettings
from bot.app import App

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parents[4] / "artifacts"
PASSWORD = "correct horse battery"
_HASH = hash_password(PASSWORD)


@pytest.fixture
async def web(app: App) -> AsyncIterator[WebAdapter]:
    settings = WebSettings(port=0, teacher_password_hash=_HASH)  # type: ignore[arg-type]
    adapter = WebAdapter(app.dialogue, app.services, settings)
    async with adapter:
        await app.courier.attach(adapter)
        yield adapter


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if not os.path.exists(CHROMIUM):  # noqa: ASYNC240 - a quick check before anything runs
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: CI must install it (scripts/system-deps.sh)")
        pytest.skip("chromium is not installed")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield launched
        await launched.close()


def screenshot_path(name: str) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    return str(ARTIFACTS / f"{name}.png")
