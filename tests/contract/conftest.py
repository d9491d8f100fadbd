"""Fixtures of the storage contract suite: the same tests on every backend.

`db` is parametrized over `sqlite` (a fresh temp file) and `postgres` (a fresh database cloned
from a migrated template); tests drive it through `run_sync`, the synchronous door both
backends provide, so one test body exercises one SQL implementation on two engines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest

from conductor.server.persistence.database import Database, SqliteDatabase
from conductor.server.persistence.sql.store import SqlTx
from contract import pg_server

T = TypeVar("T")


class SyncDatabase(Database, Protocol):
    def run_sync(self, job: Callable[[SqlTx], T], write: bool = True) -> T: ...


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[pg_server.Databases]:
    """Databases on the test PostgreSQL server (skips, or fails under CI, without one)."""
    url = pg_server.need_postgres()
    databases = pg_server.Databases(url)
    try:
        yield databases
    finally:
        databases.drop_all()
        pg_server.release()


@pytest.fixture
def pg_url(pg_databases: pg_server.Databases) -> Iterator[str]:
    """URL of a fresh, migrated PostgreSQL database, dropped after the test."""
    url = pg_databases.create()
    try:
        yield url
    finally:
        pg_databases.drop(url)


def open_backend(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Any:
    if backend == "sqlite":
        return SqliteDatabase(str(tmp_path / "contract.db"))
    from conductor.server.persistence.postgres import PostgresDatabase

    return PostgresDatabase(request.getfixturevalue("pg_url"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[SyncDatabase]:
    database = open_backend(request, backend, tmp_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def write(db: SyncDatabase) -> Callable[[Callable[[SqlTx], Any]], Any]:
    """`write(lambda tx: ...)`: run a job as one write transaction."""
    return lambda job: db.run_sync(job, True)


@pytest.fixture
def read(db: SyncDatabase) -> Callable[[Callable[[SqlTx], Any]], Any]:
    """`read(lambda tx: ...)`: run a job as a read."""
    return lambda job: db.run_sync(job, False)
