from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.history import HistoryStore, fts_query
from tests.helpers import FakeClock


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[HistoryStore]:
    async with Database(tmp_path / "h.db") as db:
        for _ in range(2):
            await db.insert("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
        yield HistoryStore(db, FakeClock())


def test_fts_query_quotes_every_word() -> None:
    assert fts_query("apple pie") == '"apple"* "pie"*'
    assert fts_query('say "hi" OR NEAR(x)') == '"say"* "hi"* "OR"* "NEAR"* "x"*'
    assert fts_query("!!! ---") is None


async def test_pages_are_newest_first(store: HistoryStore) -> None:
    for i in range(12):
        await store.add(1, "word", f"w{i}")
    first = await store.page(1, 1, size=5)
    assert [e.text for e in first.entries] == ["w11", "w10", "w9", "w8", "w7"] and first.has_next
    last = await store.page(1, 3, size=5)
    assert [e.text for e in last.entries] == ["w1", "w0"] and not last.has_next


async def test_search_is_per_learner_and_prefix_based(store: HistoryStore) -> None:
    await store.add(1, "word", "butterfly")
    await store.add(1, "sentence", "The butter is yellow.")
    await store.add(2, "word", "butter")
    found = await store.page(1, search="butt")
    assert [e.text for e in found.entries] == ["The butter is yellow.", "butterfly"]
    assert [e.text for e in (await store.page(2, search="butter")).entries] == ["butter"]


async def test_search_finds_accented_words_without_accents(store: HistoryStore) -> None:
    await store.add(1, "sentence", "I ate a crêpe at the café.")
    assert (await store.page(1, search="cafe")).entries


async def test_job_picture_is_attached_to_its_entry(store: HistoryStore) -> None:
    db = store.db
    await db.insert(
        "INSERT INTO images (sha256, width, height, seed, params, created_at) "
        "VALUES ('ab', 1, 1, 1, '{}', 't')"
    )
    await db.insert(
        "INSERT INTO jobs (owner, state, purpose, cache_key, batch_key, request, "
        "created_at) VALUES ('o', 'done', 'word', 'k', 'b', '{}', 't')"
    )
    entry = await store.add(1, "word", "cat", job_id=1)
    await store.attach_job_image(1, 1)
    got = await store.get(1, entry)
    assert got is not None and got.image_id == 1
    assert await store.get(2, entry) is None
