"""A class chat and learners' private chats on a recording platform (the edge we cannot reach)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.adapters.base import ChatUnavailable
from bot.app import App
from bot.challenges.runner import ChallengeRunner
from bot.conversation.messages import Address, Incoming, Reply

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


@pytest.fixture
async def platform(app: App) -> RecordingSender:
    sender = RecordingSender()
    await app.courier.attach(sender)
    return sender


@pytest.fixture
def runner(app: App, platform: RecordingSender) -> ChallengeRunner:
    return ChallengeRunner(app.services, app.courier)
