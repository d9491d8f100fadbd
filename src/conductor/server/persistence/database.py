"""Where store operations run: a database thread per connection, one transaction per job.

The event loop never touches a driver. A job is a plain function taking a `SqlTx`; it runs as
one transaction on a database thread and its result comes back to the loop in one hop, so a
whole decision is committed with a single thread switch (aiosqlite-style per-statement hops
measured 16x slower, dependencies.md §5.1).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from conductor.server.domain.errors import Conflict, Transient
from conductor.server.persistence.migrate import migrate
from conductor.server.persistence.sql.dialect import SQLITE, Dialect
from conductor.server.persistence.sql.store import Cursor, SqlTx

T = TypeVar("T")
log = logging.getLogger("conductor.server.persistence")


class Database(Protocol):
    dialect: Dialect
    url: str

    async def read(self, job: Callable[[SqlTx], T]) -> T: ...

    async def write(self, job: Callable[[SqlTx], T]) -> T: ...

    def close(self) -> None: ...

    def listen(self, on_notify: Callable[[str, int], None]) -> None:
        """Call `on_notify(queue, count)` (from another thread) when a commit made by another
        server process makes `count` messages of `queue` visible; a no-op for single-process
        backends, where the committing process wakes its own long-polls directly."""
        ...

    @property
    def shared(self) -> bool:
        """True when other server processes may write to the same database."""
        ...


class SqliteDatabase:
    """SQLite in WAL mode on one dedicated thread (SQLite has a single writer anyway)."""

    dialect = SQLITE
    shared = False

    def __init__(self, path: str, synchronous: str = "NORMAL") -> None:
        self.url = f"sqlite:///{path}"
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")
        self._synchronous = synchronous
        self._conn: sqlite3.Connection | None = None
        self._executor.submit(self._open).result()

    def _open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=True)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives any application crash; only an OS crash or power loss
        # can drop the last commits (FULL is available through the URL: ?synchronous=FULL).
        conn.execute(f"PRAGMA synchronous={self._synchronous}")
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA foreign_keys=OFF")
        self._conn = conn
        migrate(lambda: self._transaction(conn), self.dialect, self.path)

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[Cursor]:
        conn.execute(self.dialect.begin_write)
        try:
            yield conn.cursor()
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _run(self, job: Callable[[SqlTx], T], write: bool) -> T:
        conn = self._conn
        assert conn is not None, "database is closed"
        try:
            if not write:
                return job(SqlTx(conn.cursor(), self.dialect))
            with self._transaction(conn) as cur:
                return job(SqlTx(cur, self.dialect))
        except sqlite3.OperationalError as exc:  # locked / busy / disk I/O
            raise Transient(f"database error: {exc}") from exc
        except sqlite3.IntegrityError as exc:  # a duplicate key: same answer as PostgreSQL's
            raise Conflict(f"duplicate record: {exc}") from exc

    async def _submit(self, job: Callable[[SqlTx], T], write: bool) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._run, job, write)

    async def read(self, job: Callable[[SqlTx], T]) -> T:
        return await self._submit(job, False)

    async def write(self, job: Callable[[SqlTx], T]) -> T:
        return await self._submit(job, True)

    def run_sync(self, job: Callable[[SqlTx], T], write: bool = True) -> T:
        """For the CLI and tests outside an event loop."""
        return self._executor.submit(self._run, job, write).result()

    def listen(self, on_notify: Callable[[str, int], None]) -> None:
        """One process per SQLite file: the committing process already wakes its pollers."""

    def close(self) -> None:
        def _close() -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)


def open_database(url: str) -> Database:
    """Build the database named by a URL: `sqlite:///path.db` or `postgresql://...`."""
    if url.startswith("sqlite:"):
        rest = url[len("sqlite:") :]
        query = ""
        if "?" in rest:
            rest, query = rest.split("?", 1)
        path = rest[3:] if rest.startswith("///") else rest.lstrip("/")
        if rest.startswith("////"):
            path = rest[3:]
        synchronous = "NORMAL"
        for part in query.split("&"):
            if part.startswith("synchronous="):
                synchronous = part.split("=", 1)[1].upper()
        return SqliteDatabase(path or "conductor.db", synchronous=synchronous)
    if url.startswith(("postgresql:", "postgres:")):
        from conductor.server.persistence.postgres import PostgresDatabase  # optional driver

        return PostgresDatabase(url)
    raise ValueError(f"unsupported database URL: {url!r} (use sqlite:///file.db or postgresql://...)")
