"""A real `pyconductor server` process on 127.0.0.1, and small blocking helpers to drive it.

Used by the DSL, system-task, example and compat tests: they talk to the server the way users
do (our SDK, the official SDK, the example scripts), which needs a listening socket rather than
the in-process ASGI app.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from helpers import wait_until

T = TypeVar("T")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveServer:
    db_path: Path
    log_path: Path
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    def start(self, timeout: float = 30.0) -> LiveServer:
        command = [
            sys.executable,
            "-m",
            "conductor.server",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--db",
            f"sqlite:///{self.db_path}",
            "--log-level",
            "WARNING",
        ]
        env = {**os.environ, **self.env}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pyconductor server exited early:\n{self.log()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=1.0).status_code == 200:
                    return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"pyconductor server did not become healthy:\n{self.log()}")

    def stop(self, *, kill: bool = False) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-5000:]
        except OSError:
            return ""

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.api_url, timeout=30.0)

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/health", timeout=2.0).status_code == 200
        except httpx.HTTPError:
            return False


@contextlib.contextmanager
def running_server(directory: Path, **env: str) -> Iterator[LiveServer]:
    server = LiveServer(db_path=directory / "conductor.db", log_path=directory / "server.log", env=env)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class Api:
    """Thin JSON helpers over the REST API (definitions, start, get, wait for status)."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.http = server.client()

    def close(self) -> None:
        self.http.close()

    def register(self, definition: dict[str, Any]) -> httpx.Response:
        return self.http.post("/metadata/workflow", params={"overwrite": "true"}, json=definition)

    def register_ok(self, definition: dict[str, Any]) -> None:
        response = self.register(definition)
        assert response.status_code in (200, 204), response.text

    def register_task_defs(self, task_defs: list[dict[str, Any]]) -> None:
        response = self.http.post("/metadata/taskdefs", json=task_defs)
        assert response.status_code in (200, 204), response.text

    def start(
        self, name: str, workflow_input: dict[str, Any] | None = None, version: int | None = None
    ) -> str:
        params = {"version": version} if version is not None else {}
        response = self.http.post(f"/workflow/{name}", params=params, json=workflow_input or {})
        assert response.status_code == 200, response.text
        return response.text.strip('"')

    def workflow(self, workflow_id: str) -> dict[str, Any]:
        response = self.http.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"})
        assert response.status_code == 200, response.text
        data: dict[str, Any] = response.json()
        return data

    def wait_for_status(
        self, workflow_id: str, statuses: tuple[str, ...] = ("COMPLETED",), within: float = 20.0
    ) -> dict[str, Any]:
        terminal = ("COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT")

        def reached() -> dict[str, Any] | None:
            workflow = self.workflow(workflow_id)
            if workflow["status"] in statuses:
                return workflow
            if workflow["status"] in terminal:
                raise AssertionError(
                    f"workflow ended {workflow['status']} (wanted {statuses}): "
                    f"{workflow.get('reasonForIncompletion')} tasks={task_summary(workflow)}"
                )
            return None

        return wait_until(reached, within=within, message=f"workflow {workflow_id} in {statuses}")

    def wait_for_task(
        self, workflow_id: str, ref: str, statuses: tuple[str, ...], within: float = 20.0
    ) -> dict[str, Any]:
        def reached() -> dict[str, Any] | None:
            for task in self.workflow(workflow_id).get("tasks", []):
                if task["referenceTaskName"] == ref and task["status"] in statuses:
                    return dict(task)
            return None

        return wait_until(reached, within=within, message=f"task {ref} of {workflow_id} in {statuses}")


def task_summary(workflow: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (t["referenceTaskName"], t["status"], t.get("reasonForIncompletion") or "")
        for t in workflow.get("tasks", [])
    ]


def task_by_ref(workflow: dict[str, Any], ref: str) -> dict[str, Any]:
    matches = [t for t in workflow.get("tasks", []) if t["referenceTaskName"] == ref]
    assert matches, f"no task {ref} in {task_summary(workflow)}"
    return dict(matches[-1])
