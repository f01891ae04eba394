"""Dictionary answers remembered while the program runs.

The word data is loaded once and does not change until the next start, so an answer worked
out once (a card, a word's meanings, what the model draws for it) is given again at once,
without a trip to a worker thread. Only answers for the most recent words are kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Remembered:
    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()

    async def __call__(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`function(*args, **kwargs)`: remembered, or worked out in a thread (the first time).
        A list comes back as a copy, so a caller changing it changes nothing here. Arguments
        are told apart as Python does (objects such as the resolver by identity)."""
        key = (function, args, tuple(sorted(kwargs.items())))
        if key in self._answers:
            self._answers.move_to_end(key)
            value = self._answers[key]
        else:
            value = await asyncio.to_thread(function, *args, **kwargs)
            self._answers[key] = value
            if len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return list(value) if isinstance(value, list) else value  # type: ignore[return-value]
