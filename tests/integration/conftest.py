"""A real `pyconductor server` process on 127.0.0.1, for tests that drive it like a user would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    url: str  # .../api
    port: int
    db_url: str
    process: subprocess.Popen[bytes]

    @property
    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


def start_server(db_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "pyconductor"
    out = log.open("ab")
    proc = subprocess.Popen(
        [str(exe), "server", "--host", "127.0.0.1", "--port", str(port), "--db", db_url],
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not become healthy in 30 s")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'conductor.db'}"
    proc = start_server(db_url, port, tmp_path / "server.log")
    try:
        yield LiveServer(f"http://127.0.0.1:{port}/api", port, db_url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def worker_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A module of @worker_task functions importable by spawned worker processes."""
    package = tmp_path / "itest_workers"
    package.mkdir()
    (package / "__init__.py").write_text(WORKERS)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    yield "itest_workers"
    sys.modules.pop("itest_workers", None)
    # Importing the module registered its @worker_task functions process-wide: drop them, or a
    # later TaskHandler(scan_for_annotated_workers=True) would try to ship them to its workers.
    from conductor.client.worker import worker_task as registry

    for key, entry in list(registry._decorated_functions.items()):
        func = entry["func"] if isinstance(entry, dict) else entry.func
        if getattr(func, "__module__", "") == "itest_workers":
            del registry._decorated_functions[key]


WORKERS = """
from dataclasses import dataclass

from conductor.client.context.task_context import TaskInProgress, get_task_context
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.worker_task import worker_task


@worker_task(task_definition_name='it_greetings')
def greetings(name: str) -> str:
    return f'Hello, {name}'


@dataclass
class OrderInfo:
    order_id: int
    sku: str
    quantity: int
    sku_price: float


@worker_task(task_definition_name='it_process_order')
def process_order(order_info: OrderInfo) -> str:
    return f'order: {order_info.order_id} total {order_info.quantity * order_info.sku_price}'


@worker_task(task_definition_name='it_flaky')
def flaky(attempts_before_success: int) -> dict:
    ctx = get_task_context()
    if ctx.get_retry_count() < attempts_before_success:
        raise RuntimeError(f'boom on attempt {ctx.get_retry_count()}')
    return {'attempt': ctx.get_retry_count()}


@worker_task(task_definition_name='it_fatal')
def fatal() -> dict:
    raise NonRetryableException('no retry please')


@worker_task(task_definition_name='it_slow')
def slow(rounds: int) -> object:
    ctx = get_task_context()
    if ctx.get_poll_count() < rounds:
        return TaskInProgress(callback_after_seconds=1, output={'poll': ctx.get_poll_count()})
    return {'done_after_polls': ctx.get_poll_count()}
"""
