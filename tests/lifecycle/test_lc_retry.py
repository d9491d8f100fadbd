"""Retry from the failed task, with and without resuming sub-workflows (docs/engine.md §7.4;
e2e WorkflowRetryTests)."""

from __future__ import annotations

from conductor.server.clock import FakeClock
from driver import Driver
from operators.flow import Json, do_while, fork, inline, join, refs, simple, statuses, sub_workflow, task


async def retry(flow: Driver, wid: str, resume: bool = False) -> None:
    params = {"resumeSubworkflowTasks": "true"} if resume else {}
    r = await flow.api.post(f"/workflow/{wid}/retry", params=params)
    assert r.status_code == 204, r.text


async def test_retry_reschedules_the_failed_task(flow: Driver) -> None:
    await flow.taskdef("work")
    wid = await flow.run([inline("prep", "1"), simple("work")])
    await flow.fail(wid, "work", "first")
    await flow.until(wid, "FAILED")
    await retry(flow, wid)
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert wf["lastRetriedTime"] > 0
    assert wf["reasonForIncompletion"] is None
    assert statuses(wf) == [("prep", "COMPLETED"), ("work", "FAILED"), ("work", "SCHEDULED")]
    old, new = wf["tasks"][1], wf["tasks"][2]
    assert new["retriedTaskId"] == old["taskId"]
    assert new["retryCount"] == old["retryCount"] + 1
    assert old["retried"] is True
    await flow.complete(wid, "work")
    await flow.until(wid, "COMPLETED")


async def test_retry_errors(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    r = await flow.api.post(f"/workflow/{wid}/retry")
    assert r.status_code == 404
    assert r.json()["message"] == "Workflow is still running.  status=RUNNING"
    done = await flow.run([inline("a", "1")])
    await flow.until(done, "COMPLETED")
    r = await flow.api.post(f"/workflow/{done}/retry")
    assert r.status_code == 409
    assert r.json()["message"].startswith("There are no retryable tasks!")


async def test_timed_out_workflow_resumes_without_failed_tasks(flow: Driver, clock: FakeClock) -> None:
    wid = await flow.run([simple("a")], timeoutSeconds=1, timeoutPolicy="TIME_OUT_WF")
    clock.advance(1.1)
    await flow.until(wid, "TIMED_OUT", within=10)
    await retry(flow, wid)
    await flow.until_task(wid, "a", "SCHEDULED")
    await flow.complete(wid, "a")
    await flow.until(wid, "COMPLETED")


async def failing_child(flow: Driver) -> str:
    await flow.taskdefs(["ta", "tb"])
    return await flow.define([simple("ta"), simple("tb")])


async def test_retrying_the_child_resumes_the_parent(flow: Driver) -> None:
    child = await failing_child(flow)
    wid = await flow.run([sub_workflow("sub", child, 1)])
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.complete(child_id, "ta")
    await flow.fail(child_id, "tb")
    await flow.until(wid, "FAILED")
    await retry(flow, child_id)
    child_wf = await flow.get(child_id)
    assert child_wf["status"] == "RUNNING"
    assert statuses(child_wf) == [("ta", "COMPLETED"), ("tb", "FAILED"), ("tb", "SCHEDULED")]
    parent = await flow.until(wid, "RUNNING")
    assert task(parent, "sub")["status"] == "IN_PROGRESS"
    assert task(parent, "sub")["reasonForIncompletion"] is None
    await flow.complete(child_id, "tb")
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "sub")["subWorkflowId"] == child_id
    logs = (await flow.api.get(f"/tasks/{task(wf, 'sub')['taskId']}/log")).json()
    assert any("retried" in entry["log"] for entry in logs)


async def test_retrying_the_parent_without_resume_starts_a_new_child(flow: Driver) -> None:
    child = await failing_child(flow)
    wid = await flow.run([sub_workflow("sub", child, 1)])
    old_child = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.complete(old_child, "ta")
    await flow.fail(old_child, "tb")
    await flow.until(wid, "FAILED")
    await retry(flow, wid)
    new_sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    assert new_sub["subWorkflowId"] != old_child
    assert (await flow.get(old_child))["status"] == "FAILED"
    await flow.complete(new_sub["subWorkflowId"], "ta")
    await flow.complete(new_sub["subWorkflowId"], "tb")
    await flow.until(wid, "COMPLETED")


async def test_retrying_the_child_of_an_optional_task_leaves_the_parent_completed(flow: Driver) -> None:
    child = await failing_child(flow)
    wid = await flow.run([sub_workflow("sub", child, 1, optional=True)])
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    await flow.fail(child_id, "ta")
    await flow.until(wid, "COMPLETED")
    await retry(flow, child_id)
    assert (await flow.get(child_id))["status"] == "RUNNING"
    assert (await flow.get(wid))["status"] == "COMPLETED"


