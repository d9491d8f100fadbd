"""Terminate (docs/engine.md §4.8, §7.2): in-flight tasks CANCELED, children terminated."""

from __future__ import annotations

from driver import Driver
from operators.flow import fork, inline, join, simple, statuses, sub_workflow, task, wait


async def test_in_flight_tasks_are_canceled_and_queues_emptied(flow: Driver) -> None:
    wid = await flow.run([fork("fk", [simple("a")], [wait("w")]), join("jn", "a", "w")])
    await flow.until_task(wid, "jn")
    r = await flow.api.delete(f"/workflow/{wid}", params={"reason": "operator said so"})
    assert r.status_code == 200
    wf = await flow.until(wid, "TERMINATED")
    assert wf["reasonForIncompletion"] == "operator said so"
    assert wf["endTime"] > 0
    assert dict(statuses(wf)) == {"fk": "COMPLETED", "a": "CANCELED", "w": "CANCELED", "jn": "CANCELED"}
    r = await flow.api.get("/tasks/poll/a")
    assert r.status_code == 204


async def test_children_are_terminated_recursively(flow: Driver) -> None:
    grandchild = await flow.define([simple("deep")])
    child = await flow.define([sub_workflow("inner", grandchild, 1)])
    wid = await flow.run([sub_workflow("outer", child, 1)])
    outer = await flow.until_task(wid, "outer", "IN_PROGRESS")
    inner = await flow.until_task(outer["subWorkflowId"], "inner", "IN_PROGRESS")
    await flow.api.delete(f"/workflow/{wid}", params={"reason": "stop"})
    await flow.until(wid, "TERMINATED")
    child_wf = await flow.until(outer["subWorkflowId"], "TERMINATED")
    assert child_wf["reasonForIncompletion"] == "Parent workflow has been terminated with reason: stop"
    deep = await flow.until(inner["subWorkflowId"], "TERMINATED")
    assert task(deep, "deep")["status"] == "CANCELED"


async def test_terminate_rules_by_status(flow: Driver) -> None:
    done = await flow.run([inline("a", "1")])
    await flow.until(done, "COMPLETED")
    r = await flow.api.delete(f"/workflow/{done}")
    assert r.status_code == 409
    assert r.json()["message"] == "Cannot terminate a COMPLETED workflow."
    running = await flow.run([simple("a")])
    await flow.api.delete(f"/workflow/{running}", params={"reason": "first"})
    await flow.api.delete(f"/workflow/{running}", params={"reason": "second"})  # a no-op
    assert (await flow.get(running))["reasonForIncompletion"] == "first"
    await flow.taskdef("f")
    failed = await flow.run([simple("f")])
    await flow.fail(failed, "f")
    await flow.until(failed, "FAILED")
    assert (await flow.api.delete(f"/workflow/{failed}", params={"reason": "cleanup"})).status_code == 200
    assert (await flow.until(failed, "TERMINATED"))["reasonForIncompletion"] == "cleanup"
    assert (await flow.api.delete("/workflow/nope")).status_code == 404


async def test_failure_workflow_only_on_failures_or_when_asked(flow: Driver) -> None:
    handler = await flow.define([inline("h", "1")])
    await flow.taskdef("f")
    name = await flow.define([simple("f")], failureWorkflow=handler)
    manual = await flow.start(name, {"x": 1})
    await flow.api.delete(f"/workflow/{manual}")
    wf = await flow.until(manual, "TERMINATED")
    assert "conductor.failure_workflow" not in wf["output"]
    asked = await flow.start(name, {"x": 2})
    await flow.api.delete(f"/workflow/{asked}", params={"reason": "r", "triggerFailureWorkflow": "true"})
    assert await flow.until_output(asked, "conductor.failure_workflow")
    failing = await flow.start(name, {"x": 3})
    await flow.fail(failing, "f", "Employee not found", terminal=True)
    await flow.until(failing, "FAILED")
    failure_id = await flow.until_output(failing, "conductor.failure_workflow")
    failure = await flow.until(failure_id, "COMPLETED")
    inp = failure["input"]
    assert inp["x"] == 3
    assert inp["workflowId"] == failing
    assert inp["failureStatus"] == "FAILED"
    assert "Employee not found" in inp["reason"]
    assert inp["failureTaskId"] == task(await flow.get(failing), "f")["taskId"]
    assert inp["failedWorkflow"]["workflowId"] == failing
