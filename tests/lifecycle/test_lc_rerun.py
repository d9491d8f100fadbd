"""Rerun from any task, with new input (docs/engine.md §7.5; e2e WorkflowRerunTests)."""

from __future__ import annotations

from typing import Any

from driver import Driver
from operators.flow import fork, inline, join, refs, simple, statuses, sub_workflow, task, wait


async def rerun(flow: Driver, wid: str, **body: Any) -> None:
    r = await flow.api.post(f"/workflow/{wid}/rerun", json={"reRunFromWorkflowId": wid, **body})
    assert r.status_code == 200, r.text
    assert r.text == wid


async def test_rerun_from_the_failed_task(flow: Driver) -> None:
    """testRerunSimpleWorkflow: SCHEDULED right after the call; updateTaskSync completes it."""
    await flow.taskdef("work")
    wid = await flow.run([inline("prep", "1"), simple("work")])
    failed = await flow.fail(wid, "work")
    await flow.until(wid, "FAILED")
    await rerun(flow, wid, reRunFromTaskId=failed["taskId"])
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert statuses(wf) == [("prep", "COMPLETED"), ("work", "SCHEDULED")]
    assert wf["tasks"][1]["taskId"] == failed["taskId"]  # the same task runs again
    r = await flow.api.post(f"/tasks/{wid}/work/COMPLETED/sync", json={"ok": 1})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "COMPLETED"


async def test_rerun_from_an_earlier_task_with_new_inputs(flow: Driver) -> None:
    wid = await flow.run(
        [
            simple("first"),
            inline("second", "$.x + '/' + $.w", x="${first.output.x}", w="${workflow.input.w}"),
            simple("third"),
        ],
        {"w": "old"},
    )
    await flow.complete(wid, "first", {"x": "a"})
    await flow.complete(wid, "third")
    done = await flow.until(wid, "COMPLETED")
    assert task(done, "second")["outputData"]["result"] == "a/old"
    first = task(done, "first")
    await rerun(
        flow, wid, reRunFromTaskId=first["taskId"], taskInput={"given": 1}, workflowInput={"w": "new"}
    )
    wf = await flow.get(wid)
    assert refs(wf) == ["first"]  # every later task is gone
    assert task(wf, "first")["inputData"] == {"given": 1}
    assert wf["input"] == {"w": "new"}
    await flow.complete(wid, "first", {"x": "b"})
    await flow.complete(wid, "third")
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "second")["outputData"]["result"] == "b/new"


async def test_rerun_without_a_task_starts_over(flow: Driver) -> None:
    wid = await flow.run([inline("only", "$.v", v="${workflow.input.v}")], {"v": 1}, correlationId=None)
    await flow.until(wid, "COMPLETED")
    await rerun(flow, wid, workflowInput={"v": 2}, correlationId="again")
    wf = await flow.until(wid, "COMPLETED")
    assert wf["correlationId"] == "again"
    assert task(wf, "only")["outputData"]["result"] == 2
    assert len(wf["tasks"]) == 1


async def test_rerun_errors(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    r = await flow.api.post(f"/workflow/{wid}/rerun", json={"reRunFromWorkflowId": wid})
    assert r.status_code == 409
    await flow.api.delete(f"/workflow/{wid}")
    r = await flow.api.post(
        f"/workflow/{wid}/rerun", json={"reRunFromWorkflowId": wid, "reRunFromTaskId": "nope"}
    )
    assert r.status_code == 400
    assert r.json()["message"] == "Task nope not found"


async def test_rerun_child_from_its_failed_task_resumes_the_parent(flow: Driver) -> None:
    """testRerunWithSubWorkflow."""
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1), inline("after", "1")])
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    failed = await flow.fail(child_id, "child_work")
    await flow.until(wid, "FAILED")
    await rerun(flow, child_id, reRunFromTaskId=failed["taskId"])
    assert task(await flow.get(child_id), "child_work")["status"] == "SCHEDULED"
    parent = await flow.until(wid, "RUNNING")
    assert len(parent["tasks"]) == 1
    await flow.complete(child_id, "child_work")
    await flow.until(wid, "COMPLETED")


async def test_rerun_on_the_parent_with_a_task_of_the_child(flow: Driver) -> None:
    """testRerunWithSubWorkflowFromParentWorkflow: the task is found recursively."""
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    failed = await flow.fail(child_id, "child_work")
    await flow.until(wid, "FAILED")
    await rerun(flow, wid, reRunFromTaskId=failed["taskId"])
    assert (await flow.get(child_id))["status"] == "RUNNING"
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert task(wf, "sub")["subWorkflowId"] == child_id
    await flow.complete(child_id, "child_work")
    await flow.until(wid, "COMPLETED")


async def test_rerun_inner_task_of_a_sub_workflow_in_a_fork(flow: Driver) -> None:
    """testRerunFromTaskInsideSubWorkflowInFork and the PR #3458 family: canceled siblings run again."""
    await flow.taskdefs(["inner", "side"])
    child = await flow.define([simple("inner")])
    wid = await flow.run(
        [
            simple("before"),
            fork("fk", [sub_workflow("sub1", child, 1)], [sub_workflow("sub2", child, 1)], [simple("side")]),
            join("jn", "sub1", "sub2", "side"),
            simple("after"),
        ]
    )
    await flow.complete(wid, "before")
    c1 = (await flow.until_task(wid, "sub1", "IN_PROGRESS"))["subWorkflowId"]
    c2 = (await flow.until_task(wid, "sub2", "IN_PROGRESS"))["subWorkflowId"]
    await flow.complete(c1, "inner")
    await flow.until_task(wid, "sub1", "COMPLETED")
    failed = await flow.fail(c2, "inner", "inner broke")
    wf = await flow.until(wid, "FAILED")
    assert task(wf, "side")["status"] == "CANCELED"
    await rerun(flow, wid, reRunFromTaskId=failed["taskId"])
    wf = await flow.until(wid, "RUNNING")
    assert task(wf, "side")["status"] == "SCHEDULED"
    assert task(wf, "sub1")["status"] == "COMPLETED"
    assert task(wf, "sub2")["subWorkflowId"] == c2
    await flow.complete(c2, "inner")
    await flow.complete(wid, "side")
    await flow.complete(wid, "after")
    await flow.until(wid, "COMPLETED")


