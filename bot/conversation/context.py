"""What a handler receives: the incoming message, the learner it came from, and the services."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.messages import Address, Incoming
from bot.conversation.services import Services


@dataclass(frozen=True)
class Context:
    incoming: Incoming
    learner: int
    services: Services

    @property
    def args(self) -> str:
        return self.incoming.args

    @property
    def address(self) -> Address:
        return Address.of(self.incoming)

    @property
    def owner(self) -> str:
        """The queue's name for this learner: stable across platforms once accounts are linked."""
        return f"learner:{self.learner}"

    @property
    def wants_chinese(self) -> bool:
        return self.incoming.locale.lower().startswith("zh")
