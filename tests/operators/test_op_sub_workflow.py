"""SUB_WORKFLOW: children by name/version or inline definition, propagation both ways
(docs/engine.md §6.9; e2e SubWorkflowInlineTests, SubWorkflowVersionTests, SubWorkflowScheduledRaceTests)."""

from __future__ import annotations

import asyncio
import hashlib
import uuid

from conductor.server.clock import FakeClock
from driver import Driver
from operators.flow import Json, fork, inline, join, refs, simple, sub_workflow, task


def uuid3_java(seed: str) -> str:
    digest = bytearray(hashlib.md5(seed.encode()).digest())
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


async def versioned_child(flow: Driver) -> str:
    """A child workflow in versions 1 and 2 whose output names its version."""
    name = await flow.define([inline("v", "'v1'")], outputParameters={"version": "v1"})
    await flow.define([inline("v", "'v2'")], name=name, version=2, outputParameters={"version": "v2"})
    return name


async def test_child_runs_and_its_output_becomes_the_task_output(flow: Driver) -> None:
    child = await flow.define([simple("child_work")], outputParameters={"total": "${child_work.output.n}"})
    wid = await flow.run(
        [simple("dt2"), sub_workflow("sub", child, 1, inputParameters={"x": "${dt2.output.x}"})],
        correlation_id=None,
    )
    await flow.complete(wid, "dt2", {"x": 5})
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    child_id = sub["subWorkflowId"]
    assert sub["outputData"]["subWorkflowId"] == child_id
    assert sub["inputData"]["subWorkflowName"] == child
    assert sub["inputData"]["subWorkflowVersion"] == 1
    assert sub["inputData"]["workflowInput"] == {"x": 5}
    child_wf = await flow.get(child_id)
    assert child_wf["status"] == "RUNNING"
    assert child_wf["input"] == {"x": 5}
    assert child_wf["parentWorkflowId"] == wid
    assert child_wf["parentWorkflowTaskId"] == sub["taskId"]
    assert "_systemMetadata" not in child_wf["input"]
    await flow.complete(child_id, "child_work", {"n": 9})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "sub")["outputData"] == {"subWorkflowId": child_id, "total": 9}


async def test_child_id_is_deterministic(flow: Driver) -> None:
    """SubWorkflowScheduledRaceTests: parallel parents, each child id = UUIDv3 of its seed."""
    child = await flow.define([inline("only", "1")])
    parent = await flow.define([sub_workflow("sub", child, 1)])
    ids = await asyncio.gather(*(flow.start(parent) for _ in range(15)))
    for wid in ids:
        wf = await flow.until(wid, "COMPLETED", within=30)
        sub = task(wf, "sub")
        assert sub["subWorkflowId"] == uuid3_java(f"subworkflow:{wid}:{sub['taskId']}:0")
        child_wf = await flow.get(sub["subWorkflowId"])
        assert child_wf["parentWorkflowId"] == wid
        phantom = uuid3_java(f"subworkflow:{sub['subWorkflowId']}:{sub['taskId']}:0")
        assert (await flow.api.get(f"/workflow/{phantom}")).status_code == 404


async def test_versions_explicit_latest_and_zero(flow: Driver) -> None:
    child = await versioned_child(flow)
    explicit = await flow.run([sub_workflow("sub", child, 1)])
    latest = await flow.run([sub_workflow("sub", child)])
    zero = await flow.run([sub_workflow("sub", child, 0)])
    for wid, expected in ((explicit, "v1"), (latest, "v2"), (zero, "v2")):
        wf = await flow.until(wid, "COMPLETED")
        assert task(wf, "sub")["outputData"]["version"] == expected
    wf = await flow.get(latest)
    # The version is pinned when the parent starts.
    assert task(wf, "sub")["workflowTask"]["subWorkflowParam"]["version"] == 2


async def test_inline_definition_is_marked_dynamic(flow: Driver) -> None:
    inline_def = {
        "name": "inline_child",
        "version": 1,
        "tasks": [simple("dt1")],
        "schemaVersion": 2,
    }
    wid = await flow.run(
        [sub_workflow("sub", subWorkflowParam={"name": "inline_child", "workflowDefinition": inline_def})]
    )
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    child_wf = await flow.get(sub["subWorkflowId"])
    assert child_wf["input"]["_systemMetadata"] == {"dynamic": True}
    assert child_wf["workflowName"] == "inline_child"
    # SubWorkflowInlineTests.testSubWorkflow0version: completing the SUB_WORKFLOW task directly.
    r = await flow.api.post(
        "/tasks",
        json={"workflowInstanceId": wid, "taskId": sub["taskId"], "status": "COMPLETED", "outputData": {}},
    )
    assert r.status_code == 200, r.text
    wf = await flow.until(wid, "COMPLETED")
    assert [t["status"] for t in wf["tasks"]] == ["COMPLETED"]


