"""Synchronous execution: `POST /api/workflow/execute/{name}/{version}` (docs/engine.md §7.8;
e2e SyncWorkflowExecutionTest)."""

from __future__ import annotations

import time

from driver import Driver
from operators.flow import inline, set_variable, simple, sub_workflow, wait


async def test_returns_the_ended_workflow(flow: Driver) -> None:
    name = await flow.define([set_variable("sv", v="${workflow.input.v}"), inline("calc", "$.v * 2", v="${workflow.input.v}")],
                             outputParameters={"doubled": "${calc.output.result}"})  # fmt: skip
    r = await flow.api.post(
        f"/workflow/execute/{name}/1", json={"input": {"v": 21}}, params={"requestId": "req-1"}
    )
    assert r.status_code == 200, r.text
    run = r.json()
    assert run["status"] == "COMPLETED"
    assert run["targetWorkflowStatus"] == "COMPLETED"
    assert run["output"] == {"doubled": 42}
    assert run["variables"] == {"v": 21}
    assert run["requestId"] == "req-1"
    assert run["workflowId"] == run["targetWorkflowId"]
    assert len(run["tasks"]) == 2
    assert run.get("signalTimeout") is not True


async def test_version_zero_means_latest(flow: Driver) -> None:
    name = await flow.define([inline("v", "1")], outputParameters={"v": 1})
    await flow.define([inline("v", "2")], name=name, version=2, outputParameters={"v": 2})
    r = await flow.api.post(f"/workflow/execute/{name}/0", json={"input": {}})
    assert r.json()["output"] == {"v": 2}


async def test_returns_when_a_signal_wait_blocks(flow: Driver) -> None:
    name = await flow.define([inline("a", "1"), wait("gate"), inline("b", "2")])
    r = await flow.api.post(f"/workflow/execute/{name}/1", json={"input": {}}, params={"waitForSeconds": 10})
    run = r.json()
    assert run["status"] == "RUNNING"
    assert [t["referenceTaskName"] for t in run["tasks"]] == ["a", "gate"]
    assert run.get("signalTimeout") is not True


async def test_returns_when_a_wait_blocks_in_a_child(flow: Driver) -> None:
    child = await flow.define([wait("gate")])
    name = await flow.define([sub_workflow("sub", child, 1)])
    r = await flow.api.post(
        f"/workflow/execute/{name}/1", json={"input": {}}, params={"returnStrategy": "BLOCKING_WORKFLOW"}
    )
    run = r.json()
    assert run["targetWorkflowStatus"] == "RUNNING"
    assert run["workflowId"] != run["targetWorkflowId"]  # the blocking child is shown
    assert run["tasks"][0]["taskType"] == "WAIT"


async def test_wait_until_task_ref_and_timeout(flow: Driver) -> None:
    """INLINE → WAIT 1 s → SIMPLE with waitUntilTaskRef on the SIMPLE: times out RUNNING with 3 tasks."""
    name = await flow.define([inline("a", "1"), wait("nap", "1 s"), simple("simple_ref")])
    started = time.monotonic()
    r = await flow.api.post(
        f"/workflow/execute/{name}/1",
        json={"input": {}},
        params={"waitUntilTaskRef": "simple_ref", "waitForSeconds": 3},
    )
    elapsed = time.monotonic() - started
    run = r.json()
    assert 3 <= elapsed < 10
    assert run["status"] == "RUNNING"
    assert run["signalTimeout"] is True
    assert [t["referenceTaskName"] for t in run["tasks"]] == ["a", "nap", "simple_ref"]


async def test_wait_until_task_ref_returns_when_that_task_ends(flow: Driver) -> None:
    name = await flow.define([inline("first", "1"), simple("second")])
    r = await flow.api.post(
        f"/workflow/execute/{name}/1",
        json={"input": {}},
        params={"waitUntilTaskRef": "first", "waitForSeconds": 10},
    )
    run = r.json()
    assert run["status"] == "RUNNING"
    assert run.get("signalTimeout") is not True


async def test_blocking_task_strategy(flow: Driver) -> None:
    name = await flow.define([wait("gate")])
    r = await flow.api.post(
        f"/workflow/execute/{name}/1", json={"input": {"x": 1}}, params={"returnStrategy": "BLOCKING_TASK"}
    )
    run = r.json()
    assert run["responseType"] == "BLOCKING_TASK"
    assert run["referenceTaskName"] == "gate"
    assert run["taskType"] == "WAIT"