async def forked_parent(flow: Driver) -> tuple[str, str, str]:
    """FORK(sub1, sub2) → JOIN; sub1's child completes ta and fails tb; sub2 gets canceled."""
    child = await failing_child(flow)
    wid = await flow.run(
        [
            fork("fk", [sub_workflow("sub1", child, 1)], [sub_workflow("sub2", child, 1)]),
            join("jn", "sub1", "sub2"),
        ]
    )
    c1 = (await flow.until_task(wid, "sub1", "IN_PROGRESS"))["subWorkflowId"]
    c2 = (await flow.until_task(wid, "sub2", "IN_PROGRESS"))["subWorkflowId"]
    await flow.complete(c1, "ta")
    await flow.fail(c1, "tb", "tb broke")
    wf = await flow.until(wid, "FAILED")
    assert dict(statuses(wf))["sub2"] == "CANCELED"
    await flow.until(c2, "TERMINATED")
    return wid, c1, c2


async def test_resume_flag_restores_fork_branches_in_place(flow: Driver) -> None:
    """testRetryWithResumeFlagRestoresUnsuccessfulSubWorkflowSiblingsInPlace."""
    wid, c1, c2 = await forked_parent(flow)
    ta_before = task(await flow.get(c1), "ta")
    await retry(flow, wid, resume=True)
    wf = await flow.until(wid, "RUNNING")
    assert task(wf, "sub1")["subWorkflowId"] == c1
    assert task(wf, "sub2")["subWorkflowId"] == c2
    assert task(wf, "sub1")["reasonForIncompletion"] is None
    assert task(wf, "fk")["status"] == "COMPLETED"
    assert task(wf, "jn")["status"] == "IN_PROGRESS"
    child1 = await flow.get(c1)
    ta = task(child1, "ta")
    assert (ta["taskId"], ta["endTime"]) == (ta_before["taskId"], ta_before["endTime"])
    assert task(child1, "tb")["status"] == "SCHEDULED"
    assert (await flow.get(c2))["status"] == "RUNNING"
    await flow.complete(c1, "tb")
    await flow.complete(c2, "ta")
    await flow.complete(c2, "tb")
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "jn")["status"] == "COMPLETED"


async def test_without_resume_flag_unsuccessful_branches_get_fresh_children(flow: Driver) -> None:
    """testRetryWithoutResumeFlagSpawnsFreshChildrenForUnsuccessfulSubWorkflowSiblings (bulk retry)."""
    wid, c1, c2 = await forked_parent(flow)
    r = await flow.api.post("/workflow/bulk/retry", json=[wid])
    assert r.json()["bulkSuccessfulResults"] == [wid]
    s1 = await flow.until_task(wid, "sub1", "IN_PROGRESS")
    s2 = await flow.until_task(wid, "sub2", "IN_PROGRESS")
    assert s1["subWorkflowId"] not in (c1, c2)
    assert s2["subWorkflowId"] not in (c1, c2)
    assert (await flow.get(c1))["status"] == "FAILED"
    for child_id in (s1["subWorkflowId"], s2["subWorkflowId"]):
        await flow.complete(child_id, "ta")
        await flow.complete(child_id, "tb")
    await flow.until(wid, "COMPLETED")


async def test_retrying_the_failing_child_restores_the_canceled_sibling(flow: Driver) -> None:
    """testRetrySubWorkflowReschedulesAllSubWorkflowSiblingsInFork."""
    wid, c1, c2 = await forked_parent(flow)
    await retry(flow, c1)
    wf = await flow.until(wid, "RUNNING")
    assert task(wf, "sub2")["subWorkflowId"] == c2
    assert task(wf, "sub2")["status"] == "IN_PROGRESS"
    child2 = await flow.until(c2, "RUNNING")
    assert task(child2, "ta")["status"] == "SCHEDULED"
    await flow.complete(c1, "tb")
    await flow.complete(c2, "ta")
    await flow.complete(c2, "tb")
    await flow.until(wid, "COMPLETED")


