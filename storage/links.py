"""One learner across platforms: one-time link codes, and merging two accounts into one."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.clock import Clock, parse_stamp, stamp
from storage.db import Database

CODE_LIFETIME = timedelta(minutes=10)


class LinkStore:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def create(self, user_id: int, code: str) -> datetime:
        expires = self.clock.now() + CODE_LIFETIME
        await self.db.execute(
            "DELETE FROM link_codes WHERE user_id = ? AND used_at IS NULL", (user_id,)
        )
        await self.db.insert(
            "INSERT INTO link_codes (code, user_id, expires_at) VALUES (?, ?, ?)",
            (code, user_id, stamp(expires)),
        )
        return expires

    async def recent_attempts(self, user_id: int, window: timedelta) -> int:
        since = stamp(self.clock.now() - window)
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM link_attempts WHERE user_id = ? AND attempted_at >= ?",
            (user_id, since),
        )
        return int(value or 0)

    async def attempts_by_everyone(self, window: timedelta) -> int:
        since = stamp(self.clock.now() - window)
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM link_attempts WHERE attempted_at >= ?", (since,)
        )
        return int(value or 0)

    async def expire_all(self) -> None:
        """Every code not used yet stops working (someone is guessing codes)."""
        await self.db.execute(
            "UPDATE link_codes SET expires_at = ? WHERE used_at IS NULL",
            (stamp(self.clock.now()),),
        )

    async def record_attempt(self, user_id: int) -> None:
        await self.db.insert(
            "INSERT INTO link_attempts (user_id, attempted_at) VALUES (?, ?)",
            (user_id, stamp(self.clock.now())),
        )

    async def owner(self, code: str) -> tuple[int, bool] | None:
        """(learner who made the code, still valid?) or None for an unknown code."""
        row = await self.db.fetchone("SELECT * FROM link_codes WHERE code = ?", (code,))
        if row is None or row["used_at"] is not None:
            return None
        return int(row["user_id"]), parse_stamp(row["expires_at"]) > self.clock.now()

    async def merge(self, code: str, source: int, target: int) -> None:
        """Move everything of learner `source` into `target`, then delete `source`."""
        now = stamp(self.clock.now())
        same_item = (
            "SELECT t.id FROM items t JOIN items s ON s.id = {col} "
            "WHERE t.user_id = :target AND t.kind = s.kind AND t.text = s.text"
        )
        statements = [
            "UPDATE link_codes SET used_at = :now WHERE code = :code",
            "UPDATE identities SET user_id = :target WHERE user_id = :source",
            "UPDATE requests SET user_id = :target WHERE user_id = :source",
            # The same word learned on both accounts: keep one item, point answers at it.
            "UPDATE review_log SET item_id = ("
            + same_item.format(col="review_log.item_id")
            + ") WHERE user_id = :source AND EXISTS ("
            + same_item.format(col="review_log.item_id")
            + ")",
            "UPDATE questions SET item_id = ("
            + same_item.format(col="questions.item_id")
            + ") WHERE quiz_id IN (SELECT id FROM quizzes WHERE user_id = :source) AND EXISTS ("
            + same_item.format(col="questions.item_id")
            + ")",
            "UPDATE items SET user_id = :target WHERE user_id = :source AND NOT EXISTS ("
            "SELECT 1 FROM items t WHERE t.user_id = :target AND t.kind = items.kind "
            "AND t.text = items.text)",
            "UPDATE review_log SET user_id = :target WHERE user_id = :source",
            "UPDATE quizzes SET user_id = :target WHERE user_id = :source",
            "INSERT INTO progress (user_id, xp, streak, best_streak, last_day, freeze_week) "
            "SELECT :target, xp, streak, best_streak, last_day, freeze_week FROM progress "
            "WHERE user_id = :source ON CONFLICT (user_id) DO UPDATE SET "
            "xp = progress.xp + excluded.xp, streak = MAX(progress.streak, excluded.streak), "
            "best_streak = MAX(progress.best_streak, excluded.best_streak), "
            "last_day = MAX(COALESCE(progress.last_day, ''), COALESCE(excluded.last_day, ''))",
            "UPDATE jobs SET owner = 'learner:' || :target WHERE owner = 'learner:' || :source",
            "UPDATE jobs SET delivery = json_set(delivery, '$.learner', :target) "
            "WHERE json_extract(delivery, '$.learner') = :source",
            "DELETE FROM users WHERE id = :source",
        ]
        values = {"source": source, "target": target, "code": code, "now": now}
        async with self.db.transaction() as conn:
            for statement in statements:
                await conn.execute(statement, values)