async def test_definition_from_a_string_expression(flow: Driver) -> None:
    """testSubWorkflowDefinitionFromStringExpression: a builder task returns the child definition."""
    definition = {
        "name": "built_child",
        "version": 1,
        "schemaVersion": 2,
        "tasks": [
            {
                "name": "loop",
                "taskReferenceName": "loop",
                "type": "DO_WHILE",
                "loopCondition": "$.loop['iteration'] < 2",
                "inputParameters": {},
                "loopOver": [
                    inline(
                        "compute", "$.i * $.t", i="${loop.output.iteration}", t="${workflow.input.threshold}"
                    ),
                    {
                        "name": "check",
                        "taskReferenceName": "check",
                        "type": "SWITCH",
                        "evaluatorType": "javascript",
                        "expression": "$.product > $.threshold ? 'true' : 'false'",
                        "inputParameters": {
                            "product": "${compute.output.result}",
                            "threshold": "${workflow.input.threshold}",
                        },
                        "decisionCases": {
                            "true": [simple("high_task", inputParameters={"category": "high"})]
                        },
                        "defaultCase": [inline("low", "'low'")],
                    },
                ],
            },
            inline("final", "true"),
        ],
        "outputParameters": {"loopsDone": "${loop.output.iteration}", "allDone": "${final.output.result}"},
    }
    parent = [
        simple("wf_builder"),
        sub_workflow(
            "sub",
            subWorkflowParam={"name": "built_child", "workflowDefinition": "${wf_builder.output.result}"},
            inputParameters={"threshold": 1},
        ),
    ]
    wid = await flow.run(parent)
    await flow.complete(wid, "wf_builder", {"result": definition})
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    child_id = sub["subWorkflowId"]
    high = await flow.until_task(child_id, "high_task__2", "SCHEDULED")
    assert high["inputData"] == {"category": "high"}
    child_wf = await flow.get(child_id)
    assert task(child_wf, "low__1")["status"] == "COMPLETED"
    assert child_wf["input"]["_systemMetadata"] == {"dynamic": True}
    await flow.update(high, "COMPLETED")
    child_wf = await flow.until(child_id, "COMPLETED")
    assert child_wf["output"] == {"loopsDone": 2, "allDone": True}
    await flow.until(wid, "COMPLETED")


async def test_priority_idempotency_and_domains_are_forwarded(flow: Driver) -> None:
    child = await flow.define([inline("x", "1")])
    node = sub_workflow(
        "sub",
        subWorkflowParam={
            "name": child,
            "version": 1,
            "priority": 7,
            "idempotencyKey": "key-${workflow.input.k}",
            "idempotencyStrategy": "RETURN_EXISTING",
            "taskToDomain": {"child_task": "blue"},
        },
    )
    wid = await flow.start(
        await flow.define([node]), {"k": "1"}, correlationId="corr-1", taskToDomain={"*": "red"}
    )
    wf = await flow.until(wid, "COMPLETED")
    sub = task(wf, "sub")
    assert sub["inputData"]["idempotencyKey"] == "key-1"
    assert sub["inputData"]["idempotencyStrategy"] == "RETURN_EXISTING"
    child_wf = await flow.get(sub["subWorkflowId"])
    assert child_wf["priority"] == 7
    assert child_wf["correlationId"] == "corr-1"
    assert child_wf["taskToDomain"] == {"child_task": "blue"}


async def test_child_inherits_the_parents_task_to_domain(flow: Driver) -> None:
    child = await flow.define([simple("dt1")])
    wid = await flow.start(await flow.define([sub_workflow("sub", child, 1)]), taskToDomain={"dt1": "green"})
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    child_wf = await flow.get(sub["subWorkflowId"])
    assert child_wf["taskToDomain"] == {"dt1": "green"}
    assert task(child_wf, "dt1")["domain"] == "green"


async def test_failed_child_fails_the_parent(flow: Driver) -> None:
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1), simple("never")])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    await flow.fail(sub["subWorkflowId"], "child_work", "deep failure")
    wf = await flow.until(wid, "FAILED")
    assert refs(wf) == ["sub"]
    sub = task(wf, "sub")
    assert sub["status"] == "FAILED"
    child_wf = await flow.get(sub["subWorkflowId"])
    assert sub["reasonForIncompletion"] == (
        f"Sub workflow {child}.1/{child_wf['workflowId']} failure reason: {child_wf['reasonForIncompletion']}"
    )
    assert "deep failure" in wf["reasonForIncompletion"]


