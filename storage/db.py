"""The SQLite database: one writer connection (its own thread), one reader connection (on the
event loop), WAL, versioned migrations.

A single write statement runs at once on the event loop's thread when it cannot wait: nothing of
ours is writing (the write lock is free) and no other program holds the database (its
connection never waits: busy_timeout 0). Otherwise it goes, in order, through the writer's
thread, which waits for the lock. A write in WAL mode without fsync takes tens of
microseconds; the hop to the writer's thread and back costs more than the write."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")


class StorageError(Exception):
    """The database cannot be used (locked by another program, read-only, corrupt)."""


def _busy(exc: sqlite3.OperationalError) -> bool:
    """Another program holds the database (our direct connection never waits for it)."""
    return exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _finish_transaction(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run `work` inside the transaction just begun on `conn`, then COMMIT (ROLLBACK on error)."""
    try:
        result = work(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in storage/migrations, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """Async access to ``pictolingo.db``; every write goes through one connection, in order."""

    def __init__(self, path: Path, *, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._writer: aiosqlite.Connection | None = None
        # Reads are small indexed lookups: run on the event loop's thread, each takes tens of
        # microseconds, where a hop to aiosqlite's thread and back costs more than the query.
        self._reader: sqlite3.Connection | None = None
        self._direct: sqlite3.Connection | None = None
        self.direct_writes = True  # the bench turns it off to compare
        self._write_lock = asyncio.Lock()

    async def __aenter__(self) -> Database:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _connect(self) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        await conn.execute("PRAGMA foreign_keys = ON")
        return conn

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._writer = await self._connect()
            await self._writer.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL survives a killed process (only a power cut can lose the last commit).
            await self._writer.execute("PRAGMA synchronous = NORMAL")
            await self._migrate()
            self._reader = self._connect_reader()
            self._direct = self._connect_direct()
        except sqlite3.Error as exc:
            await self.close()
            raise StorageError(f"cannot open the database {self.path}: {exc}") from exc

    def _connect_reader(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        conn.execute("PRAGMA query_only = ON")
        return conn

    def _connect_direct(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 0")  # never waits: busy means "use the thread"
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.row_factory = sqlite3.Row
        return conn

    def _write_now(self, sql: str, params: Params) -> sqlite3.Cursor | None:
        """The statement run at once, or None when it must wait its turn on the writer."""
        direct = self._free_direct()
        if direct is None:
            return None
        try:
            return direct.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                return None  # another program is writing: wait for it on the writer's thread
            raise

    def _free_direct(self) -> sqlite3.Connection | None:
        """The loop's own write connection when nothing of ours is writing, else None."""
        if self._direct is None or not self.direct_writes or self._write_lock.locked():
            return None
        return self._direct

    async def close(self) -> None:
        if self._direct is not None:
            self._direct.close()
        if self._reader is not None:
            self._reader.close()
        if self._writer is not None:
            await self._writer.close()
        self._reader = self._writer = self._direct = None

    async def _migrate(self) -> None:
        assert self._writer is not None
        async with self._writer.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        current = int(row[0]) if row else 0
        for version, name, sql in migrations():
            if version <= current:
                continue
            log.info("applying database migration %s", name)
            # executescript commits first; the version bump is part of the script's transaction.
            await self._writer.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
            )

    @property
    def writer(self) -> aiosqlite.Connection:
        if self._writer is None:
            raise StorageError("the database is not open")
        return self._writer

    @property
    def reader(self) -> sqlite3.Connection:
        if self._reader is None:
            raise StorageError("the database is not open")
        return self._reader

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement; returns how many rows it changed."""
        now = self._write_now(sql, params)
        if now is not None:
            changed = now.rowcount
            now.close()
            return int(changed)
        async with self._write_lock:
            cursor = await self.writer.execute(sql, params)
            changed = cursor.rowcount
            await cursor.close()
            return int(changed)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id."""
        now = self._write_now(sql, params)
        if now is not None:
            row_id = now.lastrowid
            now.close()
            return int(row_id or 0)
        async with self._write_lock:
            cursor = await self.writer.execute(sql, params)
            row_id = cursor.lastrowid
            await cursor.close()
            return int(row_id or 0)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        rows = list(rows)
        await self.write(lambda conn: conn.executemany(sql, rows))

    async def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """A short write transaction: `work` runs its statements on the connection it is given
        (plain sqlite3, nothing awaited) between BEGIN IMMEDIATE and COMMIT, rolled back on
        any exception. Like a single statement, it runs at once on the loop's thread when
        nothing waits; otherwise in order on the writer's thread."""
        direct = self._free_direct()
        if direct is not None:
            try:
                direct.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
            else:
                return _finish_transaction(direct, work)
        async with self._write_lock:
            writer = self.writer

            def in_writer_thread() -> T:
                writer._conn.execute("BEGIN IMMEDIATE")
                return _finish_transaction(writer._conn, work)

            # aiosqlite runs a function on its connection's own thread (the only thread that
            # may use it); this is how its own methods reach that thread.
            result: T = await writer._execute(in_writer_thread)
            return result

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (BEGIN IMMEDIATE … COMMIT), rolled back on any exception."""
        async with self._write_lock:
            conn = self.writer
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    # Reads run start to finish in one step (no await inside): a statement left open across an
    # await would hold its snapshot, and another task's read would miss fresh writes.
    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return self.reader.execute(sql, params).fetchall()

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        cursor = self.reader.execute(sql, params)
        try:
            row: sqlite3.Row | None = cursor.fetchone()
            return row
        finally:
            cursor.close()

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
