"""Sending to many chats: paced by the adapter, past blocked and failing chats, with a report."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot.adapters.base import ChatUnavailable, NotDelivered
from bot.app import App
from bot.conversation.messages import Address, Reply
from bot.pictures.broadcast import Broadcaster, Post


@dataclass
class Platform:
    platform: str = "p"
    sent: list[str] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0

    async def send(self, address: Address, reply: Reply) -> None:
        if address.chat_id.startswith("blocked"):
            raise ChatUnavailable(address.chat_id)
        if address.chat_id.startswith("down"):
            raise NotDelivered("network")
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        await asyncio.sleep(0.001)
        self.in_flight -= 1
        self.sent.append(address.chat_id)


async def test_a_broadcast_goes_past_blocked_and_failing_chats(app: App) -> None:
    platform = Platform()
    users = app.services.users
    await users.set_chat_active("p", "gone", False)
    names = ["first", "blocked-1", "down-1", "gone", *(f"c{i}" for i in range(50))]
    marked: list[str] = []

    def post(name: str) -> Post:
        async def mark() -> None:
            marked.append(name)

        return Post(Address("p", name), (Reply("hello"),), on_sent=mark)

    caster = Broadcaster(lambda name: platform if name == "p" else None, users, concurrency=5)
    report = await caster.send_all([post(n) for n in names] + [Post(Address("q", "x"), ())])
    assert (report.total, report.sent, report.blocked, report.failed) == (55, 51, 1, 1)
    assert report.skipped == 2  # the inactive chat, and a platform that is not running
    assert platform.sent[0] == "first" and sorted(marked) == sorted(platform.sent)
    assert 1 < platform.most_in_flight <= 5
    assert not await users.chat_is_active("p", "blocked-1")
    assert "51 sent, 2 skipped, 1 blocked, 1 failed of 55" in report.summary()
