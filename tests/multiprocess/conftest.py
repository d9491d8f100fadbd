"""Fixtures for tests that run several `pyconductor server` processes on one PostgreSQL database.

Each server is a real subprocess on 127.0.0.1 (a free port, its log in the test's temp dir);
every process started here is stopped — or killed — when the test ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from contract import pg_server

START_DEADLINE_S = 30.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServerProcess:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_DEADLINE_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server {self.name} exited early:\n{self.log_tail()}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)  # polling a condition (the port opening), bounded by the deadline
        raise AssertionError(f"server {self.name} not ready in {START_DEADLINE_S}s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no flushing — a crashed node."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="session")
def pg_admin_databases() -> Iterator[pg_server.Databases]:
    url = pg_server.need_postgres()
    databases = pg_server.Databases(url)
    try:
        yield databases
    finally:
        databases.drop_all()
        pg_server.release()


@pytest.fixture
def shared_db_url(pg_admin_databases: pg_server.Databases) -> Iterator[str]:
    """A fresh, empty database: the first server to start migrates it."""
    url = pg_admin_databases.create(migrated=False)
    yield url
    pg_admin_databases.drop(url)


@pytest.fixture
def start_server(tmp_path: Path, shared_db_url: str) -> Iterator[Callable[[str], ServerProcess]]:
    """`start_server(name)`: a `pyconductor server` process on the shared database, ready."""
    started: list[ServerProcess] = []

    def start(name: str) -> ServerProcess:
        port = _free_port()
        log_path = tmp_path / f"server-{name}.log"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("PYCONDUCTOR_DB_URL", None)
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "conductor.server",
                    "server",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--db",
                    shared_db_url,
                    "--log-level",
                    "WARNING",
                ],  # fmt: skip
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        server = ServerProcess(name, port, process, log_path)
        started.append(server)
        server.wait_ready()
        return server

    yield start
    for server in started:
        server.stop()
