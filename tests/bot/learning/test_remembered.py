"""A dictionary answer worked out once is given again without a worker thread."""

from __future__ import annotations

import threading

from bot.learning.remembered import Remembered


async def test_an_answer_is_worked_out_once_in_a_thread_then_remembered() -> None:
    threads: list[str] = []

    def meanings(word: str, *, limit: int = 2) -> list[str]:
        threads.append(threading.current_thread().name)
        return [f"{word} {i}" for i in range(limit)]

    remembered = Remembered()
    first = await remembered(meanings, "apple", limit=2)
    first.append("changed by a caller")
    assert await remembered(meanings, "apple", limit=2) == ["apple 0", "apple 1"]
    assert len(threads) == 1 and threads[0] != threading.main_thread().name
    assert await remembered(meanings, "apple", limit=3) == ["apple 0", "apple 1", "apple 2"]
    assert len(threads) == 2


async def test_only_the_most_recent_answers_are_kept() -> None:
    calls: list[str] = []

    def card(word: str) -> str:
        calls.append(word)
        return word.upper()

    remembered = Remembered(size=2)
    for word in ("cat", "dog", "cat", "bird", "dog"):
        await remembered(card, word)
    assert calls == ["cat", "dog", "bird", "dog"]  # dog was the oldest when bird came
