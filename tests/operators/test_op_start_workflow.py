"""START_WORKFLOW: fire and forget (docs/engine.md §6.10)."""

from __future__ import annotations

from driver import Driver
from operators.flow import Json, inline, simple, task


def start_workflow(ref: str, request: object) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "START_WORKFLOW",
        "inputParameters": {"startWorkflow": request},
    }


async def test_starts_an_unlinked_workflow_and_completes_at_once(flow: Driver) -> None:
    other = await flow.define([simple("other_work")])
    wid = await flow.start(
        await flow.define(
            [start_workflow("launch", {"name": other, "version": 1, "input": {"x": "${workflow.input.x}"}})]
        ),
        {"x": 3},
        correlationId="corr",
        taskToDomain={"*": "d"},
    )
    wf = await flow.until(wid, "COMPLETED")
    started_id = task(wf, "launch")["outputData"]["workflowId"]
    started = await flow.get(started_id)
    assert started["status"] == "RUNNING"  # the launcher does not wait
    assert started["input"] == {"x": 3}
    assert started["correlationId"] == "corr"
    assert started["taskToDomain"] == {"*": "d"}
    assert started.get("parentWorkflowId") is None


async def test_inline_definition(flow: Driver) -> None:
    definition = {"name": "fire_and_forget", "version": 1, "schemaVersion": 2, "tasks": [inline("x", "1")]}
    wid = await flow.run([start_workflow("launch", {"name": "fire_and_forget", "workflowDef": definition})])
    wf = await flow.until(wid, "COMPLETED")
    await flow.until(task(wf, "launch")["outputData"]["workflowId"], "COMPLETED")


async def test_missing_request_fails(flow: Driver) -> None:
    wid = await flow.run(
        [
            {
                "name": "launch",
                "taskReferenceName": "launch",
                "type": "START_WORKFLOW",
                "inputParameters": {"startWorkflow": "${workflow.input.nothing}"},
            }
        ]
    )
    wf = await flow.until(wid, "FAILED")
    assert task(wf, "launch")["reasonForIncompletion"] == "Missing 'startWorkflow' in input data."


async def test_unknown_workflow_fails_the_task(flow: Driver) -> None:
    wid = await flow.run([start_workflow("launch", {"name": "no_such_wf"})])
    wf = await flow.until(wid, "FAILED")
    assert "no_such_wf" in task(wf, "launch")["reasonForIncompletion"]
