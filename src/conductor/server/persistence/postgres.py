"""PostgreSQL: the backend for several server processes sharing one database.

The same jobs and the same `SqlTx` as on SQLite run here on psycopg 3 sync connections from a
`psycopg_pool.ConnectionPool`, one database thread per pooled connection (measured: sync
psycopg on threads equals its async API and asyncpg within 20%, docs/dependencies.md §5.2). What
makes it safe with several processes:

* the store's compare-and-set on `workflow.rev` (runner retries on `ConcurrentModification`);
* queue claims and sweeper leases that lock with `FOR UPDATE SKIP LOCKED` (see `SqlTx.pop`);
* write transactions that `NOTIFY` the queues they made visible, and a listener connection per
  process that turns those notifications into local long-poll wake-ups (`listen`).

Driver errors are translated here into `conductor.server.domain.errors`; deadlocks and
serialization failures are retried, because a job is a function of its transaction only.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors as pgerrors
from psycopg_pool import ConnectionPool, PoolTimeout

from conductor.server.domain.errors import BadRequest, Conflict, StorageUnavailable, Transient
from conductor.server.persistence.migrate import migrate
from conductor.server.persistence.sql.dialect import POSTGRES, parse_notify_payload
from conductor.server.persistence.sql.store import Cursor, SqlTx

T = TypeVar("T")
log = logging.getLogger("conductor.server.persistence")

DEFAULT_POOL_SIZE = 8  # 8 connections gave 2.8x the commits of 1 on 2 cores (docs/dependencies.md §5.2)
CONNECT_TIMEOUT_S = 10.0
POOL_WAIT_S = 10.0
DEADLOCK_RETRIES = 4
LISTEN_POLL_S = 0.5  # how often the listener thread checks that it should stop
LISTEN_RECONNECT_S = 1.0
OUR_URL_OPTIONS = ("pool_size",)

Connection = psycopg.Connection[tuple[Any, ...]]


def split_url(url: str) -> tuple[str, dict[str, str]]:
    """Separate our own URL options (`pool_size`) from the libpq connection string."""
    parts = urlsplit(url)
    ours: dict[str, str] = {}
    kept: list[tuple[str, str]] = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in OUR_URL_OPTIONS:
            ours[key] = value
        else:
            kept.append((key, value))
    scheme = "postgresql" if parts.scheme == "postgres" else parts.scheme
    return urlunsplit((scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment)), ours


def describe(conn: Connection) -> str:
    """`db@host:port`, never the password."""
    info = conn.info
    return f"{info.dbname}@{info.host}:{info.port}"


class PostgresDatabase:
    """The `Database` protocol on a psycopg connection pool; `shared` with other processes."""

    dialect = POSTGRES
    shared = True

    def __init__(self, url: str, pool_size: int | None = None) -> None:
        self.url = url
        self._conninfo, options = split_url(url)
        try:
            size = pool_size or int(options.get("pool_size", DEFAULT_POOL_SIZE))
        except ValueError as exc:
            raise ValueError(f"pool_size must be a whole number: {options['pool_size']!r}") from exc
        if size < 1:
            raise ValueError(f"pool_size must be at least 1, not {size}")
        # Backend pids of our own pooled connections: notifications they sent are skipped by
        # our listener, because the committing process already woke its own pollers.
        self._own: weakref.WeakValueDictionary[int, Connection] = weakref.WeakValueDictionary()
        self._stopping = threading.Event()
        self._listener: threading.Thread | None = None
        self._closed = False
        self.write_error: str | None = None
        self.target = self._migrate()
        self._pool: ConnectionPool[Connection] = ConnectionPool(
            self._conninfo,
            min_size=min(2, size),
            max_size=size,
            # Transactions are opened explicitly (`Dialect.begin_read` / `begin_write`), which
            # lets a read choose its isolation level in the same round trip as its BEGIN.
            kwargs={"autocommit": True},
            configure=self._configure,
            timeout=POOL_WAIT_S,
            name="pyconductor",
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            self._pool.close()
            raise Transient(f"cannot connect to PostgreSQL {self.target}: {exc}") from exc
        # One thread per connection: a job never waits for a connection behind another job.
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="postgres")

    # ---- setup ------------------------------------------------------------------------------

    def _connect(self) -> Connection:
        try:
            return psycopg.connect(self._conninfo, autocommit=True, connect_timeout=int(CONNECT_TIMEOUT_S))
        except psycopg.OperationalError as exc:
            raise Transient(f"cannot connect to PostgreSQL: {exc}".strip()) from exc

    def _migrate(self) -> str:
        """Apply pending migrations on a direct connection before the pool exists (and fail
        fast, with libpq's own message, when the database is unreachable)."""
        with self._connect() as conn:
            target = describe(conn)

            @contextmanager
            def transaction() -> Iterator[Cursor]:
                with conn.transaction():
                    yield conn.cursor()

            migrate(transaction, self.dialect, target)
        return target

    def _configure(self, conn: Connection) -> None:
        self._own[conn.info.backend_pid] = conn

    def _is_own(self, pid: int) -> bool:
        conn = self._own.get(pid)
        return conn is not None and not conn.closed

    # ---- jobs -------------------------------------------------------------------------------

    def _run(self, job: Callable[[SqlTx], T], write: bool, snapshot: bool = True) -> T:
        for attempt in range(1, DEADLOCK_RETRIES + 1):
            try:
                result = self._run_once(job, write, snapshot)
                if write:
                    self.write_error = None
                return result
            except (pgerrors.DeadlockDetected, pgerrors.SerializationFailure) as exc:
                if attempt == DEADLOCK_RETRIES:
                    raise Transient(f"database contention, try again: {exc}") from exc
                log.debug("retrying a transaction after %s (attempt %d)", type(exc).__name__, attempt)
                # Jittered back-off so the two victims of a deadlock do not collide again.
                time.sleep(random.uniform(0, 0.005 * 2**attempt))
            except pgerrors.UniqueViolation as exc:
                raise Conflict(f"duplicate record: {exc.diag.message_detail or exc}") from exc
            except pgerrors.DataError as exc:  # out-of-range number, NUL in text, bad encoding
                raise BadRequest(f"invalid value: {exc}") from exc
            except (psycopg.OperationalError, PoolTimeout) as exc:  # connection lost, shutdown
                # The pool discards a broken connection when it is returned, so the next job
                # gets a fresh one: service resumes by itself once the database is back.
                failure = StorageUnavailable(f"database error: {exc}".strip())
                if write:
                    self.write_error = failure.message
                raise failure from exc
        raise AssertionError("unreachable")

    def _run_once(self, job: Callable[[SqlTx], T], write: bool, snapshot: bool = True) -> T:
        begin = self.dialect.begin_write if write else self.dialect.begin_read
        assert begin is not None
        with self._pool.connection() as conn:
            cur = conn.cursor()
            if not (write or snapshot):
                # One statement in autocommit mode is its own snapshot: no BEGIN, no COMMIT.
                return job(SqlTx(cur, self.dialect))
            # BEGIN goes out with the job's first statement, and the statements whose results
            # are not read go out with the next one that is, or with the COMMIT (`SqlTx._defer`).
            tx = SqlTx(cur, self.dialect, conn.pipeline)
            tx.begin(begin)
            try:
                result = job(tx)
                tx.commit()
            except BaseException:
                if not conn.closed:
                    try:
                        cur.execute("ROLLBACK")
                    except psycopg.Error:
                        log.debug("rollback failed; the pool will discard the connection")
                raise
            return result

    async def read(self, job: Callable[[SqlTx], T], *, snapshot: bool = True) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self._executor, self._run, job, False, snapshot
        )

    async def write(self, job: Callable[[SqlTx], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._run, job, True)

    def run_sync(self, job: Callable[[SqlTx], T], write: bool = True) -> T:
        """For the CLI and tests outside an event loop; safe to call from several threads."""
        return self._run(job, write)

    def disk_problem(self) -> str | None:
        """The database server's disk is not visible from here; failed writes report it."""
        return None

    # ---- cross-process wake-ups -------------------------------------------------------------

    def listen(self, on_notify: Callable[[str, int], None]) -> None:
        """Start the listener thread: `on_notify(queue, count)` runs on it for every commit by
        another process that made messages visible (callers hop to their event loop)."""
        if self._listener is not None:
            raise RuntimeError("already listening")
        self._listener = threading.Thread(
            target=self._listen_loop, args=(on_notify,), name="postgres-listen", daemon=True
        )
        self._listener.start()

    def _listen_loop(self, on_notify: Callable[[str, int], None]) -> None:
        assert self.dialect.listen is not None
        while not self._stopping.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(self.dialect.listen)
                    while not self._stopping.is_set():
                        for note in conn.notifies(timeout=LISTEN_POLL_S):
                            if self._is_own(note.pid):
                                continue
                            queue, count = parse_notify_payload(note.payload)
                            try:
                                on_notify(queue, count)
                            except Exception:
                                log.exception("queue wake-up for %s failed", queue)
            except psycopg.Error as exc:
                # Wake-ups missed while disconnected cost latency only: pollers re-check the
                # database when their long-poll times out.
                if not self._stopping.is_set():
                    log.warning("LISTEN connection lost (%s); reconnecting", exc)
                    self._stopping.wait(LISTEN_RECONNECT_S)

    # ---- shutdown ---------------------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stopping.set()
        if self._listener is not None:
            self._listener.join(timeout=LISTEN_POLL_S * 4 + CONNECT_TIMEOUT_S)
        self._executor.shutdown(wait=True)
        self._pool.close()
