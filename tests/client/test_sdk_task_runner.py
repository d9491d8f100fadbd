"""TaskRunner against an in-memory server: long polls, update-v2 chaining, fallbacks, back-off."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from conductor.client.automator import task_runner as task_runner_module
from conductor.client.automator.task_runner import DEFAULT_LONG_POLL_TIMEOUT_MS, TaskRunner
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models import TaskDef
from conductor.client.worker.worker import Worker

from .mock_server import BASE, MockServer, error_response, json_response, no_content, text_response

TASK_TYPE = "probe"


def task_json(task_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "taskId": task_id,
        "workflowInstanceId": "wf-1",
        "taskType": TASK_TYPE,
        "taskDefName": TASK_TYPE,
        "status": "IN_PROGRESS",
        "inputData": {"name": task_id},
        **extra,
    }


class LongPoll:
    """A batch-poll responder that hands out queued task lists, else holds the request for
    the requested timeout like a long-polling server (released early when the test ends)."""

    def __init__(self, *batches: list[dict[str, Any]]) -> None:
        self.batches = list(batches)
        self.released = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            batch = self.batches.pop(0) if self.batches else None
        if batch is not None:
            return json_response(batch)
        self.released.wait(int(request.url.params["timeout"]) / 1000)
        return json_response([])


def greet(name: str, other: int = 0) -> dict[str, Any]:
    return {"hello": name}


def make_runner(
    server: MockServer, function: Callable[..., Any] = greet, **worker_options: Any
) -> TaskRunner:
    worker = Worker(TASK_TYPE, function, worker_id="w-1", **worker_options)
    return TaskRunner(worker, Configuration(server_api_url=BASE), api_client=server.api_client())


@contextmanager
def running(runner: TaskRunner, *releases: threading.Event) -> Iterator[TaskRunner]:
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    try:
        yield runner
    finally:
        runner.stop()
        for event in releases:
            event.set()
        thread.join(10)
        assert not thread.is_alive(), "runner did not stop"


def polls(server: MockServer) -> list[httpx.Request]:
    return server.calls("GET", f"/tasks/poll/batch/{TASK_TYPE}")


def kinds(server: MockServer) -> list[str]:
    names = {f"/api/tasks/poll/batch/{TASK_TYPE}": "poll", "/api/tasks/update-v2": "v2", "/api/tasks": "v1"}
    return [names.get(r.url.path, r.url.path) for r in server.requests]


def sent(request: httpx.Request) -> Any:
    return json.loads(request.content)


def test_long_poll_parameters() -> None:
    """The poll asks for every free slot and lets the server hold it (default 2000 ms)."""
    long_poll = LongPoll()
    server = MockServer().on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
    with running(make_runner(server, thread_count=4, domain="blue"), long_poll.released):
        server.wait_for(lambda: len(polls(server)) >= 1)
    request = polls(server)[0]
    assert list(request.url.params.multi_items()) == [
        ("workerid", "w-1"),
        ("domain", "blue"),
        ("count", "4"),
        ("timeout", str(DEFAULT_LONG_POLL_TIMEOUT_MS)),
    ]


@pytest.mark.parametrize(("poll_timeout", "expected"), [(100, 2000), (3000, 3000), (9000, 5000), (0, 0)])
def test_long_poll_timeout_setting(poll_timeout: int, expected: int) -> None:
    runner = make_runner(MockServer(), poll_timeout=poll_timeout)
    assert runner.long_poll_timeout_ms == expected


def test_task_returned_by_update_v2_runs_without_a_poll() -> None:
    long_poll = LongPoll([task_json("t-1")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on(
            "POST",
            "/tasks/update-v2",
            json_response(task_json("t-2")),
            json_response(task_json("t-3")),
            no_content(),
        )
    )
    with running(make_runner(server), long_poll.released):
        server.wait_for(lambda: len(polls(server)) >= 2)
    assert kinds(server)[:5] == ["poll", "v2", "v2", "v2", "poll"]
    updates = [sent(r) for r in server.calls("POST", "/tasks/update-v2")]
    assert [u["taskId"] for u in updates] == ["t-1", "t-2", "t-3"]
    assert updates[1] == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-2",
        "workerId": "w-1",
        "status": "COMPLETED",
        "outputData": {"hello": "t-2"},
        "extendLease": False,
    }


def test_update_v2_404_falls_back_to_post_tasks_for_good() -> None:
    long_poll = LongPoll([task_json("t-1")], [task_json("t-2")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks/update-v2", error_response(404, "No static resource api/tasks/update-v2."))
        .on("POST", "/tasks", text_response("t-1"), text_response("t-2"))
    )
    with running(make_runner(server), long_poll.released):
        server.wait_for(lambda: len(server.calls("POST", "/tasks")) >= 2)
    assert kinds(server)[:5] == ["poll", "v2", "v1", "poll", "v1"]
    assert [sent(r)["taskId"] for r in server.calls("POST", "/tasks")] == ["t-1", "t-2"]


def test_update_v2_405_also_falls_back() -> None:
    long_poll = LongPoll([task_json("t-1")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks/update-v2", error_response(405, "Method not allowed"))
        .on("POST", "/tasks", text_response("t-1"))
    )
    with running(make_runner(server), long_poll.released):
        server.wait_for(lambda: len(server.calls("POST", "/tasks")) == 1)


def test_empty_long_poll_is_repeated_at_once_but_errors_back_off() -> None:
    """No pause after an empty long poll; a pause of about poll_interval after an error."""
    times: list[float] = []
    answers = iter(["empty", "error", "empty", "empty"])

    def respond(request: httpx.Request) -> httpx.Response:
        times.append(time.monotonic())
        answer = next(answers, "hold")
        if answer == "error":
            return error_response(500, "database unavailable")
        if answer == "hold":
            long_poll.released.wait(5)
        else:
            time.sleep(int(request.url.params["timeout"]) / 1000)  # a server holding an empty poll
        return json_response([])

    long_poll = LongPoll()
    server = MockServer().on("GET", f"/tasks/poll/batch/{TASK_TYPE}", respond)
    with running(make_runner(server, poll_interval=300, poll_timeout=150), long_poll.released):
        server.wait_for(lambda: len(times) >= 5)
    gap_after_empty = times[1] - times[0] - 0.150
    gap_after_error = times[2] - times[1]
    assert gap_after_empty < 0.1
    assert gap_after_error >= 0.25  # 300 ms minus jitter


def test_server_without_long_poll_is_paced_by_poll_interval() -> None:
    """Empty answers that come back long before the timeout must not make the runner spin."""
    times: list[float] = []

    def immediate(request: httpx.Request) -> httpx.Response:
        times.append(time.monotonic())
        return json_response([])

    server = MockServer().on("GET", f"/tasks/poll/batch/{TASK_TYPE}", immediate)
    with running(make_runner(server, poll_interval=200)):
        server.wait_for(lambda: len(times) >= 3)
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= 0.18


def test_all_slots_are_kept_busy() -> None:
    """With thread_count=3 the runner polls for 3, then for exactly the slots that free up."""
    gate = threading.Event()
    started: list[str] = []

    def slow(name: str, other: int = 0) -> dict[str, Any]:
        started.append(name)
        if name != "t-4":
            gate.wait(10)
        return {"done": name}

    long_poll = LongPoll([task_json("t-1"), task_json("t-2"), task_json("t-3")], [task_json("t-4")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks/update-v2", no_content())
    )
    with running(make_runner(server, slow, thread_count=3), long_poll.released, gate):
        server.wait_for(lambda: len(started) == 3)
        assert len(polls(server)) == 1  # every slot busy: no poll
        gate.set()
        server.wait_for(lambda: len(server.calls("POST", "/tasks/update-v2")) == 4)
    counts = [int(r.url.params["count"]) for r in polls(server)]
    assert counts[0] == 3
    assert sorted(started) == ["t-1", "t-2", "t-3", "t-4"]


def test_transient_update_failure_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(task_runner_module, "UPDATE_RETRY_DELAYS_SECONDS", (0.05, 0.05))
    long_poll = LongPoll([task_json("t-1")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks/update-v2", error_response(503, "busy"), no_content())
    )
    with running(make_runner(server), long_poll.released):
        server.wait_for(lambda: len(server.calls("POST", "/tasks/update-v2")) == 2)
    assert [sent(r)["taskId"] for r in server.calls("POST", "/tasks/update-v2")] == ["t-1", "t-1"]


def test_rejected_update_is_not_retried() -> None:
    long_poll = LongPoll([task_json("t-1")], [task_json("t-2")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks/update-v2", error_response(400, "Validation failed"), no_content())
    )
    with running(make_runner(server), long_poll.released):
        server.wait_for(lambda: len(server.calls("POST", "/tasks/update-v2")) == 2)
    assert [sent(r)["taskId"] for r in server.calls("POST", "/tasks/update-v2")] == ["t-1", "t-2"]


def test_lease_extension_heartbeats() -> None:
    """A long task of a lease-extending worker is heartbeated every 0.8 x responseTimeoutSeconds."""
    done = threading.Event()

    def long_task(name: str, other: int = 0) -> dict[str, Any]:
        done.wait(10)
        return {}

    long_poll = LongPoll([task_json("t-1", responseTimeoutSeconds=0.25)])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks", text_response("t-1"))
        .on("POST", "/tasks/update-v2", no_content())
    )
    with running(make_runner(server, long_task, lease_extend_enabled=True), long_poll.released, done):
        server.wait_for(lambda: len(server.calls("POST", "/tasks")) >= 2)
        done.set()
        server.wait_for(lambda: len(server.calls("POST", "/tasks/update-v2")) == 1)
    heartbeat = sent(server.calls("POST", "/tasks")[0])
    assert heartbeat == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-1",
        "status": "IN_PROGRESS",
        "extendLease": True,
    }


def test_stopping_hands_back_a_task_it_will_not_run() -> None:
    gate = threading.Event()
    started = threading.Event()

    def blocking(name: str, other: int = 0) -> dict[str, Any]:
        started.set()
        gate.wait(10)
        return {}

    long_poll = LongPoll([task_json("t-1")])
    server = (
        MockServer()
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
        .on("POST", "/tasks/update-v2", json_response(task_json("t-2")))
        .on("POST", "/tasks", text_response("t-2"))
    )
    runner = make_runner(server, blocking)
    with running(runner, long_poll.released):
        assert started.wait(10)
        runner.stop()
        gate.set()
        server.wait_for(lambda: len(server.calls("POST", "/tasks")) == 1)
    assert sent(server.calls("POST", "/tasks")[0]) == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-2",
        "callbackAfterSeconds": 0,
        "workerId": "w-1",
        "status": "IN_PROGRESS",
        "extendLease": False,
    }


def test_register_task_def_puts_then_posts() -> None:
    """PUT /metadata/taskdefs first; the server's 404 for a new task means POST a list."""
    long_poll = LongPoll()
    server = (
        MockServer()
        .on("PUT", "/metadata/taskdefs", error_response(404, "No such task by name probe"))
        .on("POST", "/metadata/taskdefs", httpx.Response(200))
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
    )
    template = TaskDef(name="ignored", retry_count=1, response_timeout_seconds=30)
    runner = make_runner(server, register_task_def=True, task_def_template=template)
    with running(runner, long_poll.released):
        server.wait_for(lambda: len(polls(server)) >= 1)
    assert kinds(server)[:3] == ["/api/metadata/taskdefs", "/api/metadata/taskdefs", "poll"]
    expected = {"name": TASK_TYPE, "retryCount": 1, "responseTimeoutSeconds": 30, "enforceSchema": False}
    assert sent(server.calls("PUT", "/metadata/taskdefs")[0]) == expected
    assert sent(server.calls("POST", "/metadata/taskdefs")[0]) == [expected]
    assert template.name == "ignored"  # the template itself is not modified


