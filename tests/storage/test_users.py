from __future__ import annotations

import asyncio
from pathlib import Path

from storage.db import Database
from storage.users import UserStore
from tests.helpers import FakeClock


async def test_one_learner_per_platform_identity_even_under_races(tmp_path: Path) -> None:
    async with Database(tmp_path / "u.db") as db:
        users = UserStore(db, FakeClock())
        ids = await asyncio.gather(*(users.learner_for("telegram", "42") for _ in range(10)))
        assert len(set(ids)) == 1
        assert await users.learner_for("discord", "42") != ids[0]
        columns = [r[1] for r in await db.fetchall("PRAGMA table_info(users)")]
        assert not {"name", "username", "phone"} & set(columns)


async def test_settings_sessions_and_updates(tmp_path: Path) -> None:
    async with Database(tmp_path / "u.db") as db:
        users = UserStore(db, FakeClock())
        learner = await users.learner_for("terminal", "me")
        await users.update_settings(learner, chinese=True)
        assert await users.settings(learner) == {"chinese": True}
        await users.set_session(learner, "k", "v1")
        await users.set_session(learner, "k", "v2")
        assert await users.session(learner, "k") == "v2"
        assert await users.first_delivery("telegram", "100")
        assert not await users.first_delivery("telegram", "100")
        assert await users.first_delivery("discord", "100")
