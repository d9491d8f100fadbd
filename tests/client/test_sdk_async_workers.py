"""Async workers against a real `pyconductor server` process (docs/sdk.md §1.6).

``async def`` workers run on one event loop per worker process with ``thread_count`` tasks in
flight; polls ask for the free capacity only; a task that raises is FAILED with its traceback
logged; a task past its responseTimeoutSeconds is cancelled in the worker and timed out by the
server; SIGTERM lets running tasks finish for a grace period and reports the rest as FAILED.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conductor.client.automator import async_task_runner
from conductor.client.automator.async_task_runner import AsyncTaskRunner, is_async_worker
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.async_api_client import AsyncApiClient
from conductor.client.http.models.task import Task
from conductor.client.worker.worker import Worker
from conductor.client.worker.worker_config import get_worker_config_summary, resolve_worker_config
from conductor.client.worker.worker_interface import WorkerInterface
from conductor.client.worker.worker_task import _decorated_functions, worker_task
from systasks.live_server import Api, LiveServer, running_server, wait_until

from . import sdk_async_workers, sdk_workers

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench" / "async_workers_bench.py"
_names = itertools.count()


def unique(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{next(_names)}"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("async-workers-server")) as server:
        yield server


@pytest.fixture
def api(live_server: LiveServer) -> Iterator[Api]:
    client = Api(live_server)
    try:
        yield client
    finally:
        client.close()


def one_task_workflow(api: Api, task_name: str, inputs: dict[str, str], **task_def: Any) -> str:
    """Register ``task_name`` (retryCount 0 unless given) and a workflow running it once."""
    api.register_task_defs([{"name": task_name, "retryCount": 0, **task_def}])
    workflow = unique("wf")
    api.register_ok(
        {
            "name": workflow,
            "version": 1,
            "schemaVersion": 2,
            "tasks": [
                {
                    "name": task_name,
                    "taskReferenceName": "t",
                    "type": "SIMPLE",
                    "inputParameters": {k: f"${{workflow.input.{k}}}" for k in inputs},
                }
            ],
        }
    )
    return workflow


def handler_for(server: LiveServer, worker: WorkerInterface) -> TaskHandler:
    return TaskHandler(
        workers=[worker],
        configuration=Configuration(server_api_url=server.api_url),
        scan_for_annotated_workers=False,
    )


def task_logs(api: Api, task_id: str) -> list[str]:
    response = api.http.get(f"/tasks/{task_id}/log")
    if response.status_code == 204:
        return []
    assert response.status_code == 200, response.text
    return [entry["log"] for entry in response.json()]


def max_overlap(intervals: list[tuple[float, float]]) -> int:
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    best = current = 0
    for _, delta in events:
        current += delta
        best = max(best, current)
    return best


def test_async_functions_and_classes_are_detected() -> None:
    class AsyncClassWorker(WorkerInterface):
        async def execute(self, task: Task) -> Any:
            return {}

    assert is_async_worker(Worker("a", sdk_async_workers.nap))
    assert is_async_worker(AsyncClassWorker("b"))
    assert not is_async_worker(Worker("c", sdk_workers.greet))
    # A decorated name passed to Worker: the (sync) wrapper stands for what it wraps.
    try:
        decorated_async = worker_task("sdk_async_detect")(sdk_async_workers.nap)
        decorated_sync = worker_task("sdk_sync_detect")(sdk_workers.greet.__wrapped__)
        assert is_async_worker(Worker("d", decorated_async))
        assert not is_async_worker(Worker("e", decorated_sync))
    finally:
        for name in ("sdk_async_detect", "sdk_sync_detect"):
            _decorated_functions.pop((name, None), None)


def test_async_worker_runs_many_tasks_at_once_on_one_loop(live_server: LiveServer, api: Api) -> None:
    """50 tasks sleeping 0.5 s with thread_count=50: all in flight together, in one process and
    one thread (the event loop), each reported COMPLETED."""
    task_name = unique("async_nap")
    workflow = one_task_workflow(api, task_name, {"seconds": "x"})
    ids = [api.start(workflow, {"seconds": 0.5}) for _ in range(50)]
    worker = Worker(task_name, sdk_async_workers.nap, thread_count=50)
    with handler_for(live_server, worker) as handler:
        handler.start_processes()
        outputs = []
        for workflow_id in ids:
            done = api.wait_for_status(workflow_id, within=60)
            outputs.append(done["tasks"][0]["outputData"])
        (process,) = handler.task_runner_processes
        worker_pid = process.pid
    assert {output["pid"] for output in outputs} == {worker_pid}
    assert len({output["thread"] for output in outputs}) == 1
    assert max_overlap([(o["started"], o["ended"]) for o in outputs]) == 50


def test_async_worker_that_raises_fails_the_task_with_its_traceback(
    live_server: LiveServer, api: Api
) -> None:
    task_name = unique("async_explode")
    workflow = one_task_workflow(api, task_name, {"message": "x"})
    workflow_id = api.start(workflow, {"message": "kaboom 42"})
    with handler_for(live_server, Worker(task_name, sdk_async_workers.explode, thread_count=5)) as handler:
        handler.start_processes()
        done = api.wait_for_status(workflow_id, ("FAILED",), within=30)
    (task,) = done["tasks"]
    assert task["status"] == "FAILED"
    assert task["reasonForIncompletion"] == "kaboom 42"
    (log,) = task_logs(api, task["taskId"])
    assert log.startswith("Traceback (most recent call last):")
    assert "in explode" in log
    assert log.rstrip().endswith("ValueError: kaboom 42")


def test_task_past_its_response_timeout_is_cancelled_in_the_worker(
    live_server: LiveServer, api: Api, tmp_path: Path
) -> None:
    """responseTimeoutSeconds=1: the worker cancels the coroutine (freeing its only slot, so the
    next task runs) and logs why; the server times the task out (not a FAILED from the worker)."""
    task_name = unique("async_hang")
    workflow = one_task_workflow(
        api, task_name, {"mode": "x", "marker_dir": "x"}, responseTimeoutSeconds=1, timeoutSeconds=0
    )
    hang = api.start(workflow, {"mode": "hang", "marker_dir": str(tmp_path)})
    quick = api.start(workflow, {"mode": "quick", "marker_dir": str(tmp_path)})
    worker = Worker(task_name, sdk_async_workers.hang_or_quick, thread_count=1)
    with handler_for(live_server, worker) as handler:
        handler.start_processes()
        wait_until(lambda: (tmp_path / "cancelled").exists(), within=20, message="the coroutine cancelled")
        api.wait_for_status(quick, within=20)
        timed_out = api.wait_for_status(hang, ("TIMED_OUT", "FAILED"), within=20)
    (task,) = timed_out["tasks"]
    assert task["status"] == "TIMED_OUT"
    assert task["reasonForIncompletion"].startswith("responseTimeout: 1 exceeded")
    logs = wait_until(lambda: task_logs(api, task["taskId"]), within=10, message="the worker's log")
    assert any("still running after responseTimeoutSeconds (1 s)" in log for log in logs), logs


def test_sigterm_lets_running_tasks_finish_then_fails_the_rest(
    live_server: LiveServer, api: Api, tmp_path: Path
) -> None:
    """Stopping the TaskHandler: a task ending within the grace period (3 s) completes; one that
    would take a minute is cancelled and reported FAILED; the process exits cleanly in time."""
    task_name = unique("async_sleeper")
    workflow = one_task_workflow(api, task_name, {"name": "x", "seconds": "x", "marker_dir": "x"})
    short = api.start(workflow, {"name": "short", "seconds": 1.0, "marker_dir": str(tmp_path)})
    long = api.start(workflow, {"name": "long", "seconds": 60, "marker_dir": str(tmp_path)})
    handler = handler_for(live_server, Worker(task_name, sdk_async_workers.sleeper, thread_count=5))
    try:
        handler.start_processes()
        wait_until(
            lambda: (tmp_path / "short.started").exists() and (tmp_path / "long.started").exists(),
            within=20,
            message="both tasks running",
        )
        stopping = time.monotonic()
        handler.stop_processes()
        stop_seconds = time.monotonic() - stopping
    finally:
        handler.stop_processes()
    assert [process.exitcode for process in handler.task_runner_processes] == [0]
    assert 3.0 <= stop_seconds < 5.0
    assert api.wait_for_status(short, within=10)["tasks"][0]["outputData"] == {"slept": 1.0}
    failed = api.wait_for_status(long, ("FAILED",), within=10)
    (task,) = failed["tasks"]
    assert task["status"] == "FAILED"
    assert task["reasonForIncompletion"] == (
        "Worker stopped: the task was still running 3 s after the worker was asked to stop, "
        "and was cancelled"
    )


class RecordingTransport(httpx.AsyncBaseTransport):
    """Forwards to the server; records each batch poll's ``count`` with the tasks in flight."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.runner: AsyncTaskRunner | None = None
        self.polls: list[tuple[int, int]] = []  # (count asked, tasks in flight when asked)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "/tasks/poll/batch/" in request.url.path:
            assert self.runner is not None
            self.polls.append((int(request.url.params["count"]), self.runner.in_flight))
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_batch_poll_asks_only_for_the_free_capacity(live_server: LiveServer, api: Api) -> None:
    """thread_count=4 with 3 tasks held in flight: the next polls ask for 1 task, never more;
    once they end, for 4 again."""
    task_name = unique("async_held")
    workflow = one_task_workflow(api, task_name, {})
    sdk_async_workers.release.clear()
    transport = RecordingTransport()
    configuration = Configuration(server_api_url=live_server.api_url)
    worker = Worker(task_name, sdk_async_workers.wait_for_release, thread_count=4, poll_timeout=200)
    runner = AsyncTaskRunner(
        worker, configuration, api_client=AsyncApiClient(configuration, transport=transport)
    )
    transport.runner = runner
    thread = threading.Thread(target=lambda: asyncio.run(runner.run()), daemon=True)
    thread.start()
    try:
        wait_until(lambda: transport.polls, message="a first poll")
        assert transport.polls[0] == (4, 0)
        ids = [api.start(workflow, {}) for _ in range(3)]
        wait_until(lambda: runner.in_flight == 3, message="3 tasks in flight")
        polls_before = len(transport.polls)
        wait_until(lambda: len(transport.polls) >= polls_before + 2, message="more polls")
        assert runner.in_flight == 3
        assert {count for count, _ in transport.polls[polls_before:]} == {1}
        sdk_async_workers.release.set()
        for workflow_id in ids:
            api.wait_for_status(workflow_id, within=20)
        wait_until(lambda: transport.polls[-1] == (4, 0), message="a poll for 4 again")
    finally:
        sdk_async_workers.release.set()
        runner.request_stop()
        thread.join(10)
    assert not thread.is_alive()
    assert all(count + in_flight <= 4 for count, in_flight in transport.polls), transport.polls
    assert runner.max_in_flight == 3


