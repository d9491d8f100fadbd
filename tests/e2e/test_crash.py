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
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from helpers import wait_until

pytestmark = pytest.mark.slow

T = TypeVar("T")
PYCONDUCTOR = Path(sys.executable).with_name("pyconductor")


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

    def workflow_status(self, workflow_id: str) -> str:
        with self.client() as api:
            r = api.get(f"/workflow/{workflow_id}/status")
            assert r.status_code == 200, r.text
            return str(r.json()["status"])

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


def test_sigkill_in_the_middle_of_a_large_fan_out_loses_nothing_and_runs_no_branch_twice(
    server_process: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FORK_JOIN_DYNAMIC of N branches (PYCONDUCTOR_CRASH_FANOUT, default 1,000; the note's
    10,000-branch run sets it): the server is killed with branches done, branches held by the
    worker and branches queued. After the restart the worker reports what it held, drains the
    rest, and every branch ran exactly once."""
    size = int(os.environ.get("PYCONDUCTOR_CRASH_FANOUT", "1000"))
    # Comparing each decision with a full scan (the suite's default) would make this O(N²).
    monkeypatch.setenv("PYCONDUCTOR_DECIDER_CHECK", "0")
    server_process.stop()
    server_process.start()
    with httpx.Client(base_url=f"{server_process.base}/api", timeout=30) as api:
        task_def = {"name": "crash_branch", "retryCount": 1, "responseTimeoutSeconds": 3600}
        assert api.post("/metadata/taskdefs", json=[task_def]).status_code == 200
        fork = {
            "name": "fork",
            "taskReferenceName": "fork",
            "type": "FORK_JOIN_DYNAMIC",
            "dynamicForkTasksParam": "dynamicTasks",
            "dynamicForkTasksInputParamName": "dynamicTasksInput",
            "inputParameters": {"forkTaskName": "crash_branch", "forkTaskInputs": "${workflow.input.items}"},
        }
        workflow = {
            "name": "crash_fan_out",
            "version": 1,
            "tasks": [fork, {"name": "join", "taskReferenceName": "join", "type": "JOIN"}],
        }
        assert api.post("/metadata/workflow", json=workflow).status_code == 200
        r = api.post(
            "/workflow", json={"name": "crash_fan_out", "input": {"items": [{"i": i} for i in range(size)]}}
        )
        assert r.status_code == 200, r.text
        wid = r.text

    worker = Worker(server_process)
    polled: dict[str, int] = {}  # task id -> times handed to a worker
    # One connection per server life (a client per call spends its time making SSL contexts).
    api = httpx.Client(base_url=f"{server_process.base}/api", timeout=30)

    def take(count: int) -> list[dict[str, Any]]:
        r = api.get(
            "/tasks/poll/batch/crash_branch", params={"workerid": "e2e", "count": count, "timeout": 200}
        )
        assert r.status_code == 200, r.text
        for task in r.json():
            polled[task["taskId"]] = polled.get(task["taskId"], 0) + 1
        return list(r.json())

    def complete(task: dict[str, Any]) -> None:
        body = {
            "workflowInstanceId": wid,
            "taskId": task["taskId"],
            "status": "COMPLETED",
            "outputData": {"i": task["inputData"]["i"]},
        }
        r = api.post("/tasks", json=body)
        assert r.status_code == 200, r.text

    done = 0
    while done < size // 2:
        for task in take(100):
            complete(task)
            done += 1
    held = take(50)  # IN_PROGRESS at the worker when the server dies
    assert held

    server_process.kill()
    api.close()
    server_process.start()
    api = httpx.Client(base_url=f"{server_process.base}/api", timeout=30)

    for task in held:  # the worker reports what it finished meanwhile
        complete(task)
    deadline = time.monotonic() + 120
    while worker.workflow_status(wid) == "RUNNING":
        assert time.monotonic() < deadline, server_process.tail()
        for task in take(100):
            complete(task)
    api.close()

    wf = worker.workflow(wid)
    assert wf["status"] == "COMPLETED", wf.get("reasonForIncompletion")
    branches = [t for t in wf["tasks"] if t["taskType"] == "crash_branch"]
    assert len(branches) == size  # no retry, no duplicate
    assert all(t["status"] == "COMPLETED" and t["retryCount"] == 0 for t in branches)
    assert sorted(t["outputData"]["i"] for t in branches) == list(range(size))
    assert len(polled) == size and set(polled.values()) == {1}  # each branch handed out once
    join = next(t for t in wf["tasks"] if t["referenceTaskName"] == "join")
    assert len(join["outputData"]) == size
