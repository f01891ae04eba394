"""Telegram's flood limits, enforced by the local fake Bot API (for tests and `pictolingo bench`).

Telegram answers 429 with retry_after when a bot sends more than about 30 messages a second
overall or 20 a minute to one group. Windows slide, like Telegram's.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field


@dataclass
class FloodLimits:
    per_second: int = 30
    group_per_minute: int = 20
    rejected: int = 0
    peak: int = 0  # the most sends accepted within any one second
    _overall: deque[float] = field(default_factory=deque)
    _groups: dict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def retry_after(self, chat_id: int, now: float | None = None) -> int | None:
        """None when this send may go now (and counts it); else the seconds to wait."""
        now = time.monotonic() if now is None else now
        overall = self._overall
        while overall and overall[0] <= now - 1.0:
            overall.popleft()
        if len(overall) >= self.per_second:
            self.rejected += 1
            return max(1, math.ceil(overall[0] + 1.0 - now))
        if chat_id < 0:  # groups and channels have negative ids
            window = self._groups[chat_id]
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                self.rejected += 1
                return max(1, math.ceil(window[0] + 60.0 - now))
            window.append(now)
        overall.append(now)
        self.peak = max(self.peak, len(overall))
        return None
