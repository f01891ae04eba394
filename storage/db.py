"""The SQLite database: one writer connection (its own thread), one reader connection (on the
event loop), WAL, versioned migrations.

Writes run on the event loop's thread when nothing of ours writes on the writer's thread and no
other program holds the database (that connection never waits: busy_timeout 0); otherwise, in
order, on the writer's thread, which waits for the lock. A write in WAL mode without fsync
takes microseconds, where the hop to the writer's thread and back costs more than the write.

Group commit: the writes of every task that runs in one turn of the event loop share one
transaction, committed when that turn ends; each writer waits for the commit, so nothing is
acknowledged before it is on disk. A burst of learners costs one commit, not one each."""

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


def _changed(cursor: sqlite3.Cursor) -> int:
    changed = cursor.rowcount
    cursor.close()
    return int(changed)


def _row_id(cursor: sqlite3.Cursor) -> int:
    row_id = cursor.lastrowid
    cursor.close()
    return int(row_id or 0)


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
        self._commit: asyncio.Future[None] | None = None  # the open group transaction's
        # the task that wrote alone in this turn of the event loop; another task's write in
        # the same turn opens the group transaction
        self._turn_writer: asyncio.Task[Any] | None = None
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

    async def _on_loop(
        self, work: Callable[[sqlite3.Connection], T], *, statement: bool
    ) -> tuple[T] | None:
        """`work` done on the loop's own connection, or None when it must wait its turn on the
        writer's thread (ours is busy there, or another program holds the database).

        The writes of the first task to write in a turn of the event loop run alone, as a
        learner alone needs: a `statement` commits itself, other work gets its own
        transaction. Other tasks' writes in the same turn (a burst of learners) share one
        group transaction and wait for its commit when the turn ends."""
        direct = self._free_direct()
        if direct is None:
            return None
        try:
            task = asyncio.current_task()
            if self._commit is None and self._turn_writer in (None, task):
                if self._turn_writer is None:
                    asyncio.get_running_loop().call_soon(self._turn_ends)
                self._turn_writer = task
                if statement:
                    return (work(direct),)
                direct.execute("BEGIN IMMEDIATE")
                return (_finish_transaction(direct, work),)
            self._join_group(direct)
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                return None
            raise
        if statement:  # a failed statement undoes itself; the group's transaction goes on
            done = work(direct)
        else:  # a savepoint: all of `work` or none of it, whatever the others in the group do
            direct.execute("SAVEPOINT work")
            try:
                done = work(direct)
            except BaseException:
                direct.execute("ROLLBACK TO work")
                direct.execute("RELEASE work")
                raise
            direct.execute("RELEASE work")
        commit = self._commit
        assert commit is not None
        # shielded: one learner's cancelled request must not cancel the others' commit
        await asyncio.shield(commit)
        return (done,)

    def _turn_ends(self) -> None:
        self._turn_writer = None

    def _join_group(self, direct: sqlite3.Connection) -> None:
        """Begin this turn's group transaction, unless it is open; its commit ends the turn."""
        if self._commit is not None and not direct.in_transaction:
            self._commit_group()  # SQLite rolled it back (disk full…): its writers hear so
        if self._commit is None:
            direct.execute("BEGIN IMMEDIATE")
            loop = asyncio.get_running_loop()
            self._commit = loop.create_future()
            # after every task already waiting to run: theirs join this transaction
            loop.call_soon(self._commit_group)

    def _commit_group(self) -> None:
        done, self._commit = self._commit, None
        if done is None or self._direct is None:
            return
        try:
            if not self._direct.in_transaction:
                raise sqlite3.OperationalError("the transaction was rolled back")
            self._direct.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._direct.in_transaction:
                self._direct.execute("ROLLBACK")
            done.set_exception(StorageError(f"could not save to {self.path}: {exc}"))
            done.exception()  # a writer that was cancelled meanwhile need not hear it
        else:
            done.set_result(None)

    def _free_direct(self) -> sqlite3.Connection | None:
        """The loop's own write connection when nothing of ours writes on the writer's thread."""
        if self._direct is None or not self.direct_writes or self._write_lock.locked():
            return None
        return self._direct

    async def close(self) -> None:
        self._commit_group()
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
        done = await self._on_loop(lambda conn: _changed(conn.execute(sql, params)), statement=True)
        if done is not None:
            return done[0]
        async with self._write_lock:
            cursor = await self.writer.execute(sql, params)
            changed = cursor.rowcount
            await cursor.close()
            return int(changed)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; returns the new row's id."""
        done = await self._on_loop(lambda conn: _row_id(conn.execute(sql, params)), statement=True)
        if done is not None:
            return done[0]
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
        (plain sqlite3, nothing awaited), all of them or none (rolled back on any exception).
        Like a single statement, it runs at once on the loop's thread when nothing waits;
        otherwise in order on the writer's thread."""
        done = await self._on_loop(work, statement=False)
        if done is not None:
            return done[0]
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