async def test_three_levels_with_simple_siblings(flow: Driver) -> None:
    """testRetryNestedForkWithSimpleAndSubWorkflowSiblings: every level runs again."""
    await flow.taskdefs(["leaf", "side"])
    leaf = await flow.define([simple("leaf")])
    middle = await flow.define(
        [fork("mf", [sub_workflow("to_leaf", leaf, 1)], [simple("side")]), join("mj", "to_leaf", "side")]
    )
    sibling = await flow.define([simple("sib_work")])
    wid = await flow.run(
        [fork("tf", [sub_workflow("to_middle", middle, 1)], [sub_workflow("to_sibling", sibling, 1)]),
         join("tj", "to_middle", "to_sibling")]
    )  # fmt: skip
    mid_id = (await flow.until_task(wid, "to_middle", "IN_PROGRESS"))["subWorkflowId"]
    sib_id = (await flow.until_task(wid, "to_sibling", "IN_PROGRESS"))["subWorkflowId"]
    leaf_id = (await flow.until_task(mid_id, "to_leaf", "IN_PROGRESS"))["subWorkflowId"]
    await flow.fail(leaf_id, "leaf", "leaf broke")
    await flow.until(wid, "FAILED")
    assert task(await flow.get(mid_id), "side")["status"] == "CANCELED"
    await retry(flow, leaf_id)
    await flow.until(wid, "RUNNING")
    mid = await flow.until(mid_id, "RUNNING")
    assert task(mid, "side")["status"] == "SCHEDULED"
    assert task(await flow.get(wid), "to_sibling")["subWorkflowId"] == sib_id
    await flow.until(sib_id, "RUNNING")
    await flow.complete(leaf_id, "leaf")
    await flow.complete(mid_id, "side")
    await flow.complete(sib_id, "sib_work")
    await flow.until(wid, "COMPLETED")


async def test_resume_flag_second_iteration_failure_in_fork_inside_loop(flow: Driver) -> None:
    """testRetryWithResumeFlagSecondIterationFailureInForkInsideDoWhile."""
    await flow.taskdef("finish")
    child = await flow.define([inline("calc", "1"), simple("finish")])
    body: list[Json] = [
        fork("fk", [sub_workflow("a", child, 1)], [sub_workflow("b", child, 1)]),
        join("jn", "a", "b"),
    ]
    wid = await flow.run([do_while("loop", "$.loop['iteration'] < 2", body)])
    for ref in ("a__1", "b__1"):
        child_id = (await flow.until_task(wid, ref, "IN_PROGRESS"))["subWorkflowId"]
        await flow.complete(child_id, "finish")
    a2 = (await flow.until_task(wid, "a__2", "IN_PROGRESS"))["subWorkflowId"]
    b2 = (await flow.until_task(wid, "b__2", "IN_PROGRESS"))["subWorkflowId"]
    await flow.fail(a2, "finish", "second iteration broke")
    await flow.until(wid, "FAILED")
    before = await flow.get(wid)
    iteration_one = {t["taskId"]: (t["status"], t["endTime"]) for t in before["tasks"] if t["iteration"] == 1}
    b2_calc = task(await flow.get(b2), "calc")
    await retry(flow, wid, resume=True)
    wf = await flow.until(wid, "RUNNING")
    assert {
        t["taskId"]: (t["status"], t["endTime"]) for t in wf["tasks"] if t["iteration"] == 1
    } == iteration_one
    assert task(wf, "loop")["status"] == "IN_PROGRESS"
    assert task(await flow.get(b2), "calc")["taskId"] == b2_calc["taskId"]
    await flow.complete(a2, "finish")
    await flow.complete(b2, "finish")
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "loop")["outputData"]["iteration"] == 2
    assert [r for r in refs(wf) if r.startswith("a__")] == ["a__1", "a__2"]


async def test_retrying_the_child_of_a_timed_out_parent(flow: Driver, clock: FakeClock) -> None:
    """SubWorkflowTimeoutRetryTests: the parent times out, its child is terminated; the child
    can be retried on its own."""
    await flow.taskdef("c2")
    child = await flow.define([simple("c1"), simple("c2")])
    wid = await flow.run(
        [simple("first"), sub_workflow("sub", "${workflow.input.subwf}", 1)],
        {"subwf": child},
        timeoutSeconds=2,
        timeoutPolicy="TIME_OUT_WF",
    )
    await flow.complete(wid, "first")
    child_id = (await flow.until_task(wid, "sub", "IN_PROGRESS"))["subWorkflowId"]
    assert (await flow.get(child_id))["status"] == "RUNNING"
    clock.advance(2.1)
    wf = await flow.until(wid, "TIMED_OUT", within=10)
    assert statuses(wf) == [("first", "COMPLETED"), ("sub", "CANCELED")]
    child_wf = await flow.until(child_id, "TERMINATED")
    assert statuses(child_wf) == [("c1", "CANCELED")]
    await retry(flow, child_id)
    child_wf = await flow.get(child_id)
    assert child_wf["status"] == "RUNNING"
    assert statuses(child_wf) == [("c1", "CANCELED"), ("c1", "SCHEDULED")]
