"""A class chat and learners' private chats on a recording platform (the edge we cannot reach)."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.challenges.runner import ChallengeRunner
from tests.helpers import PLATFORM, Person, RecordingSender  # noqa: F401  (fixtures use them)


@pytest.fixture
async def platform(app: App) -> RecordingSender:
    sender = RecordingSender()
    await app.courier.attach(sender)
    return sender


@pytest.fixture
def runner(app: App, platform: RecordingSender) -> ChallengeRunner:
    return ChallengeRunner(app.services, app.courier)
