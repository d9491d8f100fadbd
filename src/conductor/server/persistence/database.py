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
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, TypeVar

from conductor.server.domain.errors import Transient
from conductor.server.persistence.sql.dialect import SQLITE, Dialect
from conductor.server.persistence.sql.schema import MIGRATIONS
from conductor.server.persistence.sql.store import Cursor, SqlTx

T = TypeVar("T")
log = logging.getLogger("conductor.server.persistence")


class Database(Protocol):
    dialect: Dialect
    url: str

    async def read(self, job: Callable[[SqlTx], T]) -> T: ...

    async def write(self, job: Callable[[SqlTx], T]) -> T: ...

    def close(self) -> None: ...

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
        self._local = threading.local()
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
        self._migrate(conn)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        current = int(row[0]) if row and row[0] is not None else 0
        for number, statements in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            conn.execute("BEGIN IMMEDIATE")
            for statement in statements:
                conn.execute(statement.replace("{pk}", self.dialect.autoincrement_pk))
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
            conn.execute("COMMIT")
            log.info("applied migration %d to %s", number, self.path)

    def _run(self, job: Callable[[SqlTx], T], write: bool) -> T:
        conn = self._conn
        assert conn is not None, "database is closed"
        cur: Cursor = conn.cursor()
        tx = SqlTx(cur, self.dialect)
        if not write:
            return job(tx)
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = job(tx)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    async def _submit(self, job: Callable[[SqlTx], T], write: bool) -> T:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, self._run, job, write)
        except sqlite3.OperationalError as exc:  # locked / busy / disk I/O
            raise Transient(f"database error: {exc}") from exc

    async def read(self, job: Callable[[SqlTx], T]) -> T:
        return await self._submit(job, False)

    async def write(self, job: Callable[[SqlTx], T]) -> T:
        return await self._submit(job, True)

    def run_sync(self, job: Callable[[SqlTx], T], write: bool = True) -> T:
        """For the CLI and tests outside an event loop."""
        return self._executor.submit(self._run, job, write).result()

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
