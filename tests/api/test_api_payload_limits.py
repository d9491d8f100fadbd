"""Payload size limits (Conductor's conductor.app.*PayloadSizeThreshold): a task whose input or
output is above its maximum fails terminally with Conductor's reason and an emptied payload; a
workflow start with a too-large input is a 400; a too-large workflow output fails the workflow."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from apihelpers import assert_error

from conductor.server.config import Settings
from driver import Driver

KB = 1024
# Small limits so the tests move kilobytes, not megabytes (same code paths).
LIMITS = Settings(
    task_input_payload_threshold_kb=8,
    max_task_input_payload_threshold_kb=16,
    task_output_payload_threshold_kb=8,
    max_task_output_payload_threshold_kb=16,
    workflow_input_payload_threshold_kb=16,
    max_workflow_input_payload_threshold_kb=32,
    workflow_output_payload_threshold_kb=8,
    max_workflow_output_payload_threshold_kb=16,
)


@pytest.fixture
async def limited(tmp_path: Path) -> AsyncIterator[Driver]:
    from dataclasses import replace

    from conductor.server.api.app import create_app
    from conductor.server.bootstrap import build

    components = build(replace(LIMITS, db_url=f"sqlite:///{tmp_path / 'conductor.db'}"))
    app = create_app(components.services)
    await components.startup()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1/api", timeout=30) as api:
            yield Driver(api)
    finally:
        await components.shutdown()


def blob(kb: int) -> str:
    return "x" * (kb * KB)


def conductor_reason(task: dict[str, Any], limit_kb: int) -> str:
    return (
        f"of task: {task['taskId']} in workflow: {task['workflowInstanceId']}  "
        f"is greater than the permissible limit: {limit_kb * KB} bytes"
    )


async def test_worker_output_above_the_maximum_fails_the_task_terminally(limited: Driver) -> None:
    task_type = await limited.taskdef(retryCount=3)
    workflow_id = await limited.start(await limited.simple_workflow(task_type))
    task = await limited.poll(task_type)

    await limited.complete_task(task, {"big": blob(20)})

    workflow = await limited.until(workflow_id, "FAILED")
    [stored] = workflow["tasks"]  # terminal: no retry despite retryCount 3
    assert stored["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert stored["reasonForIncompletion"].startswith("The payload size: ")
    assert conductor_reason(task, 16) in stored["reasonForIncompletion"]
    assert stored["outputData"] == {}


async def test_worker_output_between_threshold_and_maximum_is_kept(limited: Driver) -> None:
    task_type = await limited.taskdef()
    workflow_id = await limited.start(await limited.simple_workflow(task_type))
    task = await limited.poll(task_type)
    await limited.complete_task(task, {"medium": blob(10)})  # above the 8 KB warning, below 16 KB
    workflow = await limited.until(workflow_id, "COMPLETED")
    assert len(workflow["tasks"][0]["outputData"]["medium"]) == 10 * KB


async def test_workflow_start_with_too_large_input_is_a_400(limited: Driver) -> None:
    name = await limited.simple_workflow(await limited.taskdef())
    response = await limited.api.post("/workflow", json={"name": name, "input": {"big": blob(40)}})
    body = assert_error(response, 400, contains="is greater than the permissible limit: 32768 bytes")
    assert body["message"].startswith("The payload size: ")
    response = await limited.api.post(f"/workflow/{name}", json={"big": blob(40)})
    assert_error(response, 400, contains="permissible limit")
    search = await limited.api.get("/workflow/search", params={"query": f"workflowType IN ({name})"})
    assert search.json()["totalHits"] == 0  # nothing was created


async def test_task_input_above_the_maximum_fails_before_it_is_polled(limited: Driver) -> None:
    task_type = await limited.taskdef()
    name = await limited.define(
        [
            {
                "name": task_type,
                "taskReferenceName": "t",
                "type": "SIMPLE",
                "inputParameters": {"copy": "${workflow.input.data}"},
            }
        ]
    )
    # 24 KB fits the workflow input (32 KB) but not a task input (16 KB).
    workflow_id = await limited.start(name, {"data": blob(24)})
    workflow = await limited.until(workflow_id, "FAILED")
    [task] = workflow["tasks"]
    assert task["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert conductor_reason(task, 16) in task["reasonForIncompletion"]
    assert task["inputData"] == {}
    assert await limited.poll_once(task_type) is None  # never handed to a worker


async def test_system_task_output_above_the_maximum_fails_the_task(limited: Driver) -> None:
    name = await limited.define(
        [
            {
                "name": "grow",
                "taskReferenceName": "grow",
                "type": "INLINE",
                "inputParameters": {
                    "evaluatorType": "graaljs",
                    "expression": "'x'.repeat(20 * 1024)",
                },
            }
        ]
    )
    workflow = await limited.until(await limited.start(name), "FAILED")
    [task] = workflow["tasks"]
    assert task["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert conductor_reason(task, 16) in task["reasonForIncompletion"]
    assert task["outputData"] == {}


async def test_jq_output_is_capped_inside_the_worker(limited: Driver) -> None:
    name = await limited.define(
        [
            {
                "name": "jq",
                "taskReferenceName": "jq",
                "type": "JSON_JQ_TRANSFORM",
                "inputParameters": {"queryExpression": "[range(100000)]"},
            }
        ]
    )
    workflow = await limited.until(await limited.start(name), "FAILED")
    [task] = workflow["tasks"]
    assert "jq output is larger than the limit of 16384 bytes" in task["reasonForIncompletion"]


async def test_workflow_output_above_the_maximum_fails_the_workflow(limited: Driver) -> None:
    task_type = await limited.taskdef()
    name = await limited.define(
        [{"name": task_type, "taskReferenceName": "a", "type": "SIMPLE"}],
        outputParameters={"one": "${a.output.part}", "two": "${a.output.part}"},
    )
    workflow_id = await limited.start(name)
    task = await limited.poll(task_type)
    await limited.complete_task(task, {"part": blob(12)})  # fits a task, twice it does not fit the workflow
    workflow = await limited.until(workflow_id, "FAILED")
    assert workflow["tasks"][0]["status"] == "COMPLETED"
    assert workflow["reasonForIncompletion"].startswith("The payload size: ")
    assert (
        f"of workflow: {workflow_id} is greater than the permissible limit: 16384 bytes"
        in (workflow["reasonForIncompletion"])
    )
    assert workflow["output"] == {}


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from conductor.server.bootstrap import payload_limits

    monkeypatch.setenv("PYCONDUCTOR_MAX_TASK_OUTPUT_PAYLOAD_SIZE_THRESHOLD_KB", "100")
    monkeypatch.setenv("PYCONDUCTOR_WORKFLOW_INPUT_PAYLOAD_SIZE_THRESHOLD_KB", "7")
    limits = payload_limits(Settings.from_env())
    assert limits.task_output_max == 100 * KB
    assert limits.workflow_input_warn == 7 * KB
    assert limits.task_input_max == 10240 * KB  # Conductor's default


async def test_rerun_with_too_large_task_input_fails_the_task(limited: Driver) -> None:
    task_type = await limited.taskdef()
    workflow_id = await limited.start(await limited.simple_workflow(task_type))
    task = await limited.poll(task_type)
    await limited.complete_task(task, {"n": 1})
    await limited.until(workflow_id, "COMPLETED")
    response = await limited.api.post(
        f"/workflow/{workflow_id}/rerun",
        json={"reRunFromTaskId": task["taskId"], "taskInput": {"big": blob(20)}},
    )
    assert response.status_code == 200, response.text
    workflow = await limited.until(workflow_id, "FAILED")
    rerun = workflow["tasks"][-1]
    assert rerun["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "is greater than the permissible limit: 16384 bytes" in rerun["reasonForIncompletion"]
    assert rerun["inputData"] == {}


async def test_failure_workflow_runs_when_the_failed_run_is_too_large_to_pass_whole(
    limited: Driver,
) -> None:
    handler = await limited.simple_workflow(await limited.taskdef())
    task_type = await limited.taskdef()
    name = await limited.simple_workflow(task_type, failureWorkflow=handler)
    # 20 KB fits a workflow input (32 KB); the input plus the whole failed run does not.
    workflow_id = await limited.start(name, {"data": blob(20)})
    await limited.fail_task(await limited.poll(task_type), terminal=True)

    async def failure_id() -> str | None:
        value = (await limited.get(workflow_id))["output"].get("conductor.failure_workflow")
        return str(value) if value else None

    child_id = await limited.eventually(failure_id, 10, message="failure workflow recorded")
    child = await limited.get(child_id)
    assert child["status"] == "RUNNING", child_id
    assert child["input"]["workflowId"] == workflow_id
    assert child["input"]["data"] == blob(20)
    summary = child["input"]["failedWorkflow"]
    assert summary["workflowId"] == workflow_id and summary["status"] == "FAILED"
    assert summary["input"] == {} and summary["tasks"] == []


async def test_a_loop_output_growing_past_the_maximum_fails_the_loop_with_its_exact_size(
    limited: Driver,
) -> None:
    """A DO_WHILE's output holds every iteration; it is measured from JSON built one entry at a
    time (domain/encoded_payloads.py), which must give the size a full encoding gives."""
    import json

    body = {
        "name": "grow",
        "taskReferenceName": "grow",
        "type": "INLINE",
        "inputParameters": {"evaluatorType": "graaljs", "expression": "'x'.repeat(3 * 1024)"},
    }
    loop = {
        "name": "loop",
        "taskReferenceName": "loop",
        "type": "DO_WHILE",
        "loopCondition": "true",
        "loopOver": [body],
    }
    workflow = await limited.until(await limited.start(await limited.define([loop])), "FAILED")
    task = next(t for t in workflow["tasks"] if t["referenceTaskName"] == "loop")
    assert task["status"] == "FAILED_WITH_TERMINAL_ERROR"
    # The first output above 16 KB: one entry per finished iteration, and `iteration` already
    # counting the next one (the loop carries on).
    entry = {"grow": {"result": "x" * 3 * 1024}}
    n = 1
    while True:
        output = {"iteration": n + 1, **{str(i): entry for i in range(1, n + 1)}}
        size = len(json.dumps(output, separators=(",", ":")))
        if size > 16 * KB:
            break
        n += 1
    assert f"The payload size: {size} {conductor_reason(task, 16)}" in task["reasonForIncompletion"]
    assert task["iteration"] == n + 1
