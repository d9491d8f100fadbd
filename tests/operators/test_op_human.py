"""HUMAN: waits, IN_PROGRESS, for an external update (docs/engine.md §6.17)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, task


async def test_human_task_waits_for_an_update(flow: Driver) -> None:
    wid = await flow.run(
        [
            {"name": "approve", "taskReferenceName": "approve", "type": "HUMAN"},
            inline("after", "$.d", d="${approve.output.decision}"),
        ]
    )
    human = await flow.until_task(wid, "approve", "IN_PROGRESS")
    assert human["taskType"] == "HUMAN"
    r = await flow.api.get("/tasks/poll/HUMAN")
    assert r.status_code == 204  # never handed to workers
    await flow.update(human, "COMPLETED", {"decision": "yes"})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "after")["outputData"]["result"] == "yes"


async def test_human_task_rejected(flow: Driver) -> None:
    wid = await flow.run([{"name": "approve", "taskReferenceName": "approve", "type": "HUMAN"}])
    await flow.fail(wid, "approve", "rejected")
    wf = await flow.until(wid, "FAILED")
    assert "rejected" in wf["reasonForIncompletion"]


async def test_human_task_completed_by_reference(flow: Driver) -> None:
    wid = await flow.run([{"name": "approve", "taskReferenceName": "approve", "type": "HUMAN"}])
    await flow.until_task(wid, "approve", "IN_PROGRESS")
    r = await flow.api.post(f"/tasks/{wid}/approve/COMPLETED", json={"by": "me"})
    assert r.status_code == 200
    wf = await flow.until(wid, "COMPLETED")
    assert wf["output"] == {"by": "me"}
