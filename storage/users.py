"""Learners (by platform id only), settings, dialogue sessions, chats and seen updates."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from typing import Any

from storage.clock import Clock, stamp
from storage.db import Database

# A learner's last_seen is refreshed at most this often, so reading history costs no write.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


class UserStore:
    """Maps (platform, platform user id) to one learner; stores nothing that names a person."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self._seen: dict[int, Any] = {}

    async def learner_for(self, platform: str, platform_user_id: str) -> int:
        row = await self.db.fetchone(
            "SELECT user_id FROM identities WHERE platform = ? AND platform_user_id = ?",
            (platform, platform_user_id),
        )
        now = self.clock.now()
        if row is not None:
            user_id = int(row[0])
            last = self._seen.get(user_id)
            if last is None or now - last > LAST_SEEN_RESOLUTION:
                self._seen[user_id] = now
                await self.db.execute(
                    "UPDATE users SET last_seen = ? WHERE id = ?", (stamp(now), user_id)
                )
            return user_id

        def create(conn: sqlite3.Connection) -> int:
            # Re-check inside the write transaction: two first messages may race.
            again = conn.execute(
                "SELECT user_id FROM identities WHERE platform = ? AND platform_user_id = ?",
                (platform, platform_user_id),
            ).fetchone()
            if again is not None:
                return int(again[0])
            cursor = conn.execute(
                "INSERT INTO users (created_at, last_seen) VALUES (?, ?)", (stamp(now), stamp(now))
            )
            user_id = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO identities (platform, platform_user_id, user_id) VALUES (?, ?, ?)",
                (platform, platform_user_id, user_id),
            )
            return user_id

        user_id = await self.db.write(create)
        self._seen[user_id] = now
        return user_id

    async def settings(self, user_id: int) -> dict[str, Any]:
        raw = await self.db.fetchval("SELECT settings FROM users WHERE id = ?", (user_id,))
        return dict(json.loads(raw)) if raw else {}

    async def update_settings(self, user_id: int, **changes: Any) -> dict[str, Any]:
        current = await self.settings(user_id)
        current.update(changes)
        await self.db.execute(
            "UPDATE users SET settings = ? WHERE id = ?", (json.dumps(current), user_id)
        )
        return current

    async def session(self, user_id: int, key: str) -> str | None:
        value = await self.db.fetchval(
            "SELECT value FROM sessions WHERE user_id = ? AND key = ?", (user_id, key)
        )
        return None if value is None else str(value)

    async def set_session(self, user_id: int, key: str, value: str) -> None:
        await self.db.execute(
            "INSERT INTO sessions (user_id, key, value, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value, "
            "updated_at = excluded.updated_at",
            (user_id, key, value, stamp(self.clock.now())),
        )

    async def remember_chat(self, platform: str, chat_id: str, kind: str) -> None:
        await self.db.execute(
            "INSERT INTO chats (platform, chat_id, kind, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (platform, chat_id) DO NOTHING",
            (platform, chat_id, kind, stamp(self.clock.now())),
        )

    async def move_chat(self, platform: str, old: str, new: str) -> None:
        """A chat got a new id (a Telegram group upgraded to a supergroup): everything about the
        class follows it — its settings, challenge schedules, word list, rounds, flags and the
        pictures still waiting to be delivered there."""
        async with self.db.transaction() as conn:
            for table in (
                "chats",
                "challenge_schedules",
                "word_lists",
                "challenge_rounds",
                "flags",
            ):
                await conn.execute(
                    f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE platform = ? AND chat_id = ?",
                    (new, platform, old),
                )
            await conn.execute(
                "UPDATE jobs SET delivery = json_set(delivery, '$.address.chat_id', ?) "
                "WHERE json_extract(delivery, '$.address.platform') = ? "
                "AND json_extract(delivery, '$.address.chat_id') = ?",
                (new, platform, old),
            )

    async def set_chat_active(
        self, platform: str, chat_id: str, active: bool, kind: str = "private"
    ) -> None:
        await self.db.execute(
            "INSERT INTO chats (platform, chat_id, kind, active, updated_at) "
            "VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (platform, chat_id) DO UPDATE SET active = excluded.active, "
            "updated_at = excluded.updated_at",
            (platform, chat_id, kind, int(active), stamp(self.clock.now())),
        )

    async def set_chat_style(
        self, platform: str, chat_id: str, style: str | None, kind: str = "private"
    ) -> None:
        await self.db.execute(
            "INSERT INTO chats (platform, chat_id, kind, style, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (platform, chat_id) DO UPDATE SET style = excluded.style, "
            "updated_at = excluded.updated_at",
            (platform, chat_id, kind, style, stamp(self.clock.now())),
        )

    async def chat_style(self, platform: str, chat_id: str) -> str | None:
        value = await self.db.fetchval(
            "SELECT style FROM chats WHERE platform = ? AND chat_id = ?", (platform, chat_id)
        )
        return None if value is None else str(value)

    async def chat_is_active(self, platform: str, chat_id: str) -> bool:
        value = await self.db.fetchval(
            "SELECT active FROM chats WHERE platform = ? AND chat_id = ?", (platform, chat_id)
        )
        return value is None or bool(value)

    async def first_delivery(self, platform: str, update_id: str) -> bool:
        """True the first time an update id is seen; False for a platform's re-delivery."""
        changed = await self.db.execute(
            "INSERT INTO processed_updates (platform, update_id, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (platform, update_id, stamp(self.clock.now())),
        )
        return changed > 0
