"""Flood limits (the `limits` package, in memory): a cooldown between new pictures, a cap per
class chat, and the same message repeated refused before it costs anything."""

from __future__ import annotations

import hashlib

from limits import RateLimitItem, RateLimitItemPerMinute, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from bot.config import LimitSettings


class FloodGuard:
    def __init__(self, settings: LimitSettings) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._cooldown: RateLimitItem | None = (
            parse(f"1 per {settings.cooldown_seconds} seconds")
            if settings.cooldown_seconds
            else None
        )
        self._group: RateLimitItem | None = (
            RateLimitItemPerMinute(settings.group_pictures_per_minute)
            if settings.group_pictures_per_minute
            else None
        )
        self._repeat = RateLimitItemPerMinute(settings.same_message_per_minute)
        self._messages: RateLimitItem | None = (
            RateLimitItemPerMinute(settings.messages_per_minute)
            if settings.messages_per_minute
            else None
        )

    def too_many(self, sender: str) -> bool:
        """True when this person sent more messages or button presses than a minute allows."""
        return self._messages is not None and not self._limiter.hit(
            self._messages, "messages", sender
        )

    def repeated(self, sender: str, text: str) -> bool:
        """True when this exact message came too often in the last minute."""
        digest = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16]
        return not self._limiter.hit(self._repeat, "repeat", sender, digest)

    def picture_wait(self, learner: int, chat_kind: str, chat_id: str) -> int | None:
        """None if a new picture may be drawn now, else roughly how many seconds to wait."""
        if self._cooldown is not None and not self._limiter.test(
            self._cooldown, "cool", str(learner)
        ):
            return self._seconds_left(self._cooldown, "cool", str(learner))
        if (
            chat_kind == "group"
            and self._group is not None
            and not self._limiter.test(self._group, "group", chat_id)
        ):
            return self._seconds_left(self._group, "group", chat_id)
        return None

    def picture_started(self, learner: int, chat_kind: str, chat_id: str) -> None:
        if self._cooldown is not None:
            self._limiter.hit(self._cooldown, "cool", str(learner))
        if chat_kind == "group" and self._group is not None:
            self._limiter.hit(self._group, "group", chat_id)

    def _seconds_left(self, item: RateLimitItem, *keys: str) -> int:
        import time

        reset = self._limiter.get_window_stats(item, *keys).reset_time
        return max(1, round(reset - time.time()))
