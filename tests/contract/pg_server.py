"""A PostgreSQL server for tests, and fresh databases on it.

The server is `PYCONDUCTOR_TEST_PG_URL` when set (CI starts one in `.ci/run`); otherwise a
throwaway cluster is created with the local PostgreSQL binaries in a temporary directory,
listening on 127.0.0.1 only, and stopped when the last user releases it. Without either, tests
that need PostgreSQL skip — except under CI (env `CI` set), where they fail.

Each test gets its own database cloned from a migrated template (`CREATE DATABASE ... TEMPLATE`,
~25 ms), so tests never see each other's rows and need no cleanup order.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from conductor.server.persistence.postgres import PostgresDatabase

ENV_URL = "PYCONDUCTOR_TEST_PG_URL"


class Unavailable(Exception):
    """No PostgreSQL server could be found or started."""


def need_postgres() -> str:
    """The admin URL of a running server, or skip (fail under CI) the calling test."""
    try:
        return _acquire()
    except Unavailable as exc:
        message = f"PostgreSQL not available: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + f" (CI must provide one: set {ENV_URL} or install PostgreSQL)")
        pytest.skip(message + f" (set {ENV_URL} or install the postgresql server package)")


def url_for(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, parts.query, parts.fragment))


# ---- the server -----------------------------------------------------------------------------


def find_bindir() -> Path | None:
    """Where `initdb` and `pg_ctl` live: Debian keeps them out of PATH, per major version."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    """A throwaway cluster: data directory, socket directory and log in one temp directory."""

    bindir: Path
    base: Path
    port: int
    user: str | None  # the OS user that owns it when we run as root (initdb refuses root)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            log = self.base / "postgres.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise Unavailable(f"{' '.join(args[:2])} failed: {result.stderr.strip()} {tail}")

    @classmethod
    def start(cls) -> Cluster:
        bindir = find_bindir()
        if bindir is None:
            raise Unavailable("no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH")
        user: str | None = None
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres").pw_name
            except KeyError as exc:
                raise Unavailable("running as root and there is no 'postgres' user for initdb") from exc
        base = Path(tempfile.mkdtemp(prefix="pyconductor-pg-"))
        if user is not None:
            shutil.chown(base, user=user)
        cluster = cls(bindir=bindir, base=base, port=_free_port(), user=user)
        try:
            cluster._run(
                str(bindir / "initdb"), "-D", str(base / "data"), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync",
            )  # fmt: skip
            # Durability is irrelevant for test data: fsync off makes commits CPU-bound.
            options = (
                f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {base} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            cluster._run(
                str(bindir / "pg_ctl"), "-D", str(base / "data"), "-l", str(base / "postgres.log"),
                "-w", "-t", "60", "-o", options, "start",
            )  # fmt: skip
        except BaseException:
            shutil.rmtree(base, ignore_errors=True)
            raise
        return cluster

    def stop(self) -> None:
        with contextlib.suppress(Unavailable, subprocess.TimeoutExpired):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.base / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)


@dataclass
class _Shared:
    url: str | None = None
    cluster: Cluster | None = None
    users: int = 0
    failure: str | None = None


_shared = _Shared()


def _acquire() -> str:
    """Start (or reuse) the server; pair every successful call with `release()`."""
    if _shared.failure is not None:
        raise Unavailable(_shared.failure)
    if _shared.url is None:
        try:
            env = os.environ.get(ENV_URL)
            if env:
                with psycopg.connect(env, connect_timeout=5):
                    pass
                _shared.url = env
            else:
                _shared.cluster = Cluster.start()
                _shared.url = _shared.cluster.url
        except (Unavailable, psycopg.Error) as exc:
            _shared.failure = str(exc)
            raise Unavailable(_shared.failure) from exc
    _shared.users += 1
    return _shared.url


def release() -> None:
    _shared.users -= 1
    if _shared.users == 0:
        if _shared.cluster is not None:
            _shared.cluster.stop()
        _shared.cluster = None
        _shared.url = None


# ---- databases on it ------------------------------------------------------------------------


@dataclass
class Databases:
    """Creates uniquely named databases on the server and drops them again."""

    admin_url: str
    prefix: str = field(default_factory=lambda: f"pyc_{os.getpid()}_{uuid.uuid4().hex[:6]}")
    _counter: itertools.count[int] = field(default_factory=itertools.count)
    _created: list[str] = field(default_factory=list)
    _template: str | None = None

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def template(self) -> str:
        """A migrated database to clone; built on first use."""
        if self._template is None:
            name = f"{self.prefix}_tpl"
            self._admin(f'CREATE DATABASE "{name}"')
            self._created.append(name)
            PostgresDatabase(url_for(self.admin_url, name), pool_size=1).close()
            self._template = name
        return self._template

    def create(self, migrated: bool = True) -> str:
        """A new database's URL: a clone of the migrated template, or empty."""
        name = f"{self.prefix}_{next(self._counter)}"
        source = self.template() if migrated else "template0"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        self._created.append(name)
        return url_for(self.admin_url, name)

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        # FORCE: a test that failed half-way may have left connections open.
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._created:
            self._created.remove(name)

    def drop_all(self) -> None:
        for name in reversed(list(self._created)):
            self.drop(url_for(self.admin_url, name))
        self._template = None
