"""Pause / resume (docs/engine.md §7.1): nothing is scheduled while paused."""

from __future__ import annotations

import asyncio

from conductor.server.clock import FakeClock
from driver import Driver
from operators.flow import inline, refs, simple, statuses


async def test_nothing_is_scheduled_while_paused(flow: Driver) -> None:
    wid = await flow.run([simple("a"), inline("b", "1"), simple("c")])
    await flow.until_task(wid, "a", "SCHEDULED")
    assert (await flow.api.put(f"/workflow/{wid}/pause")).status_code == 200
    wf = await flow.until(wid, "PAUSED")
    # Running tasks go on: a worker still polls and completes `a`...
    await flow.work("a", {"done": True})
    await flow.until_task(wid, "a", "COMPLETED")
    # ...but its successors are not scheduled, even on an explicit decide.
    assert (await flow.api.put(f"/workflow/decide/{wid}")).status_code == 200
    wf = await flow.get(wid)
    assert wf["status"] == "PAUSED"
    assert refs(wf) == ["a"]
    assert (await flow.api.put(f"/workflow/{wid}/resume")).status_code == 200
    await flow.until_task(wid, "c", "SCHEDULED")
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert wf["lastRetriedTime"] > 0
    assert statuses(wf) == [("a", "COMPLETED"), ("b", "COMPLETED"), ("c", "SCHEDULED")]
    await flow.complete(wid, "c")
    await flow.until(wid, "COMPLETED")


async def test_pause_is_idempotent_and_resume_needs_a_paused_workflow(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    r = await flow.api.put(f"/workflow/{wid}/resume")
    assert r.status_code == 500
    assert (
        r.json()["message"] == f"The workflow {wid} is not PAUSED so cannot resume. Current status is RUNNING"
    )
    assert (await flow.api.put(f"/workflow/{wid}/pause")).status_code == 200
    assert (await flow.api.put(f"/workflow/{wid}/pause")).status_code == 200
    await flow.until(wid, "PAUSED")


async def test_pausing_an_ended_workflow_is_a_conflict(flow: Driver) -> None:
    wid = await flow.run([inline("a", "1")])
    wf = await flow.until(wid, "COMPLETED")
    r = await flow.api.put(f"/workflow/{wid}/pause")
    assert r.status_code == 409
    assert (
        r.json()["message"] == f"Workflow {wf['workflowName']}.1/{wid} has ended, status cannot be updated."
    )


async def test_workflow_timeout_still_fires_while_paused(flow: Driver, clock: FakeClock) -> None:
    wid = await flow.run([simple("a")], timeoutSeconds=1, timeoutPolicy="TIME_OUT_WF")
    await flow.api.put(f"/workflow/{wid}/pause")
    clock.advance(1.1)
    wf = await flow.until(wid, "TIMED_OUT", within=10)
    assert wf["reasonForIncompletion"].startswith("Workflow timed out after")
    assert statuses(wf) == [("a", "CANCELED")]


async def test_paused_sub_workflow_keeps_parent_waiting(flow: Driver) -> None:
    child = await flow.define([simple("child_a"), simple("child_b")])
    wid = await flow.run([{"name": "sub", "taskReferenceName": "sub", "type": "SUB_WORKFLOW",
                           "subWorkflowParam": {"name": child, "version": 1}}])  # fmt: skip
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    child_id = sub["subWorkflowId"]
    await flow.api.put(f"/workflow/{child_id}/pause")
    await flow.complete(child_id, "child_a")
    await asyncio.sleep(0)  # the child stays paused with nothing new scheduled
    child_wf = await flow.until(child_id, "PAUSED")
    assert refs(child_wf) == ["child_a"]
    assert (await flow.get(wid))["status"] == "RUNNING"
    await flow.api.put(f"/workflow/{child_id}/resume")
    await flow.complete(child_id, "child_b")
    await flow.until(wid, "COMPLETED")
