"""Items a learner is learning, their quizzes and questions, review cards and logs, progress."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database


@dataclass(frozen=True)
class Item:
    id: int
    user_id: int
    kind: str
    text: str
    image_id: int | None
    sense: str | None
    created_at: datetime


@dataclass(frozen=True)
class Question:
    id: int
    quiz_id: int
    position: int
    item_id: int | None
    kind: str
    image_id: int | None
    options: list[Any]
    answer: str
    tries: int
    answered: bool
    correct: bool | None


@dataclass(frozen=True)
class Progress:
    xp: int = 0
    streak: int = 0
    best_streak: int = 0
    last_day: str | None = None
    freeze_week: str | None = None


def _item(row: sqlite3.Row) -> Item:
    return Item(
        int(row["id"]),
        int(row["user_id"]),
        row["kind"],
        row["text"],
        row["image_id"],
        row["sense"],
        parse_stamp(row["created_at"]),
    )


def _question(row: sqlite3.Row) -> Question:
    return Question(
        id=int(row["id"]),
        quiz_id=int(row["quiz_id"]),
        position=int(row["position"]),
        item_id=row["item_id"],
        kind=row["kind"],
        image_id=row["image_id"],
        options=json.loads(row["options"]),
        answer=row["answer"],
        tries=int(row["tries"]),
        answered=row["answered_at"] is not None,
        correct=None if row["correct"] is None else bool(row["correct"]),
    )


class LearningStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # ---- items
    async def remember_item(
        self, user_id: int, kind: str, text: str, image_id: int | None, sense: str | None = None
    ) -> Item:
        """The learner saw this drawn: keep it to quiz and review (the newest picture, and
        the meaning it showed, win; a word taught without a picture keeps the last one)."""
        await self.db.execute(
            "INSERT INTO items (user_id, kind, text, image_id, sense, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, kind, text) DO UPDATE SET "
            "image_id = COALESCE(excluded.image_id, items.image_id), "
            "sense = CASE WHEN excluded.image_id IS NULL THEN items.sense "
            "ELSE COALESCE(excluded.sense, items.sense) END",
            (user_id, kind, text, image_id, sense, stamp(self.clock.now())),
        )
        item = await self.item_for(user_id, kind, text)
        assert item is not None
        return item

    async def item_for(self, user_id: int, kind: str, text: str) -> Item | None:
        row = await self.db.fetchone(
            "SELECT * FROM items WHERE user_id = ? AND kind = ? AND text = ?",
            (user_id, kind, text),
        )
        return None if row is None else _item(row)

    async def item(self, user_id: int, item_id: int) -> Item | None:
        row = await self.db.fetchone(
            "SELECT * FROM items WHERE id = ? AND user_id = ?", (item_id, user_id)
        )
        return None if row is None else _item(row)

    async def item_by_id(self, item_id: int) -> Item | None:
        row = await self.db.fetchone("SELECT * FROM items WHERE id = ?", (item_id,))
        return None if row is None else _item(row)

    async def items(self, user_id: int, *, kind: str | None = None, limit: int = 500) -> list[Item]:
        rows = await self.db.fetchall(
            "SELECT * FROM items WHERE user_id = ? AND (? IS NULL OR kind = ?) "
            "AND image_id IS NOT NULL ORDER BY id DESC LIMIT ?",
            (user_id, kind, kind, limit),
        )
        return [_item(r) for r in rows]

    async def other_pictures(
        self, user_id: int, exclude_texts: list[str], limit: int = 30
    ) -> list[tuple[str, int]]:
        """(word, image id) of pictured words, the learner's own first, for picture choices."""
        rows = await self.db.fetchall(
            "SELECT text, MAX(image_id) AS image_id, MAX(user_id = ?) AS own FROM items "
            "WHERE kind = 'word' AND image_id IS NOT NULL "
            "GROUP BY text ORDER BY own DESC, MAX(id) DESC LIMIT ?",
            (user_id, limit + len(exclude_texts)),
        )
        excluded = set(exclude_texts)
        found = [(r["text"], int(r["image_id"])) for r in rows if r["text"] not in excluded]
        return found[:limit]

    # ---- review cards
    async def card(self, item_id: int) -> dict[str, Any] | None:
        raw = await self.db.fetchval("SELECT card FROM review_cards WHERE item_id = ?", (item_id,))
        return None if raw is None else dict(json.loads(raw))

    async def save_card(self, item_id: int, card: dict[str, Any], due: datetime) -> None:
        await self.db.execute(
            "INSERT INTO review_cards (item_id, card, due, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (item_id) DO UPDATE SET card = excluded.card, due = excluded.due, "
            "updated_at = excluded.updated_at",
            (item_id, json.dumps(card), stamp(due), stamp(self.clock.now())),
        )

    async def due_items(self, user_id: int, now: datetime, limit: int = 5) -> list[Item]:
        rows = await self.db.fetchall(
            "SELECT items.* FROM review_cards JOIN items ON items.id = review_cards.item_id "
            "WHERE items.user_id = ? AND review_cards.due <= ? AND items.image_id IS NOT NULL "
            "ORDER BY review_cards.due LIMIT ?",
            (user_id, stamp(now), limit),
        )
        return [_item(r) for r in rows]

    async def next_due(self, user_id: int) -> tuple[str, datetime] | None:
        row = await self.db.fetchone(
            "SELECT items.text, review_cards.due FROM review_cards "
            "JOIN items ON items.id = review_cards.item_id WHERE items.user_id = ? "
            "ORDER BY review_cards.due LIMIT 1",
            (user_id,),
        )
        return None if row is None else (row["text"], parse_stamp(row["due"]))

    async def due_counts(self, user_id: int, days: list[tuple[str, str]]) -> list[int]:
        """How many cards fall due in each [start, end) window."""
        counts = []
        for start, end in days:
            value = await self.db.fetchval(
                "SELECT COUNT(*) FROM review_cards JOIN items ON items.id = review_cards.item_id "
                "WHERE items.user_id = ? AND review_cards.due >= ? AND review_cards.due < ?",
                (user_id, start, end),
            )
            counts.append(int(value or 0))
        return counts

    async def log_review(
        self,
        *,
        item_id: int,
        user_id: int,
        rating: int,
        correct: bool,
        question: str,
        local_day: str,
    ) -> None:
        await self.db.insert(
            "INSERT INTO review_log (item_id, user_id, rating, correct, question, reviewed_at, "
            "local_day) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (item_id, user_id, rating, int(correct), question, stamp(self.clock.now()), local_day),
        )

    async def daily_results(self, user_id: int, since_day: str) -> list[sqlite3.Row]:
        return await self.db.fetchall(
            "SELECT local_day, COUNT(*) AS answered, SUM(correct) AS correct, "
            "COUNT(DISTINCT CASE WHEN correct THEN item_id END) AS items "
            "FROM review_log WHERE user_id = ? AND local_day >= ? GROUP BY local_day",
            (user_id, since_day),
        )

    async def first_correct_days(self, user_id: int) -> list[str]:
        """The day each item counts as learned: the first right answer on a *later day* than
        the item was first met (seen or asked), so a word answered seconds after it was shown
        is not learned yet; it is once it is recalled after a night's sleep (FSRS's move from
        learning to review)."""
        rows = await self.db.fetchall(
            "SELECT MIN(r.local_day) FROM review_log r JOIN items i ON i.id = r.item_id "
            "WHERE r.user_id = ? AND r.correct = 1 AND r.local_day > MIN("
            "  substr(i.created_at, 1, 10),"
            "  (SELECT MIN(f.local_day) FROM review_log f WHERE f.item_id = r.item_id)"
            ") GROUP BY r.item_id",
            (user_id,),
        )
        return [r[0] for r in rows]

    # ---- quizzes
    async def new_quiz(self, user_id: int, source: str, questions: list[dict[str, Any]]) -> int:
        now = stamp(self.clock.now())
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO quizzes (user_id, source, created_at) VALUES (?, ?, ?)",
                (user_id, source, now),
            )
            quiz_id = int(cursor.lastrowid or 0)
            for position, q in enumerate(questions):
                await conn.execute(
                    "INSERT INTO questions (quiz_id, position, item_id, kind, image_id, options, "
                    "answer) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        quiz_id,
                        position,
                        q["item_id"],
                        q["kind"],
                        q.get("image_id"),
                        json.dumps(q.get("options", [])),
                        q["answer"],
                    ),
                )
        return quiz_id

    async def question(self, user_id: int, question_id: int) -> Question | None:
        row = await self.db.fetchone(
            "SELECT questions.* FROM questions JOIN quizzes ON quizzes.id = questions.quiz_id "
            "WHERE questions.id = ? AND quizzes.user_id = ?",
            (question_id, user_id),
        )
        return None if row is None else _question(row)

    async def next_question(self, quiz_id: int) -> Question | None:
        row = await self.db.fetchone(
            "SELECT * FROM questions WHERE quiz_id = ? AND answered_at IS NULL "
            "ORDER BY position LIMIT 1",
            (quiz_id,),
        )
        return None if row is None else _question(row)

    async def open_typed_question(self, user_id: int) -> Question | None:
        """The typed-answer question this learner was asked last and has not answered."""
        row = await self.db.fetchone(
            "SELECT questions.* FROM questions JOIN quizzes ON quizzes.id = questions.quiz_id "
            "WHERE quizzes.user_id = ? AND questions.kind = 'type_word' "
            "AND questions.asked_at IS NOT NULL AND questions.answered_at IS NULL "
            "ORDER BY questions.asked_at DESC LIMIT 1",
            (user_id,),
        )
        return None if row is None else _question(row)

    async def mark_asked(self, question_id: int) -> None:
        await self.db.execute(
            "UPDATE questions SET asked_at = ? WHERE id = ?", (stamp(self.clock.now()), question_id)
        )

    async def add_try(self, question_id: int) -> None:
        await self.db.execute("UPDATE questions SET tries = tries + 1 WHERE id = ?", (question_id,))

    async def answer(self, question_id: int, correct: bool) -> bool:
        """Record the answer once; False if it was already answered (a double tap)."""
        changed = await self.db.execute(
            "UPDATE questions SET answered_at = ?, correct = ?, tries = tries + 1 "
            "WHERE id = ? AND answered_at IS NULL",
            (stamp(self.clock.now()), int(correct), question_id),
        )
        return changed > 0

    async def quiz_score(self, quiz_id: int) -> tuple[int, int]:
        row = await self.db.fetchone(
            "SELECT COUNT(*), COALESCE(SUM(correct), 0) FROM questions WHERE quiz_id = ?",
            (quiz_id,),
        )
        assert row is not None
        return int(row[1]), int(row[0])

    async def finish_quiz(self, quiz_id: int) -> None:
        await self.db.execute(
            "UPDATE quizzes SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            (stamp(self.clock.now()), quiz_id),
        )

    # ---- progress
    async def progress(self, user_id: int) -> Progress:
        row = await self.db.fetchone("SELECT * FROM progress WHERE user_id = ?", (user_id,))
        if row is None:
            return Progress()
        return Progress(
            int(row["xp"]),
            int(row["streak"]),
            int(row["best_streak"]),
            row["last_day"],
            row["freeze_week"],
        )

    async def save_progress(self, user_id: int, progress: Progress) -> None:
        await self.db.execute(
            "INSERT INTO progress (user_id, xp, streak, best_streak, last_day, freeze_week) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET xp = excluded.xp, "
            "streak = excluded.streak, best_streak = excluded.best_streak, "
            "last_day = excluded.last_day, freeze_week = excluded.freeze_week",
            (
                user_id,
                progress.xp,
                progress.streak,
                progress.best_streak,
                progress.last_day,
                progress.freeze_week,
            ),
        )
