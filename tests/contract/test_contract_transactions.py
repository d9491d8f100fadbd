"""Transactions through the async `Database` API, and PostgreSQL-only behaviour: error
translation, deadlock retry, read snapshots and LISTEN/NOTIFY wake-ups."""

from __future__ import annotations

import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from conductor.server.domain.errors import BadRequest, ConcurrentModification, Conflict, Transient
from contract.records import workflow

pytestmark = pytest.mark.timeout(60)


async def test_async_read_and_write(db):
    """`write` commits one job as a transaction; `read` sees it; errors propagate unchanged."""
    assert await db.write(lambda tx: tx.insert_workflow(workflow("w1"))) is None
    wf, rev = await db.read(lambda tx: tx.get_workflow("w1"))
    assert (wf.workflow_id, rev) == ("w1", 1)

    with pytest.raises(ConcurrentModification):
        await db.write(lambda tx: tx.update_workflow(wf, 7))
    with pytest.raises(Conflict):
        await db.write(lambda tx: tx.insert_workflow(workflow("w1")))


# ---- PostgreSQL only ------------------------------------------------------------------------


@pytest.fixture
def pg(pg_url):
    from conductor.server.persistence.postgres import PostgresDatabase

    databases = []

    def open_db(**kwargs):
        database = PostgresDatabase(pg_url, **kwargs)
        databases.append(database)
        return database

    yield open_db
    for database in databases:
        database.close()


@pytest.mark.postgres
def test_unreachable_server_is_transient():
    from conductor.server.persistence.postgres import PostgresDatabase

    with pytest.raises(Transient, match="cannot connect to PostgreSQL"):
        PostgresDatabase("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")


@pytest.mark.postgres
def test_out_of_range_value_is_bad_request(pg):
    db = pg()
    with pytest.raises(BadRequest, match="invalid value"):
        db.run_sync(lambda tx: tx.insert_workflow(workflow("big", version=2**40)))


@pytest.mark.postgres
def test_pool_size_comes_from_the_url(pg_url):
    from conductor.server.persistence.postgres import PostgresDatabase

    db = PostgresDatabase(pg_url + "?pool_size=3&application_name=contract")
    try:
        assert db._pool.max_size == 3
        name = db.run_sync(lambda tx: tx._exec("SELECT current_setting('application_name')").fetchone()[0])
        assert name == "contract"
    finally:
        db.close()


@pytest.mark.postgres
def test_deadlock_victim_is_retried(pg):
    """Two jobs locking the same rows in opposite orders deadlock; the victim runs again."""
    db = pg(pool_size=2)
    db.run_sync(lambda tx: [tx.push("q", m, 0, 0, 0) for m in ("a", "b")])
    both_locked_first = threading.Barrier(2)
    attempts: list[str] = []

    # A statement whose result is read: a push alone would wait for the commit (`SqlTx._defer`).
    lock = "UPDATE queue_message SET priority = 1 WHERE queue_name = 'q' AND message_id = ? RETURNING 1"

    def job(first: str, second: str):
        def run(tx):
            attempts.append(first)
            tx._rows(lock, (first,))
            if attempts.count(first) == 1:  # meet only on the first attempt
                both_locked_first.wait(timeout=10)
            tx._rows(lock, (second,))
            return first

        return run

    with ThreadPoolExecutor(2) as pool:
        results = [pool.submit(db.run_sync, job("a", "b")), pool.submit(db.run_sync, job("b", "a"))]
        assert sorted(f.result(timeout=30) for f in results) == ["a", "b"]
    assert len(attempts) == 3  # PostgreSQL aborted exactly one of them, which then succeeded


