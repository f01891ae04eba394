from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from storage.db import Database
from storage.learning import LearningStore, Progress
from tests.helpers import FakeClock


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[LearningStore]:
    async with Database(tmp_path / "l.db") as db:
        for _ in range(2):
            await db.insert("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
        await db.insert(
            "INSERT INTO images (sha256, width, height, seed, params, created_at) "
            "VALUES ('aa', 1, 1, 1, '{}', 't')"
        )
        yield LearningStore(db, FakeClock())


async def test_items_are_unique_per_learner_and_keep_the_newest_picture(
    store: LearningStore,
) -> None:
    first = await store.remember_item(1, "word", "apple", None)
    again = await store.remember_item(1, "word", "apple", 1)
    assert first.id == again.id and again.image_id == 1
    other = await store.remember_item(2, "word", "apple", 1)
    assert other.id != first.id
    assert await store.item(2, first.id) is None, "learners only see their own items"


async def test_an_item_keeps_the_meaning_of_its_newest_picture(store: LearningStore) -> None:
    """ "Draw again" draws the meaning the learner was taught: the one of the newest picture."""
    await store.db.execute(
        "INSERT INTO images (sha256, width, height, seed, params, created_at) "
        "VALUES ('bb', 1, 1, 2, '{}', 't')"
    )
    animal = await store.remember_item(1, "word", "bat", 1, "n02139199")
    taught = await store.remember_item(1, "word", "bat", None, "n02806379")  # no picture
    assert taught.id == animal.id and (taught.image_id, taught.sense) == (1, "n02139199")
    club = await store.remember_item(1, "word", "bat", 2, "n02806379")
    assert (club.image_id, club.sense) == (2, "n02806379")
    assert await store.item_for(1, "word", "bat") == club
    assert await store.item_for(2, "word", "bat") is None


async def test_due_items_in_order(store: LearningStore) -> None:
    clock = store.clock
    assert isinstance(clock, FakeClock)
    a = await store.remember_item(1, "word", "a", 1)
    b = await store.remember_item(1, "word", "b", 1)
    await store.save_card(a.id, {"x": 1}, clock.now() + timedelta(days=2))
    await store.save_card(b.id, {"x": 2}, clock.now() - timedelta(hours=1))
    assert [i.text for i in await store.due_items(1, clock.now())] == ["b"]
    assert [i.text for i in await store.due_items(1, clock.now() + timedelta(days=3))] == ["b", "a"]
    assert await store.card(a.id) == {"x": 1}
    assert (await store.next_due(1)) == ("b", clock.now() - timedelta(hours=1))


async def test_an_answer_is_recorded_once(store: LearningStore) -> None:
    item = await store.remember_item(1, "word", "apple", 1)
    quiz = await store.new_quiz(
        1,
        "picture",
        [{"item_id": item.id, "kind": "pick_word", "options": ["apple", "pear"], "answer": "0"}],
    )
    question = await store.next_question(quiz)
    assert question is not None and question.options == ["apple", "pear"]
    assert await store.answer(question.id, True)
    assert not await store.answer(question.id, False)
    assert await store.quiz_score(quiz) == (1, 1)
    assert await store.question(2, question.id) is None


async def test_progress_round_trip(store: LearningStore) -> None:
    assert await store.progress(1) == Progress()
    await store.save_progress(1, Progress(30, 3, 5, "2026-03-02", "2026-W10"))
    assert await store.progress(1) == Progress(30, 3, 5, "2026-03-02", "2026-W10")
