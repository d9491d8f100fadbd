"""TERMINATE: ends the workflow with a status, a reason and an output (docs/engine.md §6.11)."""

from __future__ import annotations

from driver import Driver
from operators.flow import fork, inline, join, refs, simple, statuses, task, terminate


async def test_completed_termination_uses_workflow_output(flow: Driver) -> None:
    wid = await flow.run(
        [
            inline("first", "'x'"),
            terminate("stop", "COMPLETED", "early exit", {"value": "${first.output.result}"}),
            simple("never"),
        ],
        outputParameters={"ignored": "yes"},
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["first", "stop"]
    assert wf["output"] == {"value": "x"}
    assert wf["reasonForIncompletion"] == "early exit"
    assert task(wf, "stop")["outputData"] == {"value": "x"}


async def test_failed_termination_fails_and_starts_the_failure_workflow(flow: Driver) -> None:
    handler = await flow.define([inline("handle", "1")])
    wid = await flow.run([terminate("stop", "FAILED", "bad input")], {"k": 1}, failureWorkflow=handler)
    wf = await flow.until(wid, "FAILED")
    assert wf["reasonForIncompletion"] == "bad input"
    failure_id = await flow.until_output(wid, "conductor.failure_workflow")
    failure = await flow.until(failure_id, "COMPLETED")
    assert failure["input"]["workflowId"] == wid
    assert failure["input"]["reason"] == "bad input"
    assert failure["input"]["failureStatus"] == "FAILED"
    assert failure["input"]["k"] == 1


async def test_terminated_termination_with_default_reason(flow: Driver) -> None:
    wid = await flow.run([terminate("stop", "TERMINATED")])
    wf = await flow.until(wid, "TERMINATED")
    stop = task(wf, "stop")
    assert wf["reasonForIncompletion"] == f"Workflow is TERMINATED by TERMINATE task: {stop['taskId']}"
    assert wf["output"] == {}


async def test_non_map_output_is_wrapped(flow: Driver) -> None:
    wid = await flow.run([terminate("stop", "COMPLETED", output="${workflow.input.v}")], {"v": [1, 2]})
    wf = await flow.until(wid, "COMPLETED")
    assert wf["output"] == {"output": [1, 2]}


async def test_pending_siblings_in_a_fork_are_canceled(flow: Driver) -> None:
    wid = await flow.run(
        [
            fork("fk", [simple("slow")], [inline("x", "1"), terminate("stop", "COMPLETED")]),
            join("jn", "slow", "stop"),
        ]
    )
    wf = await flow.until(wid, "COMPLETED")
    assert dict(statuses(wf)) == {
        "fk": "COMPLETED",
        "slow": "CANCELED",
        "x": "COMPLETED",
        "stop": "COMPLETED",
        "jn": "CANCELED",
    }
