"""Crash safety of `pyconductor server`: SIGKILL mid-flight, restart on the same database file.

Every state change is committed before the server answers, so a workflow interrupted by a
crash must finish after the restart, and a task handed to a worker that vanished must come
back once its response timeout has passed (the timer lives in the database, not in memory).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

pytestmark = pytest.mark.slow

T = TypeVar("T")
PYCONDUCTOR = Path(sys.executable).with_name("pyconductor")


def wait_until(predicate: Callable[[], T], within: float, message: str) -> T:
    """Re-check `predicate` until it returns something truthy, failing after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} not met within {within}s (last value: {value!r})")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """One `pyconductor server` process on 127.0.0.1, restartable on the same database file."""

    def __init__(self, workdir: Path) -> None:
        self.db = workdir / "crash.db"
        self.log = workdir / "server.log"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self.proc is None
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    *(str(PYCONDUCTOR), "server", "--host", "127.0.0.1", "--port", str(self.port)),
                    *("--db", f"sqlite:///{self.db}", "--log-level", "WARNING"),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

        def healthy() -> bool:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                return httpx.get(f"{self.base}/health", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(healthy, 30, "GET /health 200")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, no goodbye."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path)
    process.start()
    try:
        yield process
    finally:
        process.stop()


class Worker:
    """A minimal worker speaking the REST protocol with a fresh connection per server life."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=f"{self.server.base}/api", timeout=10)

    def poll(self, task_type: str, count: int = 10) -> list[dict[str, Any]]:
        with self.client() as api:
            r = api.get(
                f"/tasks/poll/batch/{task_type}", params={"workerid": "e2e", "count": count, "timeout": 200}
            )
            assert r.status_code == 200, r.text
            return list(r.json())

    def complete(self, task: dict[str, Any], output: dict[str, Any]) -> None:
        body = {
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": "COMPLETED",
            "outputData": output,
        }
        with self.client() as api:
            r = api.post("/tasks", json=body)
            assert r.status_code == 200, r.text

    def workflow(self, workflow_id: str) -> dict[str, Any]:
        with self.client() as api:
            r = api.get(f"/workflow/{workflow_id}")
            assert r.status_code == 200, r.text
            return dict(r.json())


def setup_definitions(server: ServerProcess, response_timeout: int) -> None:
    task_defs = [
        {"name": name, "retryCount": 1, "retryDelaySeconds": 0, "responseTimeoutSeconds": response_timeout}
        for name in ("crash_a", "crash_b", "crash_c")
    ]
    tasks = [
        {"name": "crash_a", "taskReferenceName": "a", "inputParameters": {"n": "${workflow.input.n}"}},
        {"name": "crash_b", "taskReferenceName": "b", "inputParameters": {"fromA": "${a.output.value}"}},
        {"name": "crash_c", "taskReferenceName": "c", "inputParameters": {"fromB": "${b.output.value}"}},
    ]
    workflow = {
        "name": "crash_flow",
        "version": 1,
        "tasks": tasks,
        "outputParameters": {"result": "${c.output.value}"},
    }
    with httpx.Client(base_url=f"{server.base}/api", timeout=10) as api:
        assert api.post("/metadata/taskdefs", json=task_defs).status_code == 200
        assert api.post("/metadata/workflow", json=workflow).status_code == 200


def start_workflows(server: ServerProcess, count: int) -> list[str]:
    with httpx.Client(base_url=f"{server.base}/api", timeout=10) as api:
        ids = []
        for n in range(count):
            r = api.post("/workflow", json={"name": "crash_flow", "input": {"n": n}})
            assert r.status_code == 200, r.text
            ids.append(r.text)
        return ids


