"""EXCLUSIVE_JOIN: continue with the output of whichever SWITCH branch ran (docs/engine.md §6.15)."""

from __future__ import annotations

from typing import Any

from driver import Driver
from operators.flow import Json, inline, refs, simple, switch, task


def exclusive_join(ref: str, *join_on: str, default: list[str] | None = None) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "EXCLUSIVE_JOIN",
        "joinOn": list(join_on),
        "defaultExclusiveJoinTask": default or [],
    }


def branching(**inputs: Any) -> list[Json]:
    return [
        switch(
            "route",
            "kind",
            {"a": [simple("a1"), simple("a2")], "b": [inline("b1", "'from b'")]},
            [inline("d1", "'from default'")],
            kind="${workflow.input.kind}",
        ),
        exclusive_join("xjoin", "a2", "b1", default=["d1"]),
        inline("after", "$.x", x="${xjoin.output.result}"),
    ]


async def test_takes_the_output_of_the_branch_that_ran(flow: Driver) -> None:
    wid = await flow.run(branching(), {"kind": "b"})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["route", "b1", "xjoin", "after"]
    assert task(wf, "xjoin")["outputData"] == {"result": "from b"}
    assert task(wf, "after")["outputData"]["result"] == "from b"


async def test_waits_for_a_branch_of_worker_tasks(flow: Driver) -> None:
    wid = await flow.run(branching(), {"kind": "a"})
    await flow.complete(wid, "a1")
    await flow.complete(wid, "a2", {"result": "from a"})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["route", "a1", "a2", "xjoin", "after"]
    assert task(wf, "after")["outputData"]["result"] == "from a"


async def test_default_branch_is_checked_last(flow: Driver) -> None:
    wid = await flow.run(branching(), {"kind": "zzz"})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "xjoin")["outputData"] == {"result": "from default"}


async def test_failed_branch_fails_the_join(flow: Driver) -> None:
    await flow.taskdefs(["a1", "a2"])
    wid = await flow.run(branching(), {"kind": "a"})
    await flow.complete(wid, "a1")
    await flow.fail(wid, "a2", "a2 broke")
    wf = await flow.until(wid, "FAILED")
    assert "a2 broke" in wf["reasonForIncompletion"]


async def test_inside_a_loop_joins_on_this_iterations_branch(flow: Driver) -> None:
    body = [
        switch(
            "route",
            "$.i % 2 == 1 ? 'odd' : 'even'",
            {"odd": [inline("o", "'odd ' + $.i", i="${loop.output.iteration}")]},
            [inline("e", "'even ' + $.i", i="${loop.output.iteration}")],
            evaluator="javascript",
            i="${loop.output.iteration}",
        ),
        exclusive_join("xjoin", "o", default=["e"]),
    ]
    loop = {
        "name": "loop",
        "taskReferenceName": "loop",
        "type": "DO_WHILE",
        "loopCondition": "$.loop['iteration'] < 3",
        "loopOver": body,
        "inputParameters": {},
    }
    wid = await flow.run([loop])
    wf = await flow.until(wid, "COMPLETED")
    assert [task(wf, f"xjoin__{i}")["outputData"]["result"] for i in (1, 2, 3)] == [
        "odd 1",
        "even 2",
        "odd 3",
    ]
