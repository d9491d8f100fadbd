"""FORK_JOIN with JOIN: parallel branches, joinOn, output aggregation, failures (docs/engine.md §6.8)."""

from __future__ import annotations

from driver import Driver
from operators.flow import do_while, fork, inline, join, refs, simple, statuses, task


async def test_branches_run_in_parallel_and_join_aggregates_outputs(flow: Driver) -> None:
    wid = await flow.run(
        [
            fork("fork", [simple("a1"), simple("a2")], [simple("b1")]),
            join("join", "a2", "b1"),
            simple("after"),
        ]
    )
    wf = await flow.until_task(wid, "join")
    wf = await flow.get(wid)
    # FORK, the first task of each branch and the JOIN are created in one pass.
    assert statuses(wf) == [
        ("fork", "COMPLETED"),
        ("a1", "SCHEDULED"),
        ("b1", "SCHEDULED"),
        ("join", "IN_PROGRESS"),
    ]
    fk = task(wf, "fork")
    assert fk["taskType"] == "FORK"
    assert task(wf, "join")["inputData"]["joinOn"] == ["a2", "b1"]

    await flow.complete(wid, "b1", {"b": 1})
    await flow.complete(wid, "a1", {"a": 1})
    await flow.complete(wid, "a2", {"a": 2})
    await flow.complete(wid, "after")
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["fork", "a1", "b1", "join", "a2", "after"]
    jn = task(wf, "join")
    assert jn["status"] == "COMPLETED"
    assert jn["outputData"] == {"a2": {"a": 2}, "b1": {"b": 1}}
    assert task(wf, "after")["seq"] > jn["seq"]


async def test_join_waits_only_for_its_join_on_list(flow: Driver) -> None:
    wid = await flow.run(
        [fork("fork", [simple("a")], [simple("b")]), join("join", "a"), inline("after", "'after'")]
    )
    await flow.complete(wid, "a")
    await flow.until_task(wid, "after", "COMPLETED")
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"  # b still runs
    assert task(wf, "b")["status"] == "SCHEDULED"
    await flow.complete(wid, "b")
    await flow.until(wid, "COMPLETED")


async def test_empty_join_on_completes_immediately(flow: Driver) -> None:
    wid = await flow.run([fork("fork", [inline("a", "1")], [inline("b", "2")]), join("join")])
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "join")["status"] == "COMPLETED"


async def test_failed_branch_fails_join_and_cancels_the_other_branch(flow: Driver) -> None:
    await flow.taskdefs(["a", "b"])
    wid = await flow.run([fork("fork", [simple("a")], [simple("b")]), join("join", "a", "b")])
    await flow.fail(wid, "a", "a broke")
    wf = await flow.until(wid, "FAILED")
    assert dict(statuses(wf)) == {"fork": "COMPLETED", "a": "FAILED", "b": "CANCELED", "join": "CANCELED"}
    assert "a broke" in wf["reasonForIncompletion"]
    assert wf["failedReferenceTaskNames"] == ["a"]


async def test_optional_branch_failure_completes_with_errors(flow: Driver) -> None:
    await flow.taskdefs(["a", "b"])
    wid = await flow.run(
        [fork("fork", [simple("a", optional=True)], [simple("b")]), join("join", "a", "b"), inline("x", "1")]
    )
    await flow.fail(wid, "a", "optional broke")
    await flow.complete(wid, "b", {"fine": True})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "a")["status"] == "COMPLETED_WITH_ERRORS"
    jn = task(wf, "join")
    assert jn["status"] == "COMPLETED_WITH_ERRORS"
    assert "completed with errors" in jn["reasonForIncompletion"]
    assert jn["outputData"] == {"b": {"fine": True}}


async def test_permissive_branch_failure_waits_for_siblings_then_fails(flow: Driver) -> None:
    await flow.taskdefs(["a", "b"])
    wid = await flow.run(
        [fork("fork", [simple("a", permissive=True)], [simple("b")]), join("join", "a", "b")]
    )
    await flow.fail(wid, "a", "permissive broke")
    await flow.until_task(wid, "a", "FAILED")
    wf = await flow.get(wid)
    assert wf["status"] == "RUNNING"
    assert task(wf, "join")["status"] == "IN_PROGRESS"
    await flow.complete(wid, "b")
    wf = await flow.until(wid, "FAILED")
    assert task(wf, "join")["status"] == "FAILED"
    assert "permissive broke" in task(wf, "join")["reasonForIncompletion"]


async def test_permissive_failure_outside_a_join_fails_at_completion(flow: Driver) -> None:
    await flow.taskdef("p")
    wid = await flow.run([simple("p", permissive=True), inline("after", "1")])
    await flow.fail(wid, "p", "perm")
    wf = await flow.until(wid, "FAILED")
    p = task(wf, "p")
    assert task(wf, "after")["status"] == "COMPLETED"  # the workflow went on
    assert wf["reasonForIncompletion"] == f"Task {p['taskId']} failed with status: FAILED and reason: 'perm'"


async def test_retried_branch_task_joins_on_its_newest_attempt(flow: Driver) -> None:
    await flow.taskdef("a", retryCount=1)
    wid = await flow.run([fork("fork", [simple("a")], [inline("b", "1")]), join("join", "a", "b")])
    await flow.fail(wid, "a", "first try")
    await flow.until_task(wid, "a", "SCHEDULED")
    await flow.complete(wid, "a", {"try": 2})
    wf = await flow.until(wid, "COMPLETED")
    assert [t["status"] for t in wf["tasks"] if t["referenceTaskName"] == "a"] == ["FAILED", "COMPLETED"]
    assert task(wf, "join")["outputData"]["a"] == {"try": 2}


async def test_nested_fork_inside_a_fork(flow: Driver) -> None:
    inner = [fork("inner", [inline("x", "'x'")], [inline("y", "'y'")]), join("inner_join", "x", "y")]
    wid = await flow.run([fork("outer", inner, [simple("w")]), join("outer_join", "inner_join", "w")])
    await flow.complete(wid, "w", {"w": 1})
    wf = await flow.until(wid, "COMPLETED")
    assert sorted(refs(wf)) == sorted(["outer", "inner", "x", "y", "inner_join", "w", "outer_join"])
    assert set(task(wf, "outer_join")["outputData"]) == {"inner_join", "w"}


async def test_loop_inside_a_fork_branch(flow: Driver) -> None:
    loop = do_while("loop", "$.loop['iteration'] < 3", [inline("step", "$.i", i="${loop.output.iteration}")])
    wid = await flow.run([fork("fork", [loop], [simple("side")]), join("join", "loop", "side")])
    await flow.complete(wid, "side")
    wf = await flow.until(wid, "COMPLETED")
    assert [r for r in refs(wf) if r.startswith("step")] == ["step__1", "step__2", "step__3"]
    assert task(wf, "join")["outputData"]["loop"]["iteration"] == 3


async def test_terminated_workflow_cancels_every_branch(flow: Driver) -> None:
    wid = await flow.run([fork("fork", [simple("a")], [simple("b")]), join("join", "a", "b")])
    await flow.until_task(wid, "join")
    r = await flow.api.delete(f"/workflow/{wid}", params={"reason": "stop"})
    assert r.status_code == 200
    wf = await flow.until(wid, "TERMINATED")
    assert dict(statuses(wf)) == {"fork": "COMPLETED", "a": "CANCELED", "b": "CANCELED", "join": "CANCELED"}
    assert wf["reasonForIncompletion"] == "stop"