async def test_direct_rerun_of_a_sub_workflow_task_spawns_a_fresh_child(flow: Driver) -> None:
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    await flow.fail(sub["subWorkflowId"], "child_work")
    await flow.until(wid, "FAILED")
    await rerun(flow, wid, reRunFromTaskId=sub["taskId"])
    again = await flow.until_task(wid, "sub", "IN_PROGRESS")
    assert again["taskId"] == sub["taskId"]
    assert again["subWorkflowId"] != sub["subWorkflowId"]
    fresh = await flow.get(again["subWorkflowId"])
    assert fresh["status"] == "RUNNING"
    await flow.complete(again["subWorkflowId"], "child_work")
    await flow.until(wid, "COMPLETED")


async def test_rerun_a_timed_wait_after_termination(flow: Driver) -> None:
    """testWaitTaskWithTimerRerun."""
    wid = await flow.run([wait("nap", "30 s")])
    nap = await flow.until_task(wid, "nap", "IN_PROGRESS")
    await flow.api.delete(f"/workflow/{wid}")
    await flow.until(wid, "TERMINATED")
    await rerun(flow, wid, reRunFromTaskId=nap["taskId"])
    again = await flow.until_task(wid, "nap", "IN_PROGRESS")
    assert (await flow.get(wid))["status"] == "RUNNING"
    assert again["callbackAfterSeconds"] == nap["callbackAfterSeconds"] == 30
    assert again["pollCount"] == 0


async def test_rerun_from_a_fork_recreates_its_branches(flow: Driver) -> None:
    wid = await flow.run([inline("pre", "1"), fork("fk", [simple("a")], [simple("b")]), join("jn", "a", "b")])
    await flow.complete(wid, "a")
    await flow.complete(wid, "b")
    wf = await flow.until(wid, "COMPLETED")
    await rerun(flow, wid, reRunFromTaskId=task(wf, "fk")["taskId"])
    await flow.until_task(wid, "jn", "IN_PROGRESS")
    wf = await flow.get(wid)
    assert refs(wf) == ["pre", "fk", "a", "b", "jn"]
    await flow.complete(wid, "a")
    await flow.complete(wid, "b")
    await flow.until(wid, "COMPLETED")


async def test_rerun_from_a_sub_workflow_task_inside_a_loop(flow: Driver) -> None:
    """testRerunFromSubWorkflowTaskInDoWhile: domains kept, the loop resumes its iteration."""
    child = await flow.define([wait("gate")])
    node = sub_workflow("sub", child, 1, subWorkflowParam={"taskToDomain": {"worker": "child-domain"}})
    loop = {
        "name": "loop",
        "taskReferenceName": "loop",
        "type": "DO_WHILE",
        "loopCondition": "$.loop['iteration'] < 2",
        "loopOver": [simple("step"), node],
        "inputParameters": {},
    }
    wid = await flow.start(await flow.define([loop]), taskToDomain={"http": "parent-domain"})
    await flow.complete(wid, "step__1")
    first = await flow.until_task(wid, "sub__1", "IN_PROGRESS")
    await flow.api.post(f"/tasks/{first['subWorkflowId']}/COMPLETED/signal", json={})
    await flow.complete(wid, "step__2")
    second = await flow.until_task(wid, "sub__2", "IN_PROGRESS")
    await flow.api.delete(f"/workflow/{second['subWorkflowId']}", params={"reason": "stop child"})
    await flow.until(wid, "TERMINATED")
    await rerun(flow, wid, reRunFromTaskId=second["taskId"])
    again = await flow.until_task(wid, "sub__2", "IN_PROGRESS")
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert wf["taskToDomain"] == {"http": "parent-domain"}
    assert task(wf, "loop")["status"] == "IN_PROGRESS"
    assert again["subWorkflowId"] != second["subWorkflowId"]
    assert again["inputData"]["subWorkflowTaskToDomain"] == {"worker": "child-domain"}
    # The first iteration is untouched.
    assert task(wf, "sub__1")["subWorkflowId"] == first["subWorkflowId"]
    await flow.api.post(f"/tasks/{again['subWorkflowId']}/COMPLETED/signal", json={})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "loop")["outputData"]["iteration"] == 2


async def test_rerun_from_a_worker_task_inside_a_loop(flow: Driver) -> None:
    await flow.taskdef("step")
    loop = {
        "name": "loop",
        "taskReferenceName": "loop",
        "type": "DO_WHILE",
        "loopCondition": "$.loop['iteration'] < 2",
        "loopOver": [simple("step"), inline("after_step", "1")],
        "inputParameters": {},
    }
    wid = await flow.run([loop, inline("done", "1")])
    await flow.complete(wid, "step__1")
    failed = await flow.fail(wid, "step__2", "second iteration broke")
    await flow.until(wid, "FAILED")
    await rerun(flow, wid, reRunFromTaskId=failed["taskId"])
    wf = await flow.get(wid)
    assert task(wf, "loop")["status"] == "IN_PROGRESS"
    assert task(wf, "step__2")["status"] == "SCHEDULED"
    await flow.complete(wid, "step__2")
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["loop", "step__1", "after_step__1", "step__2", "after_step__2", "done"]