def test_workflows_interrupted_by_sigkill_complete_after_restart(server_process: ServerProcess) -> None:
    setup_definitions(server_process, response_timeout=2)
    ids = start_workflows(server_process, 8)
    worker = Worker(server_process)

    # Half way: every `a` done, half of the `b`s done, one `b` taken by a worker that will be lost.
    a_tasks = wait_until(lambda: worker.poll("crash_a") or None, 10, "a tasks")
    while len(a_tasks) < len(ids):
        a_tasks += worker.poll("crash_a")
    for task in a_tasks:
        worker.complete(task, {"value": task["inputData"]["n"] * 10})
    b_tasks: list[dict[str, Any]] = []
    while len(b_tasks) < len(ids):
        b_tasks += worker.poll("crash_b")
    for task in b_tasks[: len(ids) // 2]:
        worker.complete(task, {"value": task["inputData"]["fromA"] + 1})
    in_flight = b_tasks[len(ids) // 2 :]  # IN_PROGRESS when the server dies
    before_crash = {wid: worker.workflow(wid) for wid in ids}
    assert all(wf["status"] == "RUNNING" for wf in before_crash.values())

    server_process.kill()
    server_process.start()

    # Nothing committed was lost (in-flight tasks may already have timed out by now).
    for wid, wf in before_crash.items():
        after = {t["taskId"]: t for t in worker.workflow(wid)["tasks"]}
        for task in wf["tasks"]:
            kept = after[task["taskId"]]
            if task["status"] == "IN_PROGRESS":
                assert kept["status"] in ("IN_PROGRESS", "TIMED_OUT")
            else:
                assert (kept["status"], kept["outputData"]) == (task["status"], task["outputData"])

    # The lost workers' tasks come back after their response timeout; a fresh worker drains everything.
    completed_b = {t["taskId"] for t in b_tasks[: len(ids) // 2]}
    deadline = time.monotonic() + 45
    pending = set(ids)
    while pending:
        assert time.monotonic() < deadline, f"not completed: {pending}\n{server_process.tail()}"
        for task in worker.poll("crash_b"):
            assert task["taskId"] not in completed_b
            worker.complete(task, {"value": task["inputData"]["fromA"] + 1})
        for task in worker.poll("crash_c"):
            worker.complete(task, {"value": task["inputData"]["fromB"] * 2})
        pending = {wid for wid in pending if worker.workflow(wid)["status"] != "COMPLETED"}
        time.sleep(0.05)

    for wid in ids:
        wf = worker.workflow(wid)
        n = wf["input"]["n"]
        assert wf["status"] == "COMPLETED"
        assert wf["output"] == {"result": (n * 10 + 1) * 2}
    lost_ids = {t["taskId"] for t in in_flight}
    for wid in {t["workflowInstanceId"] for t in in_flight}:
        b_attempts = [t for t in worker.workflow(wid)["tasks"] if t["referenceTaskName"] == "b"]
        assert [t["status"] for t in b_attempts] == ["TIMED_OUT", "COMPLETED"]
        assert b_attempts[0]["taskId"] in lost_ids
        assert b_attempts[1]["retriedTaskId"] == b_attempts[0]["taskId"]


def test_task_of_a_vanished_worker_comes_back_after_its_response_timeout(
    server_process: ServerProcess,
) -> None:
    setup_definitions(server_process, response_timeout=1)
    (wid,) = start_workflows(server_process, 1)
    worker = Worker(server_process)
    (lost,) = wait_until(lambda: worker.poll("crash_a"), 10, "the first task")
    taken_at = time.monotonic()
    # The worker vanishes; nobody reports on the task.
    assert worker.poll("crash_a") == []

    (retry,) = wait_until(lambda: worker.poll("crash_a"), 15, "the retried task")
    assert time.monotonic() - taken_at >= 0.9
    assert retry["retriedTaskId"] == lost["taskId"]
    assert retry["retryCount"] == 1
    assert retry["inputData"] == {"n": 0}
    first = worker.workflow(wid)["tasks"][0]
    assert first["status"] == "TIMED_OUT"
    assert first["reasonForIncompletion"].startswith("responseTimeout: 1 exceeded")


def test_response_timeout_survives_a_restart(server_process: ServerProcess) -> None:
    setup_definitions(server_process, response_timeout=1)
    (wid,) = start_workflows(server_process, 1)
    worker = Worker(server_process)
    (lost,) = wait_until(lambda: worker.poll("crash_a"), 10, "the first task")
    taken_at = time.monotonic()

    server_process.kill()
    server_process.start()

    (retry,) = wait_until(lambda: worker.poll("crash_a"), 15, "the retried task after restart")
    assert time.monotonic() - taken_at >= 0.9
    assert retry["retriedTaskId"] == lost["taskId"]
    assert worker.workflow(wid)["status"] == "RUNNING"
