"""How the bot speaks: short, kind English, with a Chinese line for learners who want it."""

from __future__ import annotations

from bot.conversation.messages import Incoming


def wants_chinese(incoming: Incoming) -> bool:
    return incoming.locale.lower().startswith("zh")


def say(incoming: Incoming, english: str, chinese: str = "") -> str:
    """The English sentence, plus its Chinese line when the learner's language is Chinese."""
    if chinese and wants_chinese(incoming):
        return f"{english}\n{chinese}"
    return english


def counted(number: int, one: str, many: str = "") -> str:
    """ "1 day", "2 days", "1 picture": a count with its noun ("1 days" was on /stats)."""
    return f"{number} {one if number == 1 else (many or one + 's')}"
