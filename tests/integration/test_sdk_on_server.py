"""Our SDK's TaskHandler (real worker processes) against a real server process."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from tests.integration.conftest import LiveServer

from conductor.client.automator.task_handler import TaskHandler
from conductor.client.configuration.configuration import Configuration
from helpers import wait_until

pytestmark = pytest.mark.slow

# The SDK's long-poll timeout when a worker sets none (task_runner.DEFAULT_LONG_POLL_TIMEOUT_MS).
LONG_POLL_S = 2.0
COUNTS_PER_IDLE_POLL = 1


def wait_workflow(api: httpx.Client, workflow_id: str, within: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        wf: dict[str, Any] = api.get(f"/workflow/{workflow_id}").json()
        if wf["status"] not in ("RUNNING", "PAUSED") or time.monotonic() > deadline:
            return wf
        time.sleep(0.05)


def register(api: httpx.Client) -> None:
    defs = [
        {"name": "it_greetings", "retryCount": 0, "responseTimeoutSeconds": 10},
        {"name": "it_process_order", "retryCount": 0, "responseTimeoutSeconds": 10},
        {"name": "it_flaky", "retryCount": 2, "retryDelaySeconds": 0, "responseTimeoutSeconds": 10},
        {"name": "it_fatal", "retryCount": 3, "retryDelaySeconds": 0, "responseTimeoutSeconds": 10},
        {"name": "it_slow", "retryCount": 0, "responseTimeoutSeconds": 10},
    ]
    assert api.post("/metadata/taskdefs", json=defs).status_code == 200
    workflows = [
        {
            "name": "it_seed",
            "tasks": [
                {
                    "name": "it_greetings",
                    "taskReferenceName": "greet",
                    "inputParameters": {"name": "${workflow.input.name}"},
                },
                {
                    "name": "it_process_order",
                    "taskReferenceName": "order",
                    "inputParameters": {"order_info": "${workflow.input.order}"},
                },
            ],
            "outputParameters": {"greeting": "${greet.output.result}", "order": "${order.output.result}"},
        },
        {
            "name": "it_flaky_wf",
            "tasks": [
                {
                    "name": "it_flaky",
                    "taskReferenceName": "f",
                    "inputParameters": {"attempts_before_success": "${workflow.input.n}"},
                }
            ],
        },
        {"name": "it_fatal_wf", "tasks": [{"name": "it_fatal", "taskReferenceName": "x"}]},
        {
            "name": "it_slow_wf",
            "tasks": [{"name": "it_slow", "taskReferenceName": "s", "inputParameters": {"rounds": 2}}],
        },
    ]
    for wf in workflows:
        assert api.post("/metadata/workflow", params={"overwrite": "true"}, json=wf).status_code == 200


def test_task_handler_runs_seed_workers_and_outcomes(live_server: LiveServer, worker_module: str) -> None:
    api = live_server.api
    register(api)
    handler = TaskHandler(
        workers=[],
        configuration=Configuration(server_api_url=live_server.url),
        scan_for_annotated_workers=True,
        import_modules=[worker_module],
    )
    handler.start_processes()
    try:
        order = {"order_id": 7, "sku": "abc", "quantity": 3, "sku_price": 2}  # int for a float field: lenient
        seed = api.post("/workflow/it_seed", json={"name": "World", "order": order}).text
        flaky = api.post("/workflow/it_flaky_wf", json={"n": 2}).text
        fatal = api.post("/workflow/it_fatal_wf", json={}).text
        slow = api.post("/workflow/it_slow_wf", json={}).text

        wf = wait_workflow(api, seed)
        assert wf["status"] == "COMPLETED", wf.get("reasonForIncompletion")
        assert wf["output"] == {"greeting": "Hello, World", "order": "order: 7 total 6.0"}

        wf = wait_workflow(api, flaky)
        assert wf["status"] == "COMPLETED"
        attempts = [(t["status"], t["retryCount"], t.get("reasonForIncompletion")) for t in wf["tasks"]]
        assert attempts == [
            ("FAILED", 0, "boom on attempt 0"),
            ("FAILED", 1, "boom on attempt 1"),
            ("COMPLETED", 2, None),
        ]
        assert wf["tasks"][-1]["outputData"] == {"attempt": 2}

        wf = wait_workflow(api, fatal)
        assert wf["status"] == "FAILED"
        assert [t["status"] for t in wf["tasks"]] == ["FAILED_WITH_TERMINAL_ERROR"]  # never retried
        assert wf["tasks"][0]["reasonForIncompletion"] == "no retry please"

        wf = wait_workflow(api, slow)
        assert wf["status"] == "COMPLETED"
        task = wf["tasks"][0]
        assert task["pollCount"] == 2
        assert task["outputData"] == {"done_after_polls": 2}
    finally:
        handler.stop_processes()


def test_idle_worker_costs_about_one_request_per_poll_timeout(
    live_server: LiveServer, worker_module: str
) -> None:
    """An idle long-polling worker of our SDK makes about one poll per long-poll timeout."""
    api = live_server.api
    handler = TaskHandler(
        workers=[],
        configuration=Configuration(server_api_url=live_server.url),
        scan_for_annotated_workers=True,
        import_modules=[worker_module],
    )
    handler.start_processes()
    try:

        def last_poll() -> int:
            data = api.get("/tasks/queue/polldata", params={"taskType": "it_greetings"}).json()
            return int(data[0]["lastPollTime"]) if data else 0

        wait_until(last_poll, 20, "the worker's first poll")
        # A bound that a busy machine cannot break: slowness only makes polls rarer, so the
        # count is compared with the most an honest long-poller could send in the window as it
        # actually lasted (measured around the two counter reads, which stretch under load).
        # A worker that did not long-poll would send one poll per 0.1 s pacing interval: over
        # 20 in 3 s, still over 10 at half speed.
        from tests.integration.poll_counter import count_polls

        began = time.monotonic()
        polls = count_polls(live_server, "it_greetings", seconds=3.0)
        window = time.monotonic() - began
        long_polls = int(window / LONG_POLL_S) + 1  # most long polls that can overlap the window
        # A long poll counts once in task_poll, however often it looks (services/tasks.py).
        most = long_polls * COUNTS_PER_IDLE_POLL + 1
        assert 0 < polls <= most, f"idle worker sent {polls} polls in {window:.1f} s (at most {most})"
    finally:
        handler.stop_processes()


def test_back_to_back_workflows_never_stall(live_server: LiveServer, worker_module: str) -> None:
    """Each workflow starts right after the previous one ended: a poll answered "empty" from
    memory must never hide the new task (a stale empty mark stalled such runs until a timeout)."""
    api = live_server.api
    register(api)
    handler = TaskHandler(
        workers=[],
        configuration=Configuration(server_api_url=live_server.url),
        scan_for_annotated_workers=True,
        import_modules=[worker_module],
    )
    handler.start_processes()
    try:
        slow = []
        for i in range(60):
            started = time.monotonic()
            run = api.post(
                "/workflow/execute/it_seed/1",
                params={"waitForSeconds": 10},
                json={
                    "input": {
                        "name": f"n{i}",
                        "order": {"order_id": i, "sku": "s", "quantity": 1, "sku_price": 1.0},
                    }
                },
            ).json()
            if run["status"] != "COMPLETED" or time.monotonic() - started > 3:
                slow.append((i, run["status"], round(time.monotonic() - started, 2)))
        assert slow == []
    finally:
        handler.stop_processes()
