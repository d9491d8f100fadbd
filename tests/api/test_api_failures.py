"""Failure handling end to end over HTTP: retries, optional tasks, failureWorkflow, and the sweeper
timing out a vanished worker with no client traffic at all (docs/engine.md §4)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from conductor.server.clock import FakeClock
from driver import Driver


def statuses(wf: dict[str, Any]) -> list[tuple[str, str]]:
    return [(t["referenceTaskName"], t["status"]) for t in wf["tasks"]]


async def test_failed_task_is_retried_then_fails_the_workflow(conductor: Driver) -> None:
    t = await conductor.taskdef(retryCount=1, retryDelaySeconds=0)
    wid = await conductor.start(await conductor.simple_workflow(t))

    first = await conductor.poll(t)
    await conductor.fail_task(first, "attempt 1")
    second = await conductor.poll(t)
    assert second["retryCount"] == 1
    assert second["retriedTaskId"] == first["taskId"]
    await conductor.fail_task(second, "attempt 2")

    wf = await conductor.until(wid, "FAILED")
    assert statuses(wf) == [(t, "FAILED"), (t, "FAILED")]
    assert (
        wf["reasonForIncompletion"]
        == f"Task {second['taskId']} failed with status: FAILED and reason: 'attempt 2'"
    )
    assert wf["failedReferenceTaskNames"] == [t]
    assert wf["failedTaskNames"] == [t]


async def test_terminal_error_skips_the_retries(conductor: Driver) -> None:
    t = await conductor.taskdef(retryCount=3, retryDelaySeconds=0)
    wid = await conductor.start(await conductor.simple_workflow(t))
    await conductor.fail_task(await conductor.poll(t), "fatal", terminal=True)
    wf = await conductor.until(wid, "FAILED")
    assert statuses(wf) == [(t, "FAILED_WITH_TERMINAL_ERROR")]


async def test_retry_delay_postpones_the_next_attempt(conductor: Driver, clock: FakeClock) -> None:
    t = await conductor.taskdef(retryCount=1, retryDelaySeconds=1)
    wid = await conductor.start(await conductor.simple_workflow(t))
    await conductor.fail_task(await conductor.poll(t))

    wf = await conductor.get(wid)
    assert wf["tasks"][1]["callbackAfterSeconds"] == 1
    assert await conductor.poll_once(t) is None
    clock.advance(0.9)
    assert await conductor.poll_once(t) is None  # 900 ms after the failure: still postponed
    clock.advance(0.1)
    retry = await conductor.poll(t, within=5)
    assert retry["retryCount"] == 1


async def test_optional_task_failure_lets_the_workflow_complete(conductor: Driver) -> None:
    opt, nxt = await conductor.taskdef(), await conductor.taskdef()
    name = await conductor.define(
        [
            {"name": opt, "taskReferenceName": "opt", "optional": True},
            {"name": nxt, "taskReferenceName": "next"},
        ]
    )
    wid = await conductor.start(name)
    await conductor.fail_task(await conductor.poll(opt), "not important")
    await conductor.complete_task(await conductor.poll(nxt), {"ok": True})

    wf = await conductor.until(wid, "COMPLETED")
    assert statuses(wf) == [("opt", "COMPLETED_WITH_ERRORS"), ("next", "COMPLETED")]
    assert wf["output"] == {"ok": True}


async def test_failure_workflow_is_started_with_the_documented_input(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    handler_task = await conductor.taskdef()
    handler = await conductor.simple_workflow(handler_task)
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t, failureWorkflow=handler)
    wid = await conductor.start(
        name, {"orderId": 17}, correlationId="corr-9", taskToDomain={"*": "NO_DOMAIN"}
    )
    failed_task = await conductor.poll(t)
    # Bounded: the update must answer even though it ends the workflow and starts another one.
    update = conductor.post_result(
        failed_task, "FAILED", reasonForIncompletion="card declined", outputData={"code": 402}
    )
    assert (await asyncio.wait_for(update, 5)).status_code == 200

    wf = await conductor.until(wid, "FAILED")
    failure_id = await conductor.eventually(
        lambda: _output_key(conductor, wid), 10, message="conductor.failure_workflow in the output"
    )
    handler_run = await conductor.get(failure_id)
    assert handler_run["workflowName"] == handler
    assert handler_run["status"] == "RUNNING"
    assert handler_run["correlationId"] == "corr-9"
    inp = handler_run["input"]
    assert inp["orderId"] == 17  # the failed workflow's input is copied
    assert inp["workflowId"] == wid
    assert inp["failureStatus"] == "FAILED"
    assert inp["reason"] == wf["reasonForIncompletion"]
    assert inp["failureTaskId"] == failed_task["taskId"]
    assert inp["failedWorkflow"]["workflowId"] == wid
    assert inp["failedWorkflow"]["tasks"][0]["outputData"] == {"code": 402}
    assert (await api.get(f"/workflow/running/{handler}")).json() == [failure_id]


async def _output_key(conductor: Driver, wid: str) -> str | None:
    return (await conductor.get(wid))["output"].get("conductor.failure_workflow")


async def _tasks_after_a_decide(server: Any, wid: str) -> list[Any]:
    """The workflow's tasks after the engine looked at it now (what the sweeper would do)."""
    wf = await server.components.runner.decide(wid)
    return list(wf.tasks)


