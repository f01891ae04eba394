from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.db import Database, StorageError, migrations


async def test_migrations_are_versioned_and_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    async with Database(path) as db:
        version = await db.fetchval("PRAGMA user_version")
        assert version == migrations()[-1][0]
        assert await db.fetchval("PRAGMA journal_mode") == "wal"
        await db.insert("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
    async with Database(path) as db:  # opening again must not re-run 0001
        assert await db.fetchval("SELECT COUNT(*) FROM users") == 1


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
                raise RuntimeError("stop")
        assert await db.fetchval("SELECT COUNT(*) FROM users") == 0


async def test_reader_cannot_write(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        with pytest.raises(sqlite3.OperationalError):
            await db.fetchall("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")


async def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="cannot open the database"):
        async with Database(path):
            pass
