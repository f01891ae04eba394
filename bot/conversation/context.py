"""What a handler receives: the incoming message, the learner it came from, and the services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.conversation.messages import Address, Incoming, Reply
from bot.conversation.services import Services
from bot.conversation.texts import say


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

    def tell(self, english: str, chinese: str = "", **reply: Any) -> Reply:
        """One reply in the learner's language(s): `Reply(say(incoming, english, chinese), …)`."""
        return Reply(say(self.incoming, english, chinese), **reply)

    @property
    def wants_chinese(self) -> bool:
        return self.incoming.locale.lower().startswith("zh")
