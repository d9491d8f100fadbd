"""Restart (docs/engine.md §7.3; e2e WorkflowRestartTests)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, set_variable, simple, statuses, sub_workflow, task


async def test_restart_failed_workflow_runs_again_under_the_same_id(flow: Driver) -> None:
    await flow.taskdef("work")
    wid = await flow.run(
        [set_variable("count", n="${workflow.input.k}"), inline("prep", "1"), simple("work")],
        {"k": "v"},
        variables={"n": 0, "kept": True},
    )
    await flow.fail(wid, "work")
    before = await flow.until(wid, "FAILED")
    assert (await flow.api.post(f"/workflow/{wid}/restart")).status_code == 204
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert statuses(wf) == [("count", "COMPLETED"), ("prep", "COMPLETED"), ("work", "SCHEDULED")]
    assert wf["tasks"][0]["taskId"] != before["tasks"][0]["taskId"]
    assert wf["input"] == {"k": "v"}
    assert wf["variables"] == {"n": "v", "kept": True}  # variables are not reset
    assert wf["reasonForIncompletion"] is None
    assert wf["createTime"] >= before["createTime"]
    await flow.complete(wid, "work")
    await flow.until(wid, "COMPLETED")


async def test_restart_with_latest_definitions(flow: Driver) -> None:
    name = await flow.define([simple("one")])
    wid = await flow.start(name)
    await flow.complete(wid, "one")
    await flow.until(wid, "COMPLETED")
    await flow.define([simple("one"), simple("two")], name=name, version=2)
    r = await flow.api.post(f"/workflow/{wid}/restart", params={"useLatestDefinitions": "true"})
    assert r.status_code == 204
    await flow.complete(wid, "one")
    await flow.complete(wid, "two")
    wf = await flow.until(wid, "COMPLETED")
    assert wf["workflowVersion"] == 2
    assert [t["referenceTaskName"] for t in wf["tasks"]] == ["one", "two"]


async def test_restart_requires_an_ended_restartable_workflow(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    r = await flow.api.post(f"/workflow/{wid}/restart")
    assert r.status_code == 409
    once = await flow.run([inline("a", "1")], restartable=False)
    await flow.until(once, "COMPLETED")
    r = await flow.api.post(f"/workflow/{once}/restart")
    assert r.status_code == 404
    assert "non-restartable" in r.json()["message"]


async def test_restarted_child_completes_its_parent(flow: Driver) -> None:
    """testRestartWithSubWorkflow: restart the failed child; the parent follows (walk-up)."""
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    child_id = sub["subWorkflowId"]
    await flow.fail(child_id, "child_work")
    await flow.until(wid, "FAILED")
    assert (await flow.api.post(f"/workflow/{child_id}/restart")).status_code == 204
    assert (await flow.until(wid, "RUNNING"))["tasks"][0]["status"] == "IN_PROGRESS"
    await flow.complete(child_id, "child_work")
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "sub")["subWorkflowId"] == child_id
    # Restarting the parent gives it a new child.
    await flow.api.post(f"/workflow/{wid}/restart")
    new_sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    assert new_sub["subWorkflowId"] != child_id
    await flow.complete(new_sub["subWorkflowId"], "child_work")
    await flow.until(wid, "COMPLETED")


async def test_restarting_an_orphaned_child_leaves_the_parent_alone(flow: Driver) -> None:
    """testRestartWithSubWorkflowWithRestartParent."""
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    old = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.complete(old, "child_work")
    await flow.until(wid, "COMPLETED")
    await flow.api.post(f"/workflow/{wid}/restart")
    new = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.complete(new, "child_work")
    await flow.until(wid, "COMPLETED")
    assert (await flow.api.post(f"/workflow/{old}/restart")).status_code == 204
    await flow.complete(old, "child_work")
    await flow.until(old, "COMPLETED")
    parent = await flow.get(wid)
    assert parent["status"] == "COMPLETED"
    assert task(parent, "sub")["subWorkflowId"] == new


async def test_restarting_the_child_of_an_optional_task_leaves_the_parent_alone(flow: Driver) -> None:
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1, optional=True)])
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.fail(child_id, "child_work")
    await flow.until(wid, "COMPLETED")
    await flow.api.post(f"/workflow/{child_id}/restart")
    await flow.until_task(child_id, "child_work", "SCHEDULED")
    assert (await flow.get(wid))["status"] == "COMPLETED"
