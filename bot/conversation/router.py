"""The command registry: each handler module registers its command, buttons and picture replies.

A handler's docstring is its help text (first line = the one-line summary), as in errbot and
discord.py. Adding a command means adding one module to bot/handlers/; no adapter changes.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.conversation.messages import Incoming, Reply

if TYPE_CHECKING:
    from bot.conversation.context import Context
    from bot.pictures.delivery import Delivery
    from storage.images import StoredImage

Handler = Callable[["Context"], Awaitable[list[Reply]]]
PictureRenderer = Callable[["Context", "Delivery", "StoredImage"], Awaitable[list[Reply]]]
NoPictureRenderer = Callable[["Context", "Delivery"], Awaitable[list[Reply]]]
TextHandler = Callable[["Context"], Awaitable[list[Reply] | None]]

_COMMAND = re.compile(r"^/([A-Za-z][A-Za-z0-9_]{0,31})(?:@[A-Za-z0-9_]{1,64})?(?:\s+(.*))?$", re.S)


@dataclass(frozen=True)
class Command:
    name: str
    handler: Handler
    usage: str
    example: str
    summary: str
    help: str
    summary_zh: str
    teacher_only: bool
    needs_argument: bool
    hidden: bool
    admin_only: bool = False
    # Answers about the asker's own data (history, link code, settings): ephemeral on Discord,
    # sent to the asker's private chat from a Telegram group.
    private: bool = False
    # Answers only the asker needs (help): ephemeral where the platform has that, else public.
    ephemeral: bool = False
    # Needs neither the dictionary nor the picture model: answered while they still load.
    instant: bool = False
    # What a platform may suggest while the argument is typed: "dictionary", "history" or None.
    autocomplete: str | None = None


COMMANDS: dict[str, Command] = {}
CALLBACKS: dict[str, Handler] = {}
PICTURE_RENDERERS: dict[str, PictureRenderer] = {}
# How a job whose picture failed the picture check is answered instead, per delivery kind.
NO_PICTURE_RENDERERS: dict[str, NoPictureRenderer] = {}
TEXT_HANDLERS: list[TextHandler] = []


def command(
    name: str,
    *,
    usage: str = "",
    example: str = "",
    zh: str = "",
    teacher_only: bool = False,
    needs_argument: bool = False,
    hidden: bool = False,
    admin_only: bool = False,
    private: bool = False,
    ephemeral: bool = False,
    autocomplete: str | None = None,
    instant: bool = False,
) -> Callable[[Handler], Handler]:
    """Register ``/name``; the function's docstring becomes its help."""

    def register(handler: Handler) -> Handler:
        doc = inspect.cleandoc(handler.__doc__ or "")
        summary = doc.splitlines()[0] if doc else name
        COMMANDS[name] = Command(
            name=name,
            handler=handler,
            usage=usage or f"/{name}",
            example=example or f"/{name}",
            summary=summary,
            help=doc,
            summary_zh=zh,
            teacher_only=teacher_only,
            needs_argument=needs_argument,
            hidden=hidden,
            admin_only=admin_only,
            private=private,
            ephemeral=ephemeral or private,
            autocomplete=autocomplete,
            instant=instant,
        )
        return handler

    return register


def callback(prefix: str) -> Callable[[Handler], Handler]:
    """Register the handler for button data that starts with ``prefix:``."""

    def register(handler: Handler) -> Handler:
        CALLBACKS[prefix] = handler
        return handler

    return register


def on_picture(kind: str) -> Callable[[PictureRenderer], PictureRenderer]:
    """Register how a finished picture of ``kind`` (a delivery's kind) is shown to the learner."""

    def register(renderer: PictureRenderer) -> PictureRenderer:
        PICTURE_RENDERERS[kind] = renderer
        return renderer

    return register


def on_no_picture(kind: str) -> Callable[[NoPictureRenderer], NoPictureRenderer]:
    """Register the honest answer for a ``kind`` whose picture did not show what it should."""

    def register(renderer: NoPictureRenderer) -> NoPictureRenderer:
        NO_PICTURE_RENDERERS[kind] = renderer
        return renderer

    return register


def on_text(handler: TextHandler) -> TextHandler:
    """Register a handler for free text (e.g. a typed quiz answer); it returns None to pass."""
    TEXT_HANDLERS.append(handler)
    return handler


def parse_command(text: str) -> tuple[str, str] | None:
    """'/word@PictolingoBot  apple ' → ('word', 'apple'); None when it is not a command."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    return match.group(1).lower(), (match.group(2) or "").strip()


def with_command(incoming: Incoming) -> Incoming:
    """Fill ``command``/``args`` from the text when an adapter passed only text."""
    if incoming.command is not None or incoming.callback is not None:
        return incoming
    parsed = parse_command(incoming.text) if incoming.text.startswith("/") else None
    if parsed is None:
        return incoming
    from dataclasses import replace

    return replace(incoming, command=parsed[0], args=parsed[1])
