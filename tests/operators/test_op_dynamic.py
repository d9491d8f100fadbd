"""DYNAMIC: the task to run is named by the input (docs/engine.md §6.2)."""

from __future__ import annotations

from typing import Any

from driver import Driver
from operators.flow import Json, inline, refs, task


def dynamic(ref: str, **inputs: Any) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "DYNAMIC",
        "dynamicTaskNameParam": "taskToRun",
        "inputParameters": inputs,
    }


async def test_runs_the_named_task_queued_under_its_name(flow: Driver) -> None:
    await flow.taskdef("ship_by_air")
    wid = await flow.run(
        [dynamic("ship", taskToRun="${workflow.input.mode}", parcel="${workflow.input.parcel}")],
        {"mode": "ship_by_air", "parcel": 7},
    )
    polled = await flow.work("ship_by_air", {"tracking": "X1"})
    assert polled["referenceTaskName"] == "ship"
    assert polled["taskType"] == "ship_by_air"
    assert polled["taskDefName"] == "ship_by_air"
    assert polled["inputData"] == {"taskToRun": "ship_by_air", "parcel": 7}
    wf = await flow.until(wid, "COMPLETED")
    assert wf["output"] == {"tracking": "X1"}


async def test_uses_the_named_task_definition_for_retries(flow: Driver) -> None:
    await flow.taskdef("flaky", retryCount=1)
    wid = await flow.run([dynamic("dyn", taskToRun="flaky")])
    await flow.fail(wid, "dyn", "once")
    retry = await flow.until_task(wid, "dyn", "SCHEDULED")
    assert retry["retryCount"] == 1
    await flow.complete(wid, "dyn")
    await flow.until(wid, "COMPLETED")


async def test_dynamic_system_task_name_runs_that_system_task(flow: Driver) -> None:
    await flow.taskdef("INLINE")
    wid = await flow.run([dynamic("dyn", taskToRun="INLINE", evaluatorType="javascript", expression="6 * 7")])
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "dyn")["outputData"] == {"result": 42}


async def test_unknown_task_name_fails_the_workflow(flow: Driver) -> None:
    wid = await flow.run(
        [dynamic("dyn", taskToRun="${workflow.input.name}"), inline("after", "1")], {"name": "nope"}
    )
    wf = await flow.until(wid, "FAILED")
    assert wf["tasks"] == []
    assert wf["reasonForIncompletion"] == (
        "Invalid task specified.  Cannot find task by name nope in the task definitions"
    )


async def test_task_registered_after_start_is_found(flow: Driver) -> None:
    name = await flow.define(
        [inline("first", "1"), {**dynamic("dyn", taskToRun="late_task"), "startDelay": 0}]
    )
    await flow.taskdef("late_task")
    wid = await flow.start(name)
    await flow.work("late_task")
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["first", "dyn"]


async def test_missing_name_parameter_fails_the_workflow(flow: Driver) -> None:
    wid = await flow.run([dynamic("dyn", other="x")])
    wf = await flow.until(wid, "FAILED")
    assert wf["reasonForIncompletion"].startswith(
        "Cannot map a dynamic task based on the parameter and input. Parameter= taskToRun"
    )
