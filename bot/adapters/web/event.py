"""Browser messages → Incoming. The browser only ever sends text or the data of a button."""

from __future__ import annotations

from typing import Any

from bot.conversation.messages import Incoming

PLATFORM = "web"
MAX_FRAME = 8192


def incoming_from(frame: Any, user_id: str, *, locale: str = "en") -> Incoming | None:
    """None for anything that is not a well-formed message (it is ignored, not an error)."""
    if not isinstance(frame, dict):
        return None
    text, data = frame.get("text"), frame.get("callback")
    if isinstance(data, str) and 0 < len(data) <= 64:
        return Incoming(
            platform=PLATFORM, chat_id=user_id, user_id=user_id, callback=data, locale=locale
        )
    if isinstance(text, str):
        return Incoming(
            platform=PLATFORM, chat_id=user_id, user_id=user_id, text=text, locale=locale
        )
    return None


def locale_from(accept_language: str) -> str:
    """'zh-CN,zh;q=0.9,en;q=0.8' → 'zh-CN'."""
    first = accept_language.split(",")[0].split(";")[0].strip()
    return first if first and len(first) <= 16 else "en"
