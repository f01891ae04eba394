"""One module per command. Importing this package registers every handler with the router."""

from bot.handlers import (
    cancel,
    export,
    flags,
    help,
    history,
    link,
    privacy,
    quiz,
    review,
    sentence,
    settings,
    start,
    stats,
    status,
    word,
)

__all__ = [
    "cancel",
    "export",
    "flags",
    "help",
    "history",
    "link",
    "privacy",
    "quiz",
    "review",
    "sentence",
    "settings",
    "start",
    "stats",
    "status",
    "word",
]
