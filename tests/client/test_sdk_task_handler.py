"""TaskHandler: real worker processes against a fake Conductor on 127.0.0.1."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from conductor.client.worker.worker_task import get_registered_workers

from . import sdk_workers
from .fake_conductor import FakeConductor

TASK_TYPE = "sdk_test_greet"


@pytest.fixture
def conductor() -> Iterator[FakeConductor]:
    with FakeConductor(TASK_TYPE) as fake:
        yield fake


def greet_worker() -> list[object]:
    return [w for w in get_registered_workers() if w.get_task_definition_name() == TASK_TYPE]


def test_worker_process_completes_a_task(conductor: FakeConductor) -> None:
    """A spawned worker process re-imports the decorated function, long-polls, executes the
    task and reports it through update-v2; stopping is prompt."""
    assert sdk_workers.greet.__module__ == sdk_workers.__name__
    conductor.enqueue(
        {"taskId": "t-1", "workflowInstanceId": "wf-1", "taskType": TASK_TYPE, "inputData": {"name": "World"}}
    )
    handler = TaskHandler(
        workers=greet_worker(),
        configuration=Configuration(server_api_url=conductor.api_url),
        scan_for_annotated_workers=False,
    )
    with handler:
        handler.start_processes()
        conductor.wait_for(lambda: len(conductor.updates) == 1)
        # The idle worker is now holding a long poll.
        conductor.wait_for(lambda: len(conductor.polls) >= 2)
        assert handler.is_healthy()
        started_stop = time.monotonic()
    # SIGTERM ends the idle worker by itself (exit code 0): no kill was needed.
    assert [process.exitcode for process in handler.task_runner_processes] == [0]
    assert time.monotonic() - started_stop < 5.5

    (update,) = conductor.updates
    assert update["taskId"] == "t-1" and update["workflowInstanceId"] == "wf-1"
    assert update["status"] == "COMPLETED"
    assert update["outputData"] == {"result": "Hello, World"}
    (log,) = update["logs"]
    child_pid = int(log["log"].rsplit(" ", 1)[1])
    assert child_pid != os.getpid()
    first_poll = conductor.polls[0]
    assert first_poll["count"] == ["1"] and first_poll["timeout"] == ["2000"]


def test_start_then_stop_at_once() -> None:
    """The seed example starts workers and stops them straight away; that must be quick and clean
    even when no server is listening."""
    handler = TaskHandler(
        workers=[],
        configuration=Configuration(server_api_url="http://127.0.0.1:9/api"),
        scan_for_annotated_workers=True,
        import_modules=[sdk_workers.__name__],
    )
    assert TASK_TYPE in [w.get_task_definition_name() for w in handler.workers]
    started = time.monotonic()
    handler.start_processes()
    handler.stop_processes()
    assert time.monotonic() - started < 6.0
    assert not any(process.is_alive() for process in handler.task_runner_processes)
    handler.stop_processes()  # idempotent


def test_thread_isolation(conductor: FakeConductor, monkeypatch: pytest.MonkeyPatch) -> None:
    """CONDUCTOR_WORKER_ISOLATION=thread runs the worker inside this process."""
    monkeypatch.setenv("CONDUCTOR_WORKER_ISOLATION", "thread")
    conductor.enqueue(
        {"taskId": "t-2", "workflowInstanceId": "wf-2", "taskType": TASK_TYPE, "inputData": {"name": "T"}}
    )
    handler = TaskHandler(
        workers=greet_worker(),
        configuration=Configuration(server_api_url=conductor.api_url),
        scan_for_annotated_workers=False,
        monitor_processes=False,
    )
    with handler:
        handler.start_processes()
        conductor.wait_for(lambda: len(conductor.updates) == 1)
    assert handler.task_runner_processes == []
    log = conductor.updates[0]["logs"][0]["log"]
    assert int(log.rsplit(" ", 1)[1]) == os.getpid()


def test_dead_worker_process_is_restarted(conductor: FakeConductor) -> None:
    handler = TaskHandler(
        workers=greet_worker(),
        configuration=Configuration(server_api_url=conductor.api_url),
        scan_for_annotated_workers=False,
        monitor_interval_seconds=0.05,
    )
    with handler:
        handler.start_processes()
        conductor.wait_for(lambda: len(conductor.polls) >= 1)
        (first,) = handler.task_runner_processes
        first.kill()
        first.join(10)
        conductor.wait_for(lambda: handler.get_worker_process_status()[0]["restart_count"] == 1, timeout=30)
        (second,) = handler.task_runner_processes
        assert second is not first
        conductor.enqueue(
            {
                "taskId": "t-3",
                "workflowInstanceId": "wf-3",
                "taskType": TASK_TYPE,
                "inputData": {"name": "Again"},
            }
        )
        conductor.wait_for(lambda: len(conductor.updates) == 1)
    assert conductor.updates[0]["outputData"] == {"result": "Hello, Again"}
