"""/api/workflow lifecycle operations with Conductor's status codes (docs/api.md §2.2, §5.3, docs/engine.md §7)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from apihelpers import assert_empty, assert_error, assert_text, unique

from driver import Driver


@pytest.fixture
async def flow(conductor: Driver) -> tuple[str, str, str]:
    """(workflow name, task a, task b): a -> b, both worker tasks without retries."""
    a, b = await conductor.taskdef(), await conductor.taskdef()
    name = await conductor.define(
        [
            {"name": a, "taskReferenceName": "a", "inputParameters": {"in": "${workflow.input.v}"}},
            {"name": b, "taskReferenceName": "b"},
        ]
    )
    return name, a, b


async def run_to_failure(conductor: Driver, flow: tuple[str, str, str], **input: Any) -> str:
    """Start, complete `a`, fail `b`: the workflow ends FAILED."""
    name, a, b = flow
    wid = await conductor.start(name, input)
    await conductor.complete_task(await conductor.poll(a), {"a": 1})
    await conductor.fail_task(await conductor.poll(b), "b broke")
    await conductor.until(wid, "FAILED")
    return wid


def statuses(wf: dict[str, Any]) -> list[tuple[str, str]]:
    return [(t["referenceTaskName"], t["status"]) for t in wf["tasks"]]


# ---- terminate ------------------------------------------------------------------------------------


async def test_terminate_cancels_tasks_and_records_the_reason(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, _ = flow
    wid = await conductor.start(name)
    task = await conductor.poll(a)

    assert_empty(await api.delete(f"/workflow/{wid}", params={"reason": "no longer needed"}))

    wf = await conductor.get(wid)
    assert wf["status"] == "TERMINATED"
    assert wf["reasonForIncompletion"] == "no longer needed"
    assert wf["endTime"] > 0
    assert statuses(wf) == [("a", "CANCELED")]
    # A late result for a task of a terminated workflow is accepted and ignored.
    await conductor.complete_task(task)
    assert statuses(await conductor.get(wid)) == [("a", "CANCELED")]
    # Terminating again is a no-op.
    assert_empty(await api.delete(f"/workflow/{wid}"))


async def test_terminate_failed_becomes_terminated_and_completed_is_409(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    failed = await run_to_failure(conductor, flow)
    assert_empty(await api.delete(f"/workflow/{failed}"))
    assert (await conductor.get(failed))["status"] == "TERMINATED"

    name, a, b = flow
    wid = await conductor.start(name)
    await conductor.complete_task(await conductor.poll(a))
    await conductor.complete_task(await conductor.poll(b))
    await conductor.until(wid, "COMPLETED")
    assert_error(await api.delete(f"/workflow/{wid}"), 409, "Cannot terminate a COMPLETED workflow.")


async def test_terminate_unknown_is_404(api: httpx.AsyncClient) -> None:
    assert_error(await api.delete("/workflow/nope"), 404, "No such workflow found by id: nope")


# ---- pause / resume -------------------------------------------------------------------------------


async def test_pause_holds_scheduling_and_resume_continues(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, b = flow
    wid = await conductor.start(name)
    task = await conductor.poll(a)

    assert_empty(await api.put(f"/workflow/{wid}/pause", json={}))
    assert (await conductor.get(wid))["status"] == "PAUSED"
    assert_empty(await api.put(f"/workflow/{wid}/pause"))  # already paused: no-op

    # The running task may still report, but nothing new is scheduled while paused.
    await conductor.complete_task(task)
    wf = await conductor.get(wid)
    assert (wf["status"], statuses(wf)) == ("PAUSED", [("a", "COMPLETED")])
    assert await conductor.poll_once(b) is None

    assert_empty(await api.put(f"/workflow/{wid}/resume", json={}))
    wf = await conductor.get(wid)
    assert wf["status"] == "RUNNING"
    assert statuses(wf) == [("a", "COMPLETED"), ("b", "SCHEDULED")]
    assert (await conductor.poll(b))["referenceTaskName"] == "b"


async def test_resume_of_a_running_workflow_is_500_as_in_conductor(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    wid = await conductor.start(flow[0])
    r = await api.put(f"/workflow/{wid}/resume")
    assert_error(r, 500, f"The workflow {wid} is not PAUSED so cannot resume. Current status is RUNNING")


async def test_pause_of_a_terminal_workflow_is_409(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    wid = await run_to_failure(conductor, flow)
    r = await api.put(f"/workflow/{wid}/pause")
    assert_error(r, 409, contains="has ended, status cannot be updated.")
    assert_error(await api.put("/workflow/nope/pause"), 404, "No such workflow found by id: nope")
    assert_error(await api.put("/workflow/nope/resume"), 404, "No such workflow found by id: nope")


# ---- restart --------------------------------------------------------------------------------------


async def test_restart_runs_the_workflow_again_from_the_start(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    wid = await run_to_failure(conductor, flow, v="original")
    r = await api.post(f"/workflow/{wid}/restart", json={})
    assert_empty(r, 204)

    wf = await conductor.get(wid)
    assert wf["status"] == "RUNNING"
    assert wf.get("reasonForIncompletion") is None
    assert statuses(wf) == [("a", "SCHEDULED")]
    assert wf["tasks"][0]["inputData"] == {"in": "original"}
    assert wf["input"] == {"v": "original"}


async def test_restart_errors(api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]) -> None:
    name, a, b = flow
    running = await conductor.start(name)
    assert_error(await api.post(f"/workflow/{running}/restart"), 409, contains="is not in terminal state")
    assert_error(await api.post("/workflow/nope/restart"), 404, "No such workflow found by id: nope")

    t = await conductor.taskdef()
    once = await conductor.simple_workflow(t, restartable=False)
    wid = await conductor.start(once)
    await conductor.complete_task(await conductor.poll(t))
    await conductor.until(wid, "COMPLETED")
    assert_error(await api.post(f"/workflow/{wid}/restart"), 404, contains="non-restartable")


async def test_restart_with_latest_definitions(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, _ = flow
    wid = await run_to_failure(conductor, flow)
    c = await conductor.taskdef()
    await conductor.define([{"name": c, "taskReferenceName": "c"}], name=name, version=2)

    assert_empty(await api.post(f"/workflow/{wid}/restart", params={"useLatestDefinitions": "True"}), 204)
    wf = await conductor.get(wid)
    assert wf["workflowVersion"] == 2
    assert statuses(wf) == [("c", "SCHEDULED")]


# ---- retry ----------------------------------------------------------------------------------------


async def test_retry_reschedules_the_failed_task_and_keeps_the_rest(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, b = flow
    wid = await run_to_failure(conductor, flow)

    assert_empty(await api.post(f"/workflow/{wid}/retry", json={}), 204)

    wf = await conductor.get(wid)
    assert wf["status"] == "RUNNING"
    assert statuses(wf) == [("a", "COMPLETED"), ("b", "FAILED"), ("b", "SCHEDULED")]
    assert wf["tasks"][2]["retriedTaskId"] == wf["tasks"][1]["taskId"]
    assert wf["tasks"][2]["retryCount"] == 1
    assert wf["lastRetriedTime"] > 0

    await conductor.complete_task(await conductor.poll(b))
    assert (await conductor.until(wid, "COMPLETED"))["status"] == "COMPLETED"


async def test_retry_errors(api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]) -> None:
    name, a, b = flow
    running = await conductor.start(name)
    # Reference quirk: retrying a running workflow is a 404.
    assert_error(
        await api.post(f"/workflow/{running}/retry"), 404, "Workflow is still running.  status=RUNNING"
    )
    assert_error(await api.post("/workflow/nope/retry"), 404, "No such workflow found by id: nope")

    await conductor.complete_task(await conductor.poll(a))
    await conductor.complete_task(await conductor.poll(b))
    await conductor.until(running, "COMPLETED")
    r = await api.post(f"/workflow/{running}/retry")
    assert_error(
        r,
        409,
        "There are no retryable tasks! Use restart if you want to attempt entire workflow execution again.",
    )


# ---- rerun ----------------------------------------------------------------------------------------


async def test_rerun_whole_workflow_with_new_input(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    wid = await run_to_failure(conductor, flow, v="old")
    r = await api.post(
        f"/workflow/{wid}/rerun", json={"workflowInput": {"v": "new"}, "correlationId": "again"}
    )
    assert assert_text(r) == wid

    wf = await conductor.get(wid)
    assert wf["status"] == "RUNNING"
    assert wf["input"] == {"v": "new"}
    assert wf["correlationId"] == "again"
    assert statuses(wf) == [("a", "SCHEDULED")]
    assert wf["tasks"][0]["inputData"] == {"in": "new"}


async def test_rerun_from_a_task(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, b = flow
    wid = await run_to_failure(conductor, flow)
    failed_b = (await conductor.get(wid))["tasks"][1]

    r = await api.post(
        f"/workflow/{wid}/rerun", json={"reRunFromTaskId": failed_b["taskId"], "taskInput": {"fixed": True}}
    )
    assert assert_text(r) == wid

    wf = await conductor.get(wid)
    assert wf["status"] == "RUNNING"
    assert statuses(wf) == [("a", "COMPLETED"), ("b", "SCHEDULED")]
    task = await conductor.poll(b)
    assert task["inputData"] == {"fixed": True}
    await conductor.complete_task(task)
    await conductor.until(wid, "COMPLETED")


async def test_rerun_errors(api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]) -> None:
    failed = await run_to_failure(conductor, flow)
    r = await api.post(f"/workflow/{failed}/rerun", json={"reRunFromTaskId": "no-such-task"})
    assert_error(r, 400, "Task no-such-task not found")

    running = await conductor.start(flow[0])
    assert_error(
        await api.post(f"/workflow/{running}/rerun", json={}), 409, contains="is not in terminal state"
    )
    assert_error(await api.post("/workflow/nope/rerun", json={}), 404, "No such workflow found by id: nope")


# ---- skip task ------------------------------------------------------------------------------------


async def test_skip_a_future_task(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, b = flow
    wid = await conductor.start(name)

    assert_empty(await api.put(f"/workflow/{wid}/skiptask/b", json={"taskOutput": {"skipped": "yes"}}))
    wf = await conductor.get(wid)
    assert ("b", "SKIPPED") in statuses(wf)
    skipped = next(t for t in wf["tasks"] if t["referenceTaskName"] == "b")
    assert skipped["outputData"] == {"skipped": "yes"}

    # When a completes, b is skipped over and the workflow ends.
    await conductor.complete_task(await conductor.poll(a))
    await conductor.until(wid, "COMPLETED")
    assert await conductor.poll_once(b) is None


async def test_skip_task_errors_are_500_as_in_conductor(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    wid = await conductor.start(flow[0])
    assert_error(await api.put(f"/workflow/{wid}/skiptask/zzz"), 500, contains="does not exist")
    assert_error(await api.put(f"/workflow/{wid}/skiptask/a"), 500, contains="has already been processed")
    assert_empty(await api.delete(f"/workflow/{wid}"))
    assert_error(await api.put(f"/workflow/{wid}/skiptask/b"), 500, contains="is not running")
    assert_error(await api.put("/workflow/nope/skiptask/b"), 404, "No such workflow found by id: nope")


# ---- remove, terminate-remove ---------------------------------------------------------------------


async def test_remove(api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]) -> None:
    name, a, _ = flow
    wid = await conductor.start(name)
    task = await conductor.poll(a)
    r = await api.delete(f"/workflow/{wid}/remove")  # archiveWorkflow defaults to true
    assert_error(r, 400, f"Cannot archive workflow: {wid} with status: RUNNING")
    assert (await conductor.get(wid))["status"] == "RUNNING"

    assert_empty(await api.delete(f"/workflow/{wid}"))
    assert_empty(await api.delete(f"/workflow/{wid}/remove"))
    assert_error(await api.get(f"/workflow/{wid}"), 404)
    assert_error(await api.get(f"/tasks/{task['taskId']}"), 404)
    assert_error(await api.delete(f"/workflow/{wid}/remove"), 404, f"No such workflow found by id: {wid}")

    running = await conductor.start(name)
    assert_empty(await api.delete(f"/workflow/{running}/remove", params={"archiveWorkflow": "false"}))
    assert_error(await api.get(f"/workflow/{running}"), 404)
    assert await conductor.poll_once(a) is None  # its queued task went with it


async def test_terminate_remove(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, _ = flow
    wid = await conductor.start(name)
    assert_empty(await api.delete(f"/workflow/{wid}/terminate-remove", params={"reason": "cleanup"}))
    assert_error(await api.get(f"/workflow/{wid}"), 404)
    assert await conductor.poll_once(a) is None
    assert_error(await api.delete(f"/workflow/{wid}/terminate-remove"), 404)


# ---- reset callbacks, decide --------------------------------------------------------------------


async def test_reset_callbacks_makes_a_postponed_task_pollable_now(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    name, a, _ = flow
    wid = await conductor.start(name)
    task = await conductor.poll(a)
    r = await conductor.post_result(task, "IN_PROGRESS", callbackAfterSeconds=3600)
    assert assert_text(r) == task["taskId"]
    assert await conductor.poll_once(a) is None

    assert_empty(await api.post(f"/workflow/{wid}/resetcallbacks", json={}), 204)
    again = await conductor.poll(a, within=5)
    assert again["taskId"] == task["taskId"]
    assert again["pollCount"] == 2
    assert again["callbackAfterSeconds"] == 0


async def test_reset_callbacks_errors(
    api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]
) -> None:
    wid = await run_to_failure(conductor, flow)
    assert_error(
        await api.post(f"/workflow/{wid}/resetcallbacks"),
        409,
        "Workflow is in terminal state. Status = FAILED",
    )
    assert_error(await api.post("/workflow/nope/resetcallbacks"), 404)


async def test_decide(api: httpx.AsyncClient, conductor: Driver, flow: tuple[str, str, str]) -> None:
    wid = await conductor.start(flow[0])
    assert_empty(await api.put(f"/workflow/decide/{wid}"))
    assert statuses(await conductor.get(wid)) == [("a", "SCHEDULED")]
    assert_error(await api.put("/workflow/decide/nope"), 404, "No such workflow found by id: nope")


async def test_terminate_does_not_start_the_failure_workflow(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    handler_task = await conductor.taskdef()
    handler = await conductor.simple_workflow(handler_task)
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t, failureWorkflow=handler)
    wid = await conductor.start(name)
    assert_empty(await api.delete(f"/workflow/{wid}", params={"reason": unique("manual")}))
    wf = await conductor.get(wid)
    assert "conductor.failure_workflow" not in wf["output"]
    assert (await api.get(f"/workflow/running/{handler}")).json() == []
