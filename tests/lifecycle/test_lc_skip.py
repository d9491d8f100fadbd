"""Skip a task (docs/engine.md §7.6)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, simple, statuses, task


async def test_skipped_task_is_stepped_over_and_its_output_readable(flow: Driver) -> None:
    wid = await flow.run([simple("a"), simple("b"), inline("c", "$.v", v="${b.output.v}")])
    r = await flow.api.put(
        f"/workflow/{wid}/skiptask/b", json={"taskInput": {"in": 1}, "taskOutput": {"v": "from skip"}}
    )
    assert r.status_code == 200, r.text
    await flow.complete(wid, "a")
    wf = await flow.until(wid, "COMPLETED")
    assert statuses(wf) == [("a", "COMPLETED"), ("b", "SKIPPED"), ("c", "COMPLETED")]
    skipped = task(wf, "b")
    assert skipped["taskType"] == "b"
    assert skipped["inputData"] == {"in": 1}
    assert task(wf, "c")["outputData"]["result"] == "from skip"


async def test_skip_rules(flow: Driver) -> None:
    wid = await flow.run([simple("a"), simple("b")])
    await flow.until_task(wid, "a", "SCHEDULED")
    r = await flow.api.put(f"/workflow/{wid}/skiptask/a")
    assert r.status_code == 500
    assert r.json()["message"] == "The task referenced a has already been processed, cannot be skipped"
    r = await flow.api.put(f"/workflow/{wid}/skiptask/zzz")
    assert r.status_code == 500
    assert "does not exist in the WorkflowDefinition" in r.json()["message"]
    await flow.api.put(f"/workflow/{wid}/pause")
    r = await flow.api.put(f"/workflow/{wid}/skiptask/b")
    assert r.status_code == 500
    assert "is not running" in r.json()["message"]