ASYNC_PARENT = """
import asyncio
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.worker.worker import Worker

async def nap(seconds: float) -> dict:
    await asyncio.sleep(seconds)
    return {}

if __name__ == '__main__':
    handler = TaskHandler(
        workers=[Worker('nap', nap, thread_count=10)],
        configuration=Configuration(server_api_url='http://127.0.0.1:9/api'),
        scan_for_annotated_workers=False,
    )
    handler.start_processes()
    print(' '.join(str(p.pid) for p in handler.task_runner_processes), flush=True)
    handler.join_processes()
"""


def _gone(pid: int) -> bool:
    """No such process, or a zombie (it exited; whoever adopted it has not reaped it yet)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_async_worker_process_exits_when_the_parent_is_killed(tmp_path: Path) -> None:
    """The parent-death SIGTERM reaches the event loop's handler: a graceful stop, then exit."""
    script = tmp_path / "async_parent.py"
    script.write_text(textwrap.dedent(ASYNC_PARENT))
    src = Path(__file__).resolve().parents[2] / "src"
    parent = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(src)},
        stdout=subprocess.PIPE,
        text=True,
    )
    pids: list[int] = []
    try:
        assert parent.stdout is not None
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 1 and not _gone(pids[0])
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        wait_until(lambda: _gone(pids[0]), within=20, message="the worker gone after the parent's SIGKILL")
    finally:
        parent.kill()
        parent.wait(10)
        if parent.stdout is not None:
            parent.stdout.close()
        for pid in pids:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


