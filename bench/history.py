"""The /history part of the benchmark: page and search latency on a database of many rows."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from bench.figures import percentile
from storage.clock import SystemClock
from storage.db import Database
from storage.history import HistoryStore

LEARNERS = 1000
VOCABULARY = [
    "apple",
    "banana",
    "bread",
    "butter",
    "cake",
    "carrot",
    "cat",
    "chair",
    "cloud",
    "cow",
    "dog",
    "duck",
    "egg",
    "elephant",
    "fish",
    "flower",
    "frog",
    "giraffe",
    "grape",
    "hat",
    "horse",
    "house",
    "ice",
    "kite",
    "lamp",
    "lemon",
    "lion",
    "milk",
    "monkey",
    "moon",
    "mouse",
    "orange",
    "panda",
    "pear",
    "pen",
    "pencil",
    "pig",
    "pizza",
    "rabbit",
    "rain",
    "rainbow",
    "rice",
    "ring",
    "rose",
    "school",
    "sheep",
    "shoe",
    "snow",
    "sock",
    "spoon",
    "star",
    "sun",
    "table",
    "tiger",
    "tomato",
    "train",
    "tree",
    "turtle",
    "umbrella",
    "van",
    "watch",
    "water",
    "whale",
    "window",
    "wolf",
    "yogurt",
    "zebra",
]


def _fill(path: Path, rows: int) -> None:
    """Write `rows` history rows for LEARNERS learners (FTS index included), in big transactions."""
    rng = random.Random(7)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executemany(
        "INSERT INTO users (id, created_at, last_seen) VALUES (?, 't', 't')",
        [(i,) for i in range(1, LEARNERS + 1)],
    )
    chunk = 50_000
    for start in range(0, rows, chunk):
        batch = []
        for index in range(start, min(rows, start + chunk)):
            words = rng.sample(VOCABULARY, rng.choice((1, 1, 1, 5)))
            kind = "word" if len(words) == 1 else "sentence"
            text = words[0] if kind == "word" else f"The {' '.join(words)}."
            batch.append((index % LEARNERS + 1, kind, text, "2026-01-01T00:00:00.000000+00:00"))
        conn.executemany(
            "INSERT INTO requests (user_id, kind, text, created_at) VALUES (?, ?, ?, ?)", batch
        )
        conn.commit()
    conn.execute("INSERT INTO requests_fts(requests_fts) VALUES ('optimize')")
    conn.commit()
    conn.close()


async def history_figures(
    path: Path, rows: int, progress: Callable[[str], None]
) -> tuple[float, float, float]:
    """`rows` rows written and then timed (`history_latencies`) by another process: the writing
    is Python-heavy and must not hold this process's event loop (a broadcast paced to the
    second runs beside it), and the timing must not wait behind that broadcast's loop."""
    from bench.figures import in_own_process

    async with Database(path):
        pass  # creates the schema through the real migrations
    page, search, naive = await in_own_process("bench.history", str(path), str(rows))
    progress(f"history: {rows:,} rows written and timed")
    return float(page), float(search), float(naive)


async def history_latencies(path: Path) -> tuple[float, float, float]:
    """p95 ms of: a /history page, an FTS search, and the naive LIKE search (filled before)."""
    rng = random.Random(3)
    pages, searches, naive = [], [], []
    async with Database(path) as db:
        store = HistoryStore(db, SystemClock())
        for _ in range(300):
            learner = rng.randint(1, LEARNERS)
            started = time.perf_counter()
            await store.page(learner, rng.randint(1, 5))
            pages.append((time.perf_counter() - started) * 1000)
            word = rng.choice(VOCABULARY)[: rng.randint(3, 6)]
            started = time.perf_counter()
            await store.page(learner, 1, search=word)
            searches.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await db.fetchall(
                "SELECT * FROM requests WHERE user_id = ? AND text LIKE ? "
                "ORDER BY id DESC LIMIT 11",
                (learner, f"%{word}%"),
            )
            naive.append((time.perf_counter() - started) * 1000)
    return percentile(pages, 0.95), percentile(searches, 0.95), percentile(naive, 0.95)


if __name__ == "__main__":  # the process of `history_figures`
    import asyncio
    import json
    import sys

    where = Path(sys.argv[1])
    _fill(where, int(sys.argv[2]))
    print(json.dumps(asyncio.run(history_latencies(where))))
