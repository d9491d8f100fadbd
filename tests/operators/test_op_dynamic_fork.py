"""FORK_JOIN_DYNAMIC in both input forms, plus the legacy one (docs/engine.md §6.14; e2e DynamicForkTests)."""

from __future__ import annotations

from typing import Any

from driver import Driver
from operators.flow import Json, join, refs, simple, statuses, task


def dynamic_fork(ref: str, **inputs: Any) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "FORK_JOIN_DYNAMIC",
        "inputParameters": inputs,
        "dynamicForkTasksParam": "dynamicTasks",
        "dynamicForkTasksInputParamName": "dynamicTasksInput",
    }


def classic_workflow() -> list[Json]:
    """dt1 decides the branches; the fork reads them from its output (the e2e definition)."""
    return [
        simple("dt1"),
        dynamic_fork(
            "dynamic_fork",
            dynamicTasks="${dt1.output.dynamicTasks}",
            dynamicTasksInput="${dt1.output.dynamicTasksInput}",
        ),
        join("dynamic_join"),
    ]


async def test_classic_form_forks_listed_tasks_with_their_inputs(flow: Driver) -> None:
    await flow.taskdefs(["xdt1", "xdt2"])
    wid = await flow.run(classic_workflow())
    await flow.complete(
        wid,
        "dt1",
        {
            "dynamicTasks": [
                {"name": "xdt1", "taskReferenceName": "xdt1_ref", "inputParameters": {"static": 1}},
                {"name": "xdt2", "taskReferenceName": "xdt2_ref"},
            ],
            "dynamicTasksInput": {"xdt1_ref": {"k": "v1"}, "xdt2_ref": {"k": "v2"}},
        },
    )
    wf = await flow.until_task(wid, "dynamic_join")
    wf = await flow.get(wid)
    assert statuses(wf) == [
        ("dt1", "COMPLETED"),
        ("dynamic_fork", "COMPLETED"),
        ("xdt1_ref", "SCHEDULED"),
        ("xdt2_ref", "SCHEDULED"),
        ("dynamic_join", "IN_PROGRESS"),
    ]
    fk = task(wf, "dynamic_fork")
    assert fk["taskType"] == "FORK"
    assert fk["inputData"]["forkedTasks"] == ["xdt1_ref", "xdt2_ref"]
    assert task(wf, "xdt1_ref")["inputData"] == {"static": 1, "k": "v1"}
    assert task(wf, "xdt2_ref")["taskType"] == "xdt2"
    assert task(wf, "dynamic_join")["inputData"]["joinOn"] == ["xdt1_ref", "xdt2_ref"]
    await flow.work("xdt1", {"r": 1})
    await flow.work("xdt2", {"r": 2})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "dynamic_join")["outputData"] == {"xdt1_ref": {"r": 1}, "xdt2_ref": {"r": 2}}


async def test_optional_branch_is_retried_per_its_task_def(flow: Driver) -> None:
    """e2e testTaskDynamicForkOptional: xdt2 is optional with retries; its retry completes."""
    await flow.taskdef("xdt1")
    await flow.taskdef("xdt2", retryCount=3)
    wid = await flow.run(classic_workflow())
    await flow.complete(
        wid,
        "dt1",
        {
            "dynamicTasks": [
                {"name": "xdt1", "taskReferenceName": "xdt1"},
                {"name": "xdt2", "taskReferenceName": "xdt2", "optional": True},
            ],
            "dynamicTasksInput": {"xdt1": {}, "xdt2": {}},
        },
    )
    await flow.fail(wid, "xdt2", "first attempt")
    await flow.until_task(wid, "xdt2", "SCHEDULED")
    wf = await flow.get(wid)
    assert len(wf["tasks"]) == 6
    assert wf["tasks"][3]["status"] == "FAILED"
    assert wf["tasks"][5]["referenceTaskName"] == "xdt2"
    await flow.complete(wid, "xdt1")
    await flow.complete(wid, "xdt2")
    wf = await flow.until(wid, "COMPLETED")
    assert len(wf["tasks"]) == 6
    assert task(wf, "dynamic_join")["status"] == "COMPLETED"


async def test_simple_form_fork_task_name_and_inputs(flow: Driver) -> None:
    await flow.taskdef("resize")
    wid = await flow.run(
        [
            dynamic_fork("fan", forkTaskName="resize", forkTaskInputs="${workflow.input.images}"),
            join("fan_join"),
        ],
        {"images": [{"url": "a.png"}, {"url": "b.png"}, "c.png"]},
    )
    wf = await flow.until_task(wid, "fan_join")
    wf = await flow.get(wid)
    assert refs(wf) == ["fan", "_resize_0", "_resize_1", "_resize_2", "fan_join"]
    assert task(wf, "_resize_0")["inputData"] == {"url": "a.png", "__index": 0}
    assert task(wf, "_resize_2")["inputData"] == {"input": "c.png", "__index": 2}
    for _ in range(3):
        await flow.work("resize", {"ok": True})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "fan_join")["inputData"]["joinOn"] == ["_resize_0", "_resize_1", "_resize_2"]


async def test_two_simple_forks_of_one_task_get_unique_references(flow: Driver) -> None:
    await flow.taskdef("resize")
    wid = await flow.run(
        [
            dynamic_fork("first", forkTaskName="resize", forkTaskInputs=[1, 2]),
            join("first_join"),
            dynamic_fork("second", forkTaskName="resize", forkTaskInputs=[3]),
            join("second_join"),
        ]
    )
    for _ in range(3):
        await flow.work("resize")
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == [
        "first", "_resize_0", "_resize_1", "first_join", "second", "_second_resize_0", "second_join",
    ]  # fmt: skip