def test_grace_period_default_fits_in_the_task_handlers_stop_budget() -> None:
    from conductor.client.automator import task_handler

    budget = async_task_runner.SHUTDOWN_GRACE_SECONDS + async_task_runner.SHUTDOWN_REPORT_SECONDS
    assert budget < task_handler.STOP_GRACE_SECONDS


def test_async_workers_bench_small_run() -> None:
    """`bench/async_workers_bench.py` stays runnable: a tiny run prints one JSON line per row."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--tasks", "20", "--sleep", "0.2", "--threads", "5", "--json"],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [row["mode"] for row in rows] == ["async", "threads=5"]
    assert [row["concurrency"] for row in rows] == [20, 5]
    for row in rows:
        assert row["completed"] == 20
        assert row["wall_s"] > 0.2 and row["cpu_s"] >= 0 and row["rss_mb"] > 0
        assert len(row["claimed_s"]) == 2 and len(row["ended_s"]) == 2
    # One event loop: no thread per task.
    assert rows[0]["threads"] < rows[1]["threads"]


def test_worker_config_summary_names_each_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the official SDK's get_worker_config_summary: header, then `prop: value (from ...)`."""
    monkeypatch.setenv("conductor.worker.all.poll_interval", "500")
    monkeypatch.setenv("conductor.worker.my_task.domain", "production")
    monkeypatch.setenv("CONDUCTOR_WORKER_MY_TASK_THREAD_COUNT", "7")
    config = resolve_worker_config("my_task", poll_interval=1000, domain="dev", poll_timeout=100)
    assert get_worker_config_summary("my_task", config).splitlines() == [
        "Worker 'my_task' configuration:",
        "  poll_interval: 500.0 (from conductor.worker.all.poll_interval)",
        "  domain: production (from conductor.worker.my_task.domain)",
        "  thread_count: 7 (from CONDUCTOR_WORKER_MY_TASK_THREAD_COUNT)",
        "  poll_timeout: 100 (from code)",
        # The three properties with a default resolve to it (official resolve_worker_config).
        "  overwrite_task_def: True (from code)",
        "  strict_schema: False (from code)",
        "  register_schema: False (from code)",
    ]
