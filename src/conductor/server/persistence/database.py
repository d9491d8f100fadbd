"""Where store operations run: a database thread per connection, one transaction per job.

The event loop never touches a driver. A job is a plain function taking a `SqlTx`; it runs as
one transaction on a database thread and its result comes back to the loop in one hop, so a
whole decision is committed with a single thread switch (aiosqlite-style per-statement hops
measured 16x slower, docs/dependencies.md §5.1).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import queue
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from conductor.server.domain.errors import Conflict, StorageFull, StorageUnavailable, Transient
from conductor.server.persistence.migrate import migrate
from conductor.server.persistence.sql.dialect import SQLITE, Dialect
from conductor.server.persistence.sql.store import Cursor, SqlTx

T = TypeVar("T")
# Below this much free space, health checks report the database unhealthy: a commit that grows
# the write-ahead log by a few pages may already fail, even if a tiny one still succeeds.
MIN_FREE_BYTES = 1024 * 1024
log = logging.getLogger("conductor.server.persistence")


class Database(Protocol):
    dialect: Dialect
    url: str

    async def read(self, job: Callable[[SqlTx], T], *, snapshot: bool = True) -> T:
        """Run a read-only job. ``snapshot=False`` is for a job of ONE statement (consistent
        by itself): PostgreSQL then runs it without BEGIN and COMMIT, one round trip."""
        ...

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

    @property
    def write_error(self) -> str | None:
        """Why the last write transaction failed to commit, or None once one has committed
        since (health checks report it)."""
        ...

    def disk_problem(self) -> str | None:
        """A reason writes will soon fail for lack of space (None when not known to)."""
        ...


class _Job:
    """One submitted job and where its outcome goes (an event loop future, or a thread future)."""

    __slots__ = ("fn", "future", "loop", "outcome", "write")

    def __init__(
        self,
        fn: Callable[[SqlTx], object],
        write: bool,
        future: asyncio.Future[object] | concurrent.futures.Future[object],
        loop: asyncio.AbstractEventLoop | None,
    ) -> None:
        self.fn = fn
        self.write = write
        self.future = future
        self.loop = loop
        self.outcome: tuple[bool, object] = (False, None)


class SqliteDatabase:
    """SQLite in WAL mode on one dedicated thread (SQLite has a single writer anyway).

    Group commit: jobs that queue up while a transaction runs are executed together in the next
    one, each inside its own SAVEPOINT (a failing job rolls back only itself), and nobody gets a
    result before the shared COMMIT. Under load this turns many small commits into one, and the
    event loop is woken once per batch instead of once per job.
    """

    dialect = SQLITE
    shared = False
    MAX_BATCH = 64

    def __init__(self, path: str, synchronous: str = "NORMAL") -> None:
        self.url = f"sqlite:///{path}"
        self.path = path
        self._synchronous = synchronous
        self._conn: sqlite3.Connection | None = None
        self.write_error: str | None = None
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        opened: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._serve, args=(opened,), name="sqlite", daemon=True)
        self._thread.start()
        opened.result()

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

    # ---- the database thread --------------------------------------------------------------

    def _serve(self, opened: concurrent.futures.Future[None]) -> None:
        try:
            self._open()
        except BaseException as exc:
            opened.set_exception(exc)
            return
        opened.set_result(None)
        stop = False
        while not stop:
            first = self._jobs.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < self.MAX_BATCH:
                try:
                    nxt = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                batch.append(nxt)
            self._run_batch(batch)
            self._deliver(batch)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _run_batch(self, batch: list[_Job]) -> None:
        conn = self._conn
        assert conn is not None, "database is closed"
        try:
            self._run_batch_in(conn, batch)
        except Exception as exc:
            # Whatever went wrong (a failed COMMIT on a full disk, an I/O error in a SAVEPOINT),
            # the batch is answered with an error and this thread lives on to serve the next one:
            # a dead database thread would leave every later request waiting forever.
            log.warning("database transaction failed: %s", exc)
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            failure = storage_error(exc)
            if any(job.write for job in batch):
                self.write_error = failure.message
            for job in batch:
                job.outcome = (False, failure)

    def _run_batch_in(self, conn: sqlite3.Connection, batch: list[_Job]) -> None:
        tx = SqlTx(conn.cursor(), self.dialect)
        if not any(job.write for job in batch):
            for job in batch:
                job.outcome = _attempt(job.fn, tx)
            return
        conn.execute(self.dialect.begin_write)
        for job in batch:
            if not job.write:
                job.outcome = _attempt(job.fn, tx)
                continue
            conn.execute("SAVEPOINT job")
            job.outcome = _attempt(job.fn, tx)
            if not job.outcome[0]:
                conn.execute("ROLLBACK TO job")
            conn.execute("RELEASE job")
        # On a full disk SQLite may fail the COMMIT and roll back by itself; the handler in
        # `_run_batch` rolls back only while a transaction is still open.
        conn.execute("COMMIT")
        failed = [job.outcome[1] for job in batch if job.write and not job.outcome[0]]
        storage = [exc for exc in failed if isinstance(exc, StorageUnavailable)]
        self.write_error = storage[0].message if storage else None

    @staticmethod
    def _deliver(batch: list[_Job]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
        for job in batch:
            if job.loop is None:
                _settle(job)
            else:
                by_loop.setdefault(job.loop, []).append(job)
        for loop, jobs in by_loop.items():
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting any more
                loop.call_soon_threadsafe(_settle_all, jobs)

    # ---- the Database protocol -------------------------------------------------------------

    def disk_problem(self) -> str | None:
        if self.path == ":memory:":
            return None
        try:
            free = shutil.disk_usage(Path(self.path).resolve().parent).free
        except OSError as exc:
            return f"cannot read free space of {self.path}: {exc}"
        if free < MIN_FREE_BYTES:
            return f"database or disk is full: {free} bytes free on the file system of {self.path}"
        return None

    async def _submit(self, job: Callable[[SqlTx], T], write: bool) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[object] = loop.create_future()
        self._jobs.put(_Job(job, write, future, loop))
        return await future  # type: ignore[return-value]

    async def read(self, job: Callable[[SqlTx], T], *, snapshot: bool = True) -> T:
        # One thread runs every job here: nothing commits between a job's statements anyway.
        return await self._submit(job, False)

    async def write(self, job: Callable[[SqlTx], T]) -> T:
        return await self._submit(job, True)

    def run_sync(self, job: Callable[[SqlTx], T], write: bool = True) -> T:
        """For the CLI and tests outside an event loop."""
        future: concurrent.futures.Future[object] = concurrent.futures.Future()
        self._jobs.put(_Job(job, write, future, None))
        return future.result()  # type: ignore[return-value]

    def listen(self, on_notify: Callable[[str, int], None]) -> None:
        """One process per SQLite file: the committing process already wakes its pollers."""

    def close(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()


def storage_error(exc: BaseException) -> Transient:
    """What the client is told when SQLite fails for a reason outside its request."""
    if isinstance(exc, Transient):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None  # extended codes carry it low
    if primary == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
        return StorageFull(f"database error: the disk is full ({exc})")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Transient(f"database error: {exc}")
    return StorageUnavailable(f"database error: {exc}")


def _attempt(fn: Callable[[SqlTx], object], tx: SqlTx) -> tuple[bool, object]:
    """Run one job; (True, result) or (False, the exception to raise in the caller)."""
    try:
        return True, fn(tx)
    except sqlite3.OperationalError as exc:  # locked / busy / disk full / I/O
        return False, storage_error(exc)
    except sqlite3.IntegrityError as exc:  # a duplicate key: same answer as PostgreSQL's
        return False, Conflict(f"duplicate record: {exc}")
    except Exception as exc:
        return False, exc


def _settle(job: _Job) -> None:
    ok, value = job.outcome
    if job.future.done():
        return  # the caller gave up (cancelled); the work is committed regardless
    if ok:
        job.future.set_result(value)
    else:
        assert isinstance(value, BaseException)
        job.future.set_exception(value)


def _settle_all(jobs: list[_Job]) -> None:
    for job in jobs:
        _settle(job)


def sqlite_location(url: str) -> tuple[str, str] | None:
    """(file path, synchronous mode) of a `sqlite:` URL; None for any other URL."""
    if not url.startswith("sqlite:"):
        return None
    rest, _, query = url[len("sqlite:") :].partition("?")
    path = rest[3:] if rest.startswith("///") else rest.lstrip("/")
    synchronous = "NORMAL"
    for part in query.split("&"):
        if part.startswith("synchronous="):
            synchronous = part.split("=", 1)[1].upper()
    return path or "conductor.db", synchronous


def open_database(url: str) -> Database:
    """Build the database named by a URL: `sqlite:///path.db` or `postgresql://...`."""
    sqlite = sqlite_location(url)
    if sqlite is not None:
        return SqliteDatabase(sqlite[0], synchronous=sqlite[1])
    if url.startswith(("postgresql:", "postgres:")):
        from conductor.server.persistence.postgres import PostgresDatabase  # optional driver

        return PostgresDatabase(url)
    raise ValueError(f"unsupported database URL: {url!r} (use sqlite:///file.db or postgresql://...)")
