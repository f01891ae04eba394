"""Everything stored about one learner: exported (/mydata), deleted (/forget), purged when idle.

A picture is deleted with a learner only when nobody else's history, items, quizzes or jobs
use it; a picture two learners share stays for the other one.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from storage.clock import stamp
from storage.db import Database

# Tables with a user_id column, exported and deleted with the learner.
USER_TABLES = (
    "identities",
    "requests",
    "items",
    "review_log",
    "quizzes",
    "progress",
    "link_codes",
    "link_attempts",
    "flags",
    "sessions",
    "undrawable_askers",
)
# Where pictures are used; an image used only by the learner's rows goes with them.
IMAGE_USES = (
    ("requests", "image_id", "user_id"),
    ("items", "image_id", "user_id"),
    ("questions", "image_id", "(SELECT user_id FROM quizzes WHERE quizzes.id = questions.quiz_id)"),
    ("jobs", "image_id", "CAST(substr(owner, 9) AS INTEGER)"),
)


def _rows(rows: list[Any]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


async def _images_only_theirs(db: Database, user_id: int) -> list[tuple[int, str]]:
    used_by_them: set[int] = set()
    used_by_others: set[int] = set()
    for table, column, owner in IMAGE_USES:
        rows = await db.fetchall(
            f"SELECT {column} AS image, {owner} AS owner FROM {table} WHERE {column} IS NOT NULL"
        )
        for row in rows:
            (used_by_them if row["owner"] == user_id else used_by_others).add(int(row["image"]))
    charts = await db.fetchall(
        "SELECT id FROM images WHERE json_extract(params, '$.learner') = ?", (user_id,)
    )
    used_by_them.update(int(r["id"]) for r in charts)
    mine = sorted(used_by_them - used_by_others)
    if not mine:
        return []
    found = []
    for image_id in mine:
        image = await db.fetchone("SELECT id, sha256 FROM images WHERE id = ?", (image_id,))
        if image is not None:
            found.append((int(image["id"]), str(image["sha256"])))
    return found


class PrivacyStore:
    """A learner's own data: export it, delete it, and find learners idle past retention."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def export(self, user_id: int) -> dict[str, Any]:
        """Every row about the learner, as plain JSON-able data."""
        db = self.db
        user = await db.fetchone(
            "SELECT id, created_at, last_seen, settings FROM users WHERE id = ?", (user_id,)
        )
        if user is None:
            return {}
        data: dict[str, Any] = {"learner": dict(user)}
        data["learner"]["settings"] = json.loads(data["learner"]["settings"])
        for table in USER_TABLES:
            data[table] = _rows(
                await db.fetchall(
                    f"SELECT * FROM {table} WHERE user_id = ?",
                    (user_id,),
                )
            )
        data["questions"] = _rows(
            await db.fetchall(
                "SELECT questions.* FROM questions JOIN quizzes ON quizzes.id = questions.quiz_id "
                "WHERE quizzes.user_id = ?",
                (user_id,),
            )
        )
        data["review_cards"] = _rows(
            await db.fetchall(
                "SELECT review_cards.* FROM review_cards "
                "JOIN items ON items.id = review_cards.item_id WHERE items.user_id = ?",
                (user_id,),
            )
        )
        data["jobs"] = _rows(
            await db.fetchall(
                "SELECT id, state, purpose, request, created_at, finished_at "
                "FROM jobs WHERE owner = ?",
                (f"learner:{user_id}",),
            )
        )
        for job in data["jobs"]:
            job["request"] = json.loads(job["request"])
        return data

    async def forget(self, user_id: int, images_root: Path, data_dir: Path) -> dict[str, int]:
        """Delete the learner, their rows, their jobs and the pictures only they used."""
        db = self.db
        images = await _images_only_theirs(db, user_id)
        async with db.transaction() as conn:
            cursor = await conn.execute("DELETE FROM jobs WHERE owner = ?", (f"learner:{user_id}",))
            jobs = cursor.rowcount
            for image_id, _ in images:
                await conn.execute("DELETE FROM images WHERE id = ?", (image_id,))
            # users → identities, requests, items (→ cards, log), quizzes (→ questions), … cascade.
            cursor = await conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
            users = cursor.rowcount
        files = 0
        for _, sha in images:
            path = images_root / sha[:2] / f"{sha}.png"
            if path.exists():
                await asyncio.to_thread(path.unlink)
                files += 1
        exports = data_dir / "exports" / str(user_id)
        if exports.exists():
            await asyncio.to_thread(shutil.rmtree, exports)
        return {"learners": users, "jobs": jobs, "images": len(images), "files": files}

    async def rows_about(self, user_id: int) -> int:
        """How many rows anywhere still refer to the learner (0 after /forget)."""
        db = self.db
        total = 0
        for table in (*USER_TABLES, "users"):
            column = "id" if table == "users" else "user_id"
            total += int(
                await db.fetchval(
                    f"SELECT COUNT(*) FROM {table} WHERE {column} = ?",
                    (user_id,),
                )
                or 0
            )
        total += int(
            await db.fetchval("SELECT COUNT(*) FROM jobs WHERE owner = ?", (f"learner:{user_id}",))
            or 0
        )
        return total

    async def idle_learners(self, before: datetime) -> list[int]:
        db = self.db
        rows = await db.fetchall("SELECT id FROM users WHERE last_seen < ?", (stamp(before),))
        return [int(r["id"]) for r in rows]

    async def idle_visitors(self, platform: str, before: datetime) -> list[int]:
        """Learners known only on `platform` who never asked for anything and were last seen
        before then (a web page opened once): nothing of theirs is worth keeping."""
        rows = await self.db.fetchall(
            "SELECT users.id FROM users WHERE users.last_seen < ? "
            "AND NOT EXISTS (SELECT 1 FROM requests WHERE requests.user_id = users.id) "
            "AND NOT EXISTS (SELECT 1 FROM identities WHERE identities.user_id = users.id "
            "AND identities.platform != ?)",
            (stamp(before), platform),
        )
        return [int(r["id"]) for r in rows]