@pytest.mark.postgres
def test_a_read_job_sees_one_snapshot(pg):
    """Reads inside one job are consistent even when another process commits in between."""
    db = pg()
    db.run_sync(lambda tx: tx.push("q", "m0", 0, 0, 0))
    first_read = threading.Event()
    other_committed = threading.Event()

    def reader(tx):
        before = tx.queue_size("q")
        first_read.set()
        assert other_committed.wait(10)
        return before, tx.queue_size("q")

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(db.run_sync, reader, False)
        assert first_read.wait(10)
        db.run_sync(lambda tx: tx.push("q", "m1", 0, 0, 0))
        other_committed.set()
        assert future.result(timeout=10) == (1, 1)
    assert db.run_sync(lambda tx: tx.queue_size("q"), False) == 2


@pytest.mark.postgres
def test_read_jobs_cannot_write(pg):
    db = pg()
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        db.run_sync(lambda tx: tx.push("q", "m", 0, 0, 0), False)


def _next(received: queue.Queue, deadline_s: float = 10.0):
    return received.get(timeout=deadline_s)


@pytest.mark.postgres
def test_commits_wake_listeners_in_other_processes(pg):
    """A commit that makes messages visible notifies other processes once per queue, with the
    count; delayed messages, the decider queue and rolled-back work notify nobody."""
    node_a, node_b = pg(), pg()
    received: queue.Queue[tuple[str, int]] = queue.Queue()
    node_a.listen(lambda q, n: received.put((q, n)))
    # The LISTEN is in place once a notification sent after it arrives.
    deadline = time.monotonic() + 10
    while True:
        node_b.run_sync(lambda tx: tx.notify_queue("ready"))
        try:
            if received.get(timeout=0.2) == ("ready", 1):
                break
        except queue.Empty:
            assert time.monotonic() < deadline, "listener never started"

    def busy(tx):
        for i in range(3):
            tx.push("orders", f"o{i}", 0, 100, 100)  # due now: counted
        tx.push("orders", "later", 0, 10_000, 100)  # delayed: not counted
        tx.push("payments", "p", 0, 50, 100)
        tx.push("_deciderQueue", "w", 0, 0, 100)  # nobody long-polls the decider queue

    node_b.run_sync(busy)
    assert sorted([_next(received), _next(received)]) == [("orders", 3), ("payments", 1)]

    def rolled_back(tx):
        tx.push("ghost", "g", 0, 0, 0)
        raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        node_b.run_sync(rolled_back)
    node_a.run_sync(lambda tx: tx.push("own", "m", 0, 0, 0))  # our own commits: skipped
    node_b.run_sync(lambda tx: tx.make_visible_first("orders", 100_000))
    # Notifications arrive in commit order: nothing from the rollback or node A came first.
    assert _next(received) == ("orders", 1)
    assert received.empty()


@pytest.mark.postgres
def test_close_stops_the_listener(pg):
    db = pg()
    db.listen(lambda q, n: None)
    listener = db._listener
    db.close()
    assert listener is not None and not listener.is_alive()


@pytest.mark.postgres
def test_connection_lost_mid_transaction_fails_the_job_and_recovers(pg):
    """A connection killed inside a write: the job fails with 503 (nothing stored), the broken
    connection is discarded, and the next write succeeds on a fresh one."""
    from conductor.server.api.errors import status_of
    from conductor.server.domain.errors import StorageUnavailable

    db = pg(pool_size=1)

    def killed(tx):
        tx.insert_workflow(workflow("lost"))
        tx.cur.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    with pytest.raises(StorageUnavailable) as failed:
        db.run_sync(killed)
    assert status_of(failed.value) == 503 and failed.value.retryable
    assert db.write_error is not None
    db.run_sync(lambda tx: tx.insert_workflow(workflow("after")))
    assert db.write_error is None
    assert db.run_sync(lambda tx: tx.get_workflow("lost"), write=False) is None
    assert db.run_sync(lambda tx: tx.get_workflow("after"), write=False) is not None


def test_probe_write_succeeds_on_a_healthy_database(db):
    db.run_sync(lambda tx: tx.probe_write())
    assert db.write_error is None
    assert db.disk_problem() is None
