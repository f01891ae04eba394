from __future__ import annotations

import asyncio
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


async def test_a_write_waits_for_another_program_instead_of_failing(tmp_path: Path) -> None:
    """Writes usually run at once; while another program holds the database they wait their
    turn (busy timeout) and nothing is lost."""
    path = tmp_path / "x.db"
    async with Database(path) as db:
        await db.insert("INSERT INTO users (created_at, last_seen) VALUES ('a', 'a')")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO users (created_at, last_seen) VALUES ('b', 'b')")
        writing = asyncio.create_task(
            db.insert("INSERT INTO users (created_at, last_seen) VALUES ('c', 'c')")
        )
        await asyncio.sleep(0.2)
        assert not writing.done()  # waiting for the other program, not failed
        other.execute("COMMIT")
        other.close()
        assert await asyncio.wait_for(writing, 10) > 0
        rows = await db.fetchall("SELECT created_at FROM users ORDER BY id")
        assert [r[0] for r in rows] == ["a", "b", "c"]


async def _hold_a_transaction(db: Database, entered: asyncio.Event, release: asyncio.Event) -> None:
    """Another task's transaction, one row written, held open until `release`."""
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
        entered.set()
        await release.wait()


async def test_a_write_inside_an_open_transaction_keeps_its_turn(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        entered, release = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(_hold_a_transaction(db, entered, release))
        await entered.wait()
        later = asyncio.create_task(db.execute("UPDATE users SET last_seen = 'after'"))
        await asyncio.sleep(0.05)
        assert not later.done()  # it waits for the transaction rather than failing on a lock
        release.set()
        await holder
        assert await later == 1
        assert await db.fetchval("SELECT last_seen FROM users") == "after"


def _two_users(conn: sqlite3.Connection) -> int:
    conn.execute("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
    conn.execute("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
    return int(conn.execute("SELECT COUNT(*) FROM users").fetchone()[0])


async def test_a_short_transaction_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        assert await db.write(_two_users) == 2

        def half_then_fail(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")
            raise ValueError("stop")

        with pytest.raises(ValueError):
            await db.write(half_then_fail)
        assert await db.fetchval("SELECT COUNT(*) FROM users") == 2
        assert await db.write(_two_users) == 4  # the connection is usable after a rollback


async def test_a_short_transaction_waits_behind_an_open_one(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        entered, release = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(_hold_a_transaction(db, entered, release))
        await entered.wait()
        later = asyncio.create_task(db.write(_two_users))
        await asyncio.sleep(0.05)
        assert not later.done()  # in turn, on the writer's thread, not failing on the lock
        release.set()
        await holder
        assert await later == 3  # it saw the committed row of the transaction before it


async def test_a_short_transaction_waits_for_another_program(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db", busy_timeout_ms=5000) as db:
        other = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        later = asyncio.create_task(db.write(_two_users))
        await asyncio.sleep(0.2)
        assert not later.done()
        other.execute("COMMIT")
        other.close()
        assert await later == 2


def _count_transactions(db: Database) -> list[str]:
    """Every transaction the loop's connection ends: a statement run outside one commits itself."""
    conn = db._direct
    assert conn is not None
    ended: list[str] = []

    def traced(sql: str) -> None:
        if sql == "COMMIT" or (sql.startswith("INSERT") and not conn.in_transaction):
            ended.append(sql)

    conn.set_trace_callback(traced)
    return ended


async def _sign_up(db: Database, name: str) -> int:
    row_id = await db.insert(
        "INSERT INTO users (created_at, last_seen) VALUES (?, ?)", (name, name)
    )
    # saved before the learner hears back: another program sees it now
    other = sqlite3.connect(db.path)
    try:
        assert other.execute("SELECT created_at FROM users WHERE id = ?", (row_id,)).fetchone()
    finally:
        other.close()
    return row_id


async def test_a_burst_of_writers_shares_one_commit_and_each_is_saved_before_its_answer(
    tmp_path: Path,
) -> None:
    async with Database(tmp_path / "x.db") as db:
        ended = _count_transactions(db)
        ids = await asyncio.gather(*(_sign_up(db, f"learner {i}") for i in range(50)))
        assert len(set(ids)) == 50
        assert await db.fetchval("SELECT COUNT(*) FROM users") == 50
        # the first writer alone, the other 49 in one group (one commit each was 50)
        assert len(ended) <= 3, ended
        ended.clear()
        for i in range(3):  # one at a time: each commits at once, nobody waits for company
            await _sign_up(db, f"alone {i}")
        assert len(ended) == 3


async def test_one_failed_write_in_a_burst_loses_nobody_elses(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        user = await db.insert("INSERT INTO users (created_at, last_seen) VALUES ('t', 't')")

        async def link(name: str) -> int:
            return await db.insert(
                "INSERT INTO identities (platform, platform_user_id, user_id) VALUES ('web', ?, ?)",
                (name, user),
            )

        def half_then_fail(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT INTO users (created_at, last_seen) VALUES ('half', 'half')")
            raise ValueError("stop")

        results = await asyncio.gather(
            link("a"),
            link("b"),
            link("a"),  # the same id again: refused
            db.write(half_then_fail),  # all of it undone, not the others
            link("c"),
            return_exceptions=True,
        )
        assert isinstance(results[2], sqlite3.IntegrityError)
        assert isinstance(results[3], ValueError)
        rows = await db.fetchall("SELECT platform_user_id FROM identities ORDER BY 1")
        assert [r[0] for r in rows] == ["a", "b", "c"]
        assert await db.fetchval("SELECT COUNT(*) FROM users WHERE created_at = 'half'") == 0


async def test_a_cancelled_request_does_not_cancel_the_others_commit(tmp_path: Path) -> None:
    async with Database(tmp_path / "x.db") as db:
        writers = [asyncio.create_task(_sign_up(db, f"learner {i}")) for i in range(5)]
        await asyncio.sleep(0)  # all five have written and wait for the commit
        writers[2].cancel()
        done = await asyncio.gather(*writers, return_exceptions=True)
        assert isinstance(done[2], asyncio.CancelledError)
        assert all(isinstance(row_id, int) for i, row_id in enumerate(done) if i != 2)
        names = {r[0] for r in await db.fetchall("SELECT created_at FROM users")}
        assert {f"learner {i}" for i in (0, 1, 3, 4)} <= names