@pytest.mark.parametrize(("exists", "posted"), [(True, 0), (False, 1)])
def test_register_task_def_without_overwrite(exists: bool, posted: int) -> None:
    long_poll = LongPoll()
    answer = json_response({"name": TASK_TYPE}) if exists else error_response(404, "No such taskType")
    server = (
        MockServer()
        .on("GET", f"/metadata/taskdefs/{TASK_TYPE}", answer)
        .on("POST", "/metadata/taskdefs", httpx.Response(200))
        .on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
    )
    with running(make_runner(server, register_task_def=True, overwrite_task_def=False), long_poll.released):
        server.wait_for(lambda: len(polls(server)) >= 1)
    assert len(server.calls("PUT", "/metadata/taskdefs")) == 0
    assert len(server.calls("POST", "/metadata/taskdefs")) == posted
    if posted:
        assert sent(server.calls("POST", "/metadata/taskdefs")[0]) == [
            {"name": TASK_TYPE, "enforceSchema": False}
        ]


def test_environment_overrides_apply_to_the_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONDUCTOR_WORKER_PROBE_DOMAIN", "env-domain")
    monkeypatch.setenv("CONDUCTOR_WORKER_ALL_THREAD_COUNT", "5")
    long_poll = LongPoll()
    server = MockServer().on("GET", f"/tasks/poll/batch/{TASK_TYPE}", long_poll)
    with running(make_runner(server), long_poll.released):
        server.wait_for(lambda: len(polls(server)) >= 1)
    params = dict(polls(server)[0].url.params)
    assert (params["domain"], params["count"]) == ("env-domain", "5")
