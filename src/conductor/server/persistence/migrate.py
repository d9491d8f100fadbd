"""The migration runner shared by every backend: applies the missing steps of `MIGRATIONS`.

Each step runs in its own transaction together with the row that records it in
`schema_version`, so a crash leaves the database at a step boundary. Servers starting together
on one PostgreSQL database take turns through the dialect's migration lock, and each re-reads
the version after getting the lock, so a step is never applied twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

from conductor.server.persistence.sql.dialect import Dialect
from conductor.server.persistence.sql.schema import MIGRATIONS
from conductor.server.persistence.sql.store import Cursor

log = logging.getLogger("conductor.server.persistence")

# Opens one write transaction on the database being migrated and yields its cursor.
Transaction = Callable[[], AbstractContextManager[Cursor]]


def _current_version(cur: Cursor) -> int:
    cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    cur.execute("SELECT MAX(version) FROM schema_version")
    row = cur.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(transaction: Transaction, dialect: Dialect, target: str) -> list[int]:
    """Bring the schema up to date; returns the migration numbers applied (usually none)."""
    with transaction() as cur:
        if dialect.migration_lock:
            cur.execute(dialect.migration_lock)
        current = _current_version(cur)
    applied: list[int] = []
    for number, statements in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        with transaction() as cur:
            if dialect.migration_lock:
                cur.execute(dialect.migration_lock)
            if number <= _current_version(cur):
                continue  # another server applied it while we waited for the lock
            for statement in statements:
                cur.execute(statement.replace("{pk}", dialect.autoincrement_pk))
            cur.execute(dialect.sql("INSERT INTO schema_version (version) VALUES (?)"), (number,))
        applied.append(number)
        log.info("applied migration %d to %s", number, target)
    return applied