async def test_simple_form_sub_workflow_branches(flow: Driver) -> None:
    child = await flow.define([simple("child_work")])
    wid = await flow.run(
        [
            dynamic_fork("fan", forkTaskWorkflow=child, forkTaskInputs=[{"n": 1}, {"n": 2}]),
            join("fan_join"),
        ]
    )
    wf = await flow.until_task(wid, "_fan_1", "IN_PROGRESS")
    wf = await flow.get(wid)
    subs = [t for t in wf["tasks"] if t["taskType"] == "SUB_WORKFLOW"]
    assert [s["inputData"]["subWorkflowVersion"] for s in subs] == [1, 1]
    for s in subs:
        child_wf = await flow.get(s["subWorkflowId"])
        assert child_wf["input"]["n"] == s["inputData"]["workflowInput"]["n"]
        await flow.complete(s["subWorkflowId"], "child_work")
    wf = await flow.until(wid, "COMPLETED")
    assert len(wf["tasks"]) == 4


async def test_legacy_dynamic_fork_join_tasks_param(flow: Driver) -> None:
    await flow.taskdef("legacy")
    node = {
        "name": "fan",
        "taskReferenceName": "fan",
        "type": "FORK_JOIN_DYNAMIC",
        "dynamicForkJoinTasksParam": "tasks",
        "inputParameters": {"tasks": "${workflow.input.tasks}"},
    }
    spec = {
        "dynamicTasks": [
            {"taskName": "legacy", "referenceName": "l1", "type": "SIMPLE", "input": {"a": 1}},
            {"taskName": "legacy", "referenceName": "l2", "type": "SIMPLE", "input": {"a": 2}},
        ]
    }
    wid = await flow.run([node, join("fan_join")], {"tasks": spec})
    await flow.work("legacy")
    await flow.work("legacy")
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["fan", "l1", "l2", "fan_join"]
    assert task(wf, "l2")["inputData"] == {"a": 2}


async def test_empty_list_joins_at_once(flow: Driver) -> None:
    wid = await flow.run(
        [dynamic_fork("fan", dynamicTasks=[], dynamicTasksInput={}), join("fan_join"), simple("after")]
    )
    await flow.complete(wid, "after")
    wf = await flow.until(wid, "COMPLETED")
    assert statuses(wf) == [("fan", "COMPLETED"), ("fan_join", "COMPLETED"), ("after", "COMPLETED")]


async def test_branch_without_reference_name_fails_the_workflow(flow: Driver) -> None:
    """e2e testTaskDynamicForkNullTaskReferenceName: FAILED, with only dt1."""
    wid = await flow.run(classic_workflow())
    await flow.complete(wid, "dt1", {"dynamicTasks": [{"name": "xdt1"}], "dynamicTasksInput": {"xdt1": {}}})
    wf = await flow.until(wid, "FAILED")
    assert len(wf["tasks"]) == 1
    assert "Input 'dynamicTasks' is invalid" in wf["reasonForIncompletion"]


async def test_non_map_branch_inputs_fail_the_workflow(flow: Driver) -> None:
    wid = await flow.run(
        [
            dynamic_fork(
                "fan",
                dynamicTasks=[{"name": "x", "taskReferenceName": "x"}],
                dynamicTasksInput="not a map",
            ),
            join("fan_join"),
        ]
    )
    wf = await flow.until(wid, "FAILED")
    assert wf["tasks"] == []
    assert wf["reasonForIncompletion"].startswith("Input to the dynamically forked tasks is not a map")


async def test_duplicate_branch_references_fail_the_workflow(flow: Driver) -> None:
    branches = [{"name": "x", "taskReferenceName": "same"}, {"name": "x", "taskReferenceName": "same"}]
    wid = await flow.run([dynamic_fork("fan", dynamicTasks=branches, dynamicTasksInput={}), join("fan_join")])
    wf = await flow.until(wid, "FAILED")
    assert "duplicate task reference name: same" in wf["reasonForIncompletion"]
    ok = await flow.run([dynamic_fork("fan", dynamicTasks=[], dynamicTasksInput={}), join("fan_join")])
    await flow.until(ok, "COMPLETED")


async def test_sub_workflow_branch_without_a_name_and_with_null_fields(flow: Driver) -> None:
    """testTaskDynamicForkEmptyTaskName: the branch names only its subWorkflowParam; an SDK
    sends the unset fields as nulls."""
    child = await flow.define([simple("http_sub_task")])
    wid = await flow.run(classic_workflow())
    branch = {
        "name": None,
        "taskReferenceName": "test_task",
        "type": "SUB_WORKFLOW",
        "subWorkflowParam": {"name": child, "version": None},
        "taskDefinition": None,
        "inputParameters": {},
    }
    await flow.complete(wid, "dt1", {"dynamicTasks": [branch], "dynamicTasksInput": {}})
    sub = await flow.until_task(wid, "test_task", "IN_PROGRESS")
    wf = await flow.get(wid)
    assert [t["status"] for t in wf["tasks"]] == ["COMPLETED", "COMPLETED", "IN_PROGRESS", "IN_PROGRESS"]
    assert sub["subWorkflowId"]
    assert sub["inputData"]["subWorkflowVersion"] == 1
    await flow.complete(sub["subWorkflowId"], "http_sub_task")
    await flow.until(wid, "COMPLETED")
