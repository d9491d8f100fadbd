"""Migrations: idempotent on re-open, safe for servers starting together, same schema on both."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from conductor.server.persistence.database import SqliteDatabase
from conductor.server.persistence.sql.schema import MIGRATIONS
from contract.records import workflow

TABLES = {
    "event_handler",
    "meta_task_def",
    "meta_workflow_def",
    "poll_data",
    "queue_message",
    "schema_version",
    "scheduler_execution",
    "scheduler_schedule",
    "task",
    "task_log",
    "workflow",
    "workflow_static",
}


def _versions(db) -> list[int]:
    return db.run_sync(
        lambda tx: [r[0] for r in tx._rows("SELECT version FROM schema_version ORDER BY version")], False
    )


def test_reopening_applies_nothing_and_keeps_data(request, backend, tmp_path):
    """Every migration is recorded once; opening an up-to-date database changes nothing."""
    from contract.conftest import open_backend

    first = open_backend(request, backend, tmp_path)
    first.run_sync(lambda tx: tx.insert_workflow(workflow("kept")))
    first.close()

    again = open_backend(request, backend, tmp_path)
    try:
        assert _versions(again) == list(range(1, len(MIGRATIONS) + 1))
        assert again.run_sync(lambda tx: tx.get_workflow("kept"), False)[1] == 1
    finally:
        again.close()


@pytest.mark.postgres
def test_servers_starting_together_migrate_once(pg_databases):
    """Several processes opening one empty database at once: one applies, the others wait."""
    from conductor.server.persistence.postgres import PostgresDatabase

    url = pg_databases.create(migrated=False)
    start = threading.Barrier(4)

    def open_and_close() -> None:
        start.wait()
        PostgresDatabase(url, pool_size=1).close()

    with ThreadPoolExecutor(4) as pool:
        for future in [pool.submit(open_and_close) for _ in range(4)]:
            future.result(timeout=60)

    db = PostgresDatabase(url, pool_size=1)
    try:
        assert _versions(db) == list(range(1, len(MIGRATIONS) + 1))
    finally:
        db.close()
        pg_databases.drop(url)


def _sqlite_schema(path) -> dict[str, dict[str, str]]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            t: {r[1]: r[2].upper() for r in conn.execute(f"PRAGMA table_info({t})")}
            for t in tables
            if not t.startswith("sqlite_")
        }
    finally:
        conn.close()


def _postgres_schema(url: str) -> dict[str, dict[str, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public'"
        ).fetchall()
    schema: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        schema.setdefault(table, {})[column] = data_type.upper()
    return schema


def _kind(sql_type: str) -> str:
    """Collapse each engine's spelling of a type into what the store relies on."""
    if "INT" in sql_type:
        return "integer"
    if sql_type in ("TEXT", "CHARACTER VARYING"):
        return "text"
    if sql_type == "BOOLEAN":
        return "boolean"
    return sql_type


@pytest.mark.postgres
def test_migrated_schema_is_the_same_on_both_backends(tmp_path, pg_databases):
    """Fresh databases on SQLite and PostgreSQL end up with the same tables, columns and kinds."""
    from conductor.server.persistence.postgres import PostgresDatabase

    sqlite_path = tmp_path / "parity.db"
    SqliteDatabase(str(sqlite_path)).close()
    url = pg_databases.create(migrated=False)
    PostgresDatabase(url, pool_size=1).close()

    pg_types = _postgres_schema(url)
    pg_databases.drop(url)
    lite = {t: {c: _kind(k) for c, k in cols.items()} for t, cols in _sqlite_schema(sqlite_path).items()}
    pg = {t: {c: _kind(k) for c, k in cols.items()} for t, cols in pg_types.items()}

    assert set(lite) == TABLES
    assert pg == lite
    # Epoch milliseconds overflow 32 bits: every time column must be 64-bit on PostgreSQL.
    assert pg_types["queue_message"]["deliver_on"] == "BIGINT"
    assert pg_types["workflow"]["create_time"] == "BIGINT"
    assert pg_types["task_log"]["id"] == "BIGINT"
    assert pg_types["scheduler_schedule"]["next_run_time"] == "BIGINT"
    assert pg_types["scheduler_execution"]["scheduled_time"] == "BIGINT"


def _indexes(db, backend: str) -> set[str]:
    sql = (
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'workflow'"
        if backend == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename = 'workflow'"
    )
    return db.run_sync(lambda tx: {r[0] for r in tx._rows(sql)}, False)


def test_workflows_are_indexed_by_status(request, backend, tmp_path):
    """Migration 4: searches by status and the running-workflow gauge read an index range, not
    every workflow (docs/benchmarks.md "Growth")."""
    from contract.conftest import open_backend

    db = open_backend(request, backend, tmp_path)
    try:
        assert "workflow_by_status" in _indexes(db, backend)
        if backend == "sqlite":
            plans = {
                sql: " ".join(
                    r[3]
                    for r in db.run_sync(lambda tx, sql=sql: tx._rows("EXPLAIN QUERY PLAN " + sql), False)
                )
                for sql in (
                    "SELECT json FROM workflow WHERE status IN ('RUNNING') "
                    "ORDER BY create_time DESC, workflow_id ASC LIMIT 100",
                    "SELECT COUNT(*) FROM workflow WHERE status IN ('RUNNING')",
                    "SELECT name, COUNT(*) FROM workflow WHERE status = 'RUNNING' GROUP BY name",
                )
            }
            for sql, plan in plans.items():
                assert "USING COVERING INDEX workflow_by_status (status=?)" in plan or (
                    "USING INDEX workflow_by_status (status=?)" in plan
                ), (sql, plan)
    finally:
        db.close()
