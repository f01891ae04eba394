"""The dialogue layer's vocabulary: what comes in from any platform, and what goes back out.

Frozen, platform-free values. Adapters turn native updates into ``Incoming`` and render ``Reply``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ChatKind = Literal["private", "group"]


@dataclass(frozen=True)
class Incoming:
    """One message or button press, with only ids (never names) to tell who sent it."""

    platform: str
    chat_id: str
    user_id: str
    chat_kind: ChatKind = "private"
    text: str = ""
    command: str | None = None
    args: str = ""
    callback: str | None = None
    locale: str = "en"
    is_teacher: bool = False
    is_admin: bool = False
    update_id: str | None = None
    message_id: str | None = None
    # The message answers one of the bot's own (a reply): how typed quiz answers in a class
    # chat are told from chatter.
    replies_to_bot: bool = False

    @property
    def sender(self) -> str:
        """ "platform:user id", as `admin.users` names people (not the learner, who spans apps)."""
        return f"{self.platform}:{self.user_id}"


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Picture:
    """A stored picture to send: the file, its database id (for platform file-id reuse)."""

    path: Path
    image_id: int | None = None
    caption: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file to send as a document (CSV, Anki deck, JSON export)."""

    path: Path
    filename: str
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class Reply:
    """One message to show. ``text`` uses the light markup of bot/markup.py.

    ``handle`` names the message so later replies can change it: ``edit_of`` replaces its
    text (progress), ``clears`` removes it once this reply is shown (the finished picture).
    ``pending`` says more will follow for this handle.
    """

    text: str = ""
    images: tuple[Picture, ...] = ()
    audio: Path | None = None
    files: tuple[Attachment, ...] = ()
    buttons: tuple[tuple[Button, ...], ...] = ()
    ephemeral: bool = False
    handle: str | None = None
    edit_of: str | None = None
    clears: str | None = None
    pending: bool = False
    reply_to: str | None = None
    # Progress edits are hints: an adapter may drop them to respect the platform's rate limits.
    progress: float | None = None
    # Only the asker may see it (their history, data, link code). A platform without ephemeral
    # messages sends it to the asker's private chat, never to a class group.
    private: bool = False


@dataclass(frozen=True)
class Address:
    """Where a later reply goes: a chat on a platform (and the message it answers)."""

    platform: str
    chat_id: str
    chat_kind: ChatKind = "private"
    reply_to: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "platform": self.platform,
            "chat_id": self.chat_id,
            "chat_kind": self.chat_kind,
            "reply_to": self.reply_to,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Address:
        kind: ChatKind = "group" if data.get("chat_kind") == "group" else "private"
        reply_to = data.get("reply_to")
        return cls(
            platform=str(data["platform"]),
            chat_id=str(data["chat_id"]),
            chat_kind=kind,
            reply_to=None if reply_to is None else str(reply_to),
        )

    @classmethod
    def of(cls, incoming: Incoming) -> Address:
        return cls(incoming.platform, incoming.chat_id, incoming.chat_kind, incoming.message_id)