async def test_sweeper_times_out_a_vanished_worker_and_retries_without_client_traffic(
    conductor: Driver, server: Any, eventually: Any, clock: FakeClock
) -> None:
    t = await conductor.taskdef(retryCount=1, retryDelaySeconds=0, responseTimeoutSeconds=1)
    wid = await conductor.start(await conductor.simple_workflow(t))
    lost = await conductor.poll(t)  # the worker takes the task and vanishes

    clock.advance(0.9)
    assert [x.status.value for x in await _tasks_after_a_decide(server, wid)] == ["IN_PROGRESS"]

    # From here on, no HTTP request at all: only the server's own sweeper can act.
    workflows = server.components.services.workflows

    async def retried() -> Any:
        wf = await workflows.get(wid)
        return wf if len(wf.tasks) == 2 else None

    clock.advance(0.2)
    wf = await eventually(retried, 10, message="the response timeout to fire")
    first, retry = wf.tasks
    assert first.status.value == "TIMED_OUT"
    assert first.reason_for_incompletion.startswith("responseTimeout: 1 exceeded")
    assert (retry.status.value, retry.retried_task_id, retry.retry_count) == ("SCHEDULED", lost["taskId"], 1)
    assert wf.status.value == "RUNNING"

    again = await conductor.poll(t)
    assert again["taskId"] == retry.task_id
    await conductor.complete_task(again)
    await conductor.until(wid, "COMPLETED")


async def test_sweeper_times_out_the_workflow_when_retries_are_exhausted(
    conductor: Driver, server: Any, eventually: Any, clock: FakeClock
) -> None:
    t = await conductor.taskdef(retryCount=0, responseTimeoutSeconds=1)
    wid = await conductor.start(await conductor.simple_workflow(t))
    await conductor.poll(t)
    workflows = server.components.services.workflows

    async def ended() -> Any:
        wf = await workflows.get(wid)
        return wf if wf.status.is_terminal else None

    clock.advance(1.1)
    wf = await eventually(ended, 10, message="the workflow to time out")
    assert wf.status.value == "TIMED_OUT"
    assert wf.tasks[0].status.value == "TIMED_OUT"


async def test_workflow_timeout_fires_from_the_sweeper(
    conductor: Driver, server: Any, eventually: Any, clock: FakeClock
) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t, timeoutSeconds=1, timeoutPolicy="TIME_OUT_WF")
    wid = await conductor.start(name)
    workflows = server.components.services.workflows

    clock.advance(0.9)
    assert [x.status.value for x in await _tasks_after_a_decide(server, wid)] == ["SCHEDULED"]

    async def ended() -> Any:
        wf = await workflows.get(wid)
        return wf if wf.status.is_terminal else None

    clock.advance(0.2)
    wf = await eventually(ended, 10, message="the workflow timeout")
    assert wf.status.value == "TIMED_OUT"
    assert wf.reason_for_incompletion.startswith("Workflow timed out after 1 seconds")
    assert wf.tasks[0].status.value == "CANCELED"