async def test_optional_failed_child_lets_the_parent_complete(flow: Driver) -> None:
    await flow.taskdef("child_work")
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1, optional=True), inline("after", "1")])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    await flow.fail(sub["subWorkflowId"], "child_work")
    wf = await flow.until(wid, "COMPLETED")
    assert [t["status"] for t in wf["tasks"]] == ["COMPLETED_WITH_ERRORS", "COMPLETED"]


async def test_terminated_child_cancels_the_parent_task(flow: Driver) -> None:
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    r = await flow.api.delete(f"/workflow/{sub['subWorkflowId']}", params={"reason": "manual"})
    assert r.status_code == 200
    wf = await flow.until(wid, "TERMINATED")
    assert task(wf, "sub")["status"] == "CANCELED"
    assert "manual" in task(wf, "sub")["reasonForIncompletion"]


async def test_terminated_parent_terminates_the_child(flow: Driver) -> None:
    child = await flow.define([simple("child_work")])
    wid = await flow.run([sub_workflow("sub", child, 1)])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    r = await flow.api.delete(f"/workflow/{wid}", params={"reason": "stop all"})
    assert r.status_code == 200
    child_wf = await flow.until(sub["subWorkflowId"], "TERMINATED")
    assert child_wf["reasonForIncompletion"] == "Parent workflow has been terminated with reason: stop all"
    assert task(child_wf, "child_work")["status"] == "CANCELED"
    wf = await flow.get(wid)
    assert task(wf, "sub")["status"] == "CANCELED"


async def test_timed_out_child_times_out_the_parent_task(flow: Driver, clock: FakeClock) -> None:
    child = await flow.define([simple("child_work")], timeoutSeconds=1, timeoutPolicy="TIME_OUT_WF")
    wid = await flow.run([sub_workflow("sub", child, 1)])
    await flow.until_task(wid, "sub", "IN_PROGRESS")
    clock.advance(1.1)
    wf = await flow.until(wid, "TIMED_OUT", within=15)
    assert task(wf, "sub")["status"] == "TIMED_OUT"


async def test_terminate_inside_child_ends_only_the_child(flow: Driver) -> None:
    child = await flow.define(
        [
            {
                "name": "stop",
                "taskReferenceName": "stop",
                "type": "TERMINATE",
                "inputParameters": {"terminationStatus": "COMPLETED", "workflowOutput": {"early": True}},
            },
            simple("never"),
        ]
    )
    wid = await flow.run([sub_workflow("sub", child, 1), inline("after", "1")])
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "sub")["outputData"]["early"] is True
    assert refs(wf) == ["sub", "after"]


async def test_sub_workflow_inside_a_fork(flow: Driver) -> None:
    child = await flow.define([simple("child_work")])
    wid = await flow.run(
        [fork("fk", [sub_workflow("s1", child, 1)], [sub_workflow("s2", child, 1)]), join("jn", "s1", "s2")]
    )
    s1 = await flow.until_task(wid, "s1", "IN_PROGRESS")
    s2 = await flow.until_task(wid, "s2", "IN_PROGRESS")
    await flow.complete(s1["subWorkflowId"], "child_work", {"a": 1})
    await flow.complete(s2["subWorkflowId"], "child_work", {"b": 2})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "jn")["outputData"]["s2"]["b"] == 2


async def test_unknown_workflow_name_fails_the_parent(flow: Driver) -> None:
    wid = await flow.run([inline("first", "1"), sub_workflow("sub", "no_such_workflow")])
    wf = await flow.until(wid, "FAILED")
    assert refs(wf) == ["first"]
    assert wf["reasonForIncompletion"] == (
        "The Task no_such_workflow defined as a sub-workflow has no workflow definition available "
    )


async def test_unknown_version_fails_the_parent(flow: Driver) -> None:
    child = await flow.define([inline("x", "1")])
    wid = await flow.run([sub_workflow("sub", child, 9)])
    wf = await flow.until(wid, "FAILED")
    sub = task(wf, "sub")
    assert sub["status"] == "FAILED"
    assert f"name={child}, version=9" in sub["reasonForIncompletion"]
    healthy = await flow.run([sub_workflow("sub", child, 1)])
    await flow.until(healthy, "COMPLETED")


async def test_unknown_name_from_an_expression_fails_the_parent(flow: Driver) -> None:
    wid = await flow.run([sub_workflow("sub", "${workflow.input.which}")], {"which": "ghost"})
    wf = await flow.until(wid, "FAILED")
    assert "ghost" in wf["reasonForIncompletion"]


def child_tasks(wf: Json) -> list[str]:
    return [t["taskType"] for t in wf["tasks"]]
