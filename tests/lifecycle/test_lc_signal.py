"""Signal endpoints (docs/engine.md §7.8; e2e SignalTaskTest)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, sub_workflow, task, wait


async def test_async_signal_completes_the_waiting_task(flow: Driver) -> None:
    wid = await flow.run([wait("gate"), inline("after", "$.v", v="${gate.output.v}")])
    await flow.until_task(wid, "gate", "IN_PROGRESS")
    r = await flow.api.post(f"/tasks/{wid}/COMPLETED/signal", json={"v": "signalled"})
    assert r.status_code == 200
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "gate")["status"] == "COMPLETED"
    assert task(wf, "after")["outputData"]["result"] == "signalled"


async def test_sync_signal_returns_the_workflow(flow: Driver) -> None:
    wid = await flow.run([wait("gate"), inline("after", "1")])
    await flow.until_task(wid, "gate", "IN_PROGRESS")
    r = await flow.api.post(f"/tasks/{wid}/COMPLETED/signal/sync", json={})
    assert r.status_code == 200
    assert '"targetWorkflowId"' in r.text and wid in r.text
    assert '"signalTimeout":true' not in r.text
    assert r.json()["status"] == "COMPLETED"


async def test_signal_reaches_a_wait_in_a_child(flow: Driver) -> None:
    child = await flow.define([wait("gate")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.until_task(child_id, "gate", "IN_PROGRESS")
    r = await flow.api.post(f"/tasks/{wid}/COMPLETED/signal", json={"x": 1})
    assert r.status_code == 200
    await flow.until(wid, "COMPLETED")


async def test_signal_unknown_workflow_is_404(flow: Driver) -> None:
    assert (await flow.api.post("/tasks/nope/COMPLETED/signal", json={})).status_code == 404
    assert (await flow.api.post("/tasks/nope/COMPLETED/signal/sync", json={})).status_code == 404
