"""DO_WHILE: a true do-while with `__N` iteration references (docs/engine.md §6.13; e2e DoWhileTests,
DoWhileEdgeCasesTests)."""

from __future__ import annotations

import pytest

from conductor.server.clock import FakeClock
from driver import Driver
from operators.flow import (
    do_while,
    fork,
    inline,
    join,
    refs,
    set_variable,
    simple,
    statuses,
    sub_workflow,
    switch,
    task,
    wait,
)


async def test_condition_is_evaluated_after_each_iteration(flow: Driver) -> None:
    """`iteration < 3` runs three iterations: the body always runs before the condition."""
    loop = do_while(
        "loop",
        "$.loop['iteration'] < 3",
        [simple("work"), inline("calc", "$.i * 10", i="${loop.output.iteration}")],
    )
    wid = await flow.run([loop, inline("after", "'done'")])
    for i in (1, 2, 3):
        await flow.complete(wid, f"work__{i}", {"n": i})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == [
        "loop", "work__1", "calc__1", "work__2", "calc__2", "work__3", "calc__3", "after",
    ]  # fmt: skip
    body = [t for t in wf["tasks"] if t["referenceTaskName"] != "loop" and t["referenceTaskName"] != "after"]
    assert [t["iteration"] for t in body] == [1, 1, 2, 2, 3, 3]
    lp = task(wf, "loop")
    assert lp["status"] == "COMPLETED"
    assert lp["iteration"] == 3
    out = lp["outputData"]
    assert out["iteration"] == 3
    assert out["1"] == {"work": {"n": 1}, "calc": {"result": 10}}
    assert out["3"] == {"work": {"n": 3}, "calc": {"result": 30}}
    assert task(wf, "calc__2")["inputData"]["i"] == 2


async def test_body_runs_once_when_condition_is_false_at_once(flow: Driver) -> None:
    wid = await flow.run([do_while("loop", "false", [inline("once", "1")])])
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["loop", "once__1"]
    assert task(wf, "loop")["outputData"]["iteration"] == 1


async def test_condition_sees_body_outputs_and_fresh_variables(flow: Driver) -> None:
    """`$` holds the loop's inputParameters re-resolved now, and each body task's latest output."""
    loop = do_while(
        "loop",
        "$.count < 3 && $.bump['result'] < 100",
        [
            set_variable("inc", count="${bump.output.result}"),
            inline("bump", "$.c + 1", c="${workflow.variables.count}"),
        ],
        inputParameters={"count": "${workflow.variables.count}"},
    )
    wid = await flow.run([set_variable("init", count=0), loop])
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "loop")["outputData"]["iteration"] == 4
    assert wf["variables"]["count"] == 3


async def test_stack_overflower_fifty_sync_iterations(flow: Driver) -> None:
    loop = do_while("loop_ref", "$.loop_ref['iteration'] < $.n", [inline("inc", "1")],
                    inputParameters={"n": "${workflow.input.n}"})  # fmt: skip
    wid = await flow.run([loop], {"n": 50})
    wf = await flow.until(wid, "COMPLETED", within=30)
    assert task(wf, "loop_ref")["outputData"]["iteration"] == 50
    assert len(wf["tasks"]) == 51
    assert task(wf, "inc__50")["status"] == "COMPLETED"


async def test_items_form_iterates_over_a_list(flow: Driver) -> None:
    loop = do_while(
        "each",
        "",
        [inline("use", "$.item + '!'", item="${each.output.loopItem}")],
        items="${workflow.input.xs}",
    )
    wid = await flow.run([loop], {"xs": ["a", "b", "c"]})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["each", "use__1", "use__2", "use__3"]
    assert [task(wf, f"use__{i}")["outputData"]["result"] for i in (1, 2, 3)] == ["a!", "b!", "c!"]
    out = task(wf, "each")["outputData"]
    assert out["iteration"] == 3
    assert out["loopIndex"] == 2
    assert out["loopItem"] == "c"


async def test_items_form_with_empty_list_completes_without_iterating(flow: Driver) -> None:
    loop = do_while("each", "", [inline("use", "1")], items="${workflow.input.xs}")
    wid = await flow.run([loop, inline("after", "2")], {"xs": []})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["each", "after"]
    assert task(wf, "each")["outputData"]["iteration"] == 0


async def test_items_form_stops_early_when_condition_turns_false(flow: Driver) -> None:
    loop = do_while(
        "each", "$.each['loopItem'] != 'stop'", [inline("use", "1")], items="${workflow.input.xs}"
    )
    wid = await flow.run([loop], {"xs": ["a", "stop", "never"]})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["each", "use__1", "use__2"]


async def test_keep_last_n_deletes_old_iterations(flow: Driver) -> None:
    """e2e testKeepLstN3: a FORK of two loops, keepLastN 4 and 2, five iterations each: 18 tasks."""
    loop1 = do_while(
        "do_while_ref_1",
        "$.do_while_ref_1['iteration'] < $.number",
        [set_variable("set_variable_ref_1", name="Orkes"), simple("simple_ref", "simple")],
        inputParameters={"number": 5, "keepLastN": 4},
    )
    loop2 = do_while(
        "do_while_ref",
        "$.do_while_ref['iteration'] < $.number",
        [simple("simple_ref_1", "simple_1"), simple("simple_ref_2", "simple_2")],
        inputParameters={"number": 5, "keepLastN": 2},
    )
    wid = await flow.run(
        [
            fork(
                "fork_ref",
                [inline("inline_ref", "1"), loop1],
                [set_variable("set_variable_ref", name="O"), loop2],
            ),
            join("join_ref", "do_while_ref_1", "do_while_ref"),
        ]
    )
    for i in range(1, 6):
        await flow.complete(wid, f"simple_ref__{i}")
        await flow.complete(wid, f"simple_ref_1__{i}")
        await flow.complete(wid, f"simple_ref_2__{i}")
    wf = await flow.until(wid, "COMPLETED")
    assert len(wf["tasks"]) == 18
    assert [r for r in refs(wf) if r.startswith("simple_ref__")] == [f"simple_ref__{i}" for i in (2, 3, 4, 5)]
    assert sorted(r for r in refs(wf) if r.startswith("simple_ref_1__")) == [
        "simple_ref_1__4",
        "simple_ref_1__5",
    ]
    out = task(wf, "do_while_ref")["outputData"]
    assert sorted(k for k in out if k.isdigit()) == ["4", "5"]
    assert out["iteration"] == 5
    r = await flow.api.get(f"/workflow/{wid}/tasks", params={"count": 100})
    assert r.json()["totalHits"] == 18


async def test_switch_inside_loop_gets_iteration_suffixes(flow: Driver) -> None:
    body = [
        switch(
            "sw",
            "$.i % 2 == 0 ? 'even' : 'odd'",
            {"even": [inline("even", "'e'")], "odd": [inline("odd", "'o'")]},
            evaluator="javascript",
            i="${loop.output.iteration}",
        ),
        inline("tail", "1"),
    ]
    wid = await flow.run([do_while("loop", "$.loop['iteration'] < 3", body)])
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == [
        "loop", "sw__1", "odd__1", "tail__1", "sw__2", "even__2", "tail__2", "sw__3", "odd__3", "tail__3",
    ]  # fmt: skip
    assert task(wf, "loop")["outputData"]["2"]["even"] == {"result": "e"}


async def test_sync_switch_does_not_end_the_iteration_early(flow: Driver) -> None:
    """e2e testDoWhileScriptIsNotEvaledEarlyWhenSyncSystemTaskInside."""
    body = [
        simple("start"),
        switch("check", "ns", {"true": [inline("if_terminate_condition", "false")]}, ns="${start.output.ns}"),
        simple("status_long_running"),
        simple("process"),
    ]
    loop = do_while("loop", "$.process['is_pipeline_failure'] == true", body)
    wid = await flow.run([simple("reserve"), loop, simple("return_token")])
    await flow.complete(wid, "reserve")
    await flow.complete(wid, "start__1", {"ns": True})
    await flow.until_task(wid, "status_long_running__1", "SCHEDULED")
    wf = await flow.get(wid)
    assert task(wf, "if_terminate_condition__1")["status"] == "COMPLETED"
    assert task(wf, "loop")["status"] == "IN_PROGRESS"
    await flow.complete(wid, "status_long_running__1")
    await flow.complete(wid, "process__1")
    await flow.until_task(wid, "return_token", "SCHEDULED")
    assert task(await flow.get(wid), "loop")["status"] == "COMPLETED"
    await flow.complete(wid, "return_token")
    await flow.until(wid, "COMPLETED")


async def test_wait_inside_switch_inside_loop_finishes_before_next_iteration(flow: Driver) -> None:
    """e2e testDoWhileSetVariableFix, with short waits."""
    body = [
        switch(
            "approval",
            "skip",
            {"true": [set_variable("approve", isApproved=True)]},
            [wait("wait_ref_1", "1 s"), set_variable("skip_next", isSkipApproval=True)],
            skip="${workflow.variables.isSkipApproval}",
        )
    ]
    loop = do_while(
        "loop", "!$.isApproved", body, inputParameters={"isApproved": "${workflow.variables.isApproved}"}
    )
    wid = await flow.run([set_variable("init", isApproved=False, isSkipApproval=False), loop])
    wf = await flow.until(wid, "COMPLETED", within=15)
    assert refs(wf) == [
        "init", "loop", "approval__1", "wait_ref_1__1", "skip_next__1", "approval__2", "approve__2",
    ]  # fmt: skip
    assert task(wf, "approval__2")["startTime"] >= task(wf, "wait_ref_1__1")["endTime"]


async def test_fork_inside_loop_joins_on_suffixed_refs(flow: Driver) -> None:
    body = [fork("fk", [simple("a")], [inline("b", "'b'")]), join("jn", "a", "b")]
    wid = await flow.run([do_while("loop", "$.loop['iteration'] < 2", body)])
    await flow.complete(wid, "a__1", {"x": 1})
    await flow.until_task(wid, "a__2", "SCHEDULED")
    wf = await flow.get(wid)
    assert task(wf, "jn__1")["inputData"]["joinOn"] == ["a__1", "b__1"]
    assert task(wf, "jn__1")["outputData"] == {"a__1": {"x": 1}, "b__1": {"result": "b"}}
    await flow.complete(wid, "a__2", {"x": 2})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["loop", "fk__1", "a__1", "b__1", "jn__1", "fk__2", "a__2", "b__2", "jn__2"]


async def test_sub_workflow_inside_loop_starts_one_child_per_iteration(flow: Driver) -> None:
    child = await flow.define([simple("child_task")])
    wid = await flow.run([do_while("loop", "$.loop['iteration'] < 2", [sub_workflow("sub", child, 1)])])
    first = await flow.until_task(wid, "sub__1", "IN_PROGRESS")
    await flow.complete(first["subWorkflowId"], "child_task", {"i": 1})
    second = await flow.until_task(wid, "sub__2", "IN_PROGRESS")
    assert second["subWorkflowId"] != first["subWorkflowId"]
    await flow.complete(second["subWorkflowId"], "child_task", {"i": 2})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "loop")["outputData"]["2"]["sub"]["i"] == 2


async def test_failing_task_fails_the_loop_and_the_workflow(flow: Driver) -> None:
    await flow.taskdef("work")
    wid = await flow.run([do_while("loop", "true", [simple("work")])])
    await flow.complete(wid, "work__1")
    await flow.fail(wid, "work__2", "broken")
    wf = await flow.until(wid, "FAILED")
    assert statuses(wf) == [("loop", "CANCELED"), ("work__1", "COMPLETED"), ("work__2", "FAILED")]
    assert "broken" in wf["reasonForIncompletion"]


async def test_optional_failure_inside_a_loop_does_not_stop_it(flow: Driver) -> None:
    await flow.taskdef("work")
    wid = await flow.run([do_while("loop", "$.loop['iteration'] < 2", [simple("work", optional=True)])])
    await flow.fail(wid, "work__1", "meh")
    await flow.complete(wid, "work__2")
    wf = await flow.until(wid, "COMPLETED")
    assert statuses(wf) == [
        ("loop", "COMPLETED"),
        ("work__1", "COMPLETED_WITH_ERRORS"),
        ("work__2", "COMPLETED"),
    ]


async def test_permissive_failure_inside_a_loop_fails_the_loop(flow: Driver) -> None:
    await flow.taskdef("work")
    wid = await flow.run([do_while("loop", "true", [simple("work", permissive=True), inline("next", "1")])])
    await flow.fail(wid, "work__1", "permissive but fatal for the loop")
    wf = await flow.until(wid, "FAILED")
    lp = task(wf, "loop")
    assert lp["status"] == "FAILED"
    assert lp["reasonForIncompletion"] == "permissive but fatal for the loop"
    assert task(wf, "work__1")["status"] == "FAILED"


async def test_condition_error_fails_the_loop_terminally(flow: Driver) -> None:
    wid = await flow.run([do_while("loop", "$.nothing.here > 1", [inline("x", "1")])])
    wf = await flow.until(wid, "FAILED")
    lp = task(wf, "loop")
    assert lp["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert lp["reasonForIncompletion"].startswith("Unable to evaluate condition")


async def test_endless_loop_is_bounded_by_the_iteration_limit(flow: Driver, server: object) -> None:
    """A condition that never turns false must end, not hang the server."""
    limits = server.components.systasks.get("DO_WHILE")  # type: ignore[attr-defined]
    limits.max_iterations = 25
    wid = await flow.run([do_while("loop", "true", [inline("spin", "1")])])
    wf = await flow.until(wid, "FAILED", within=30)
    lp = task(wf, "loop")
    assert lp["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "25" in lp["reasonForIncompletion"]
    assert lp["iteration"] == 25
    healthy = await flow.run([inline("ok", "1")])
    await flow.until(healthy, "COMPLETED")


async def test_endless_loop_with_keep_last_n_has_a_higher_limit(flow: Driver, server: object) -> None:
    loops = server.components.systasks.get("DO_WHILE")  # type: ignore[attr-defined]
    loops.max_iterations = 5
    loops.max_kept_iterations = 40
    wid = await flow.run([do_while("loop", "true", [inline("spin", "1")], inputParameters={"keepLastN": 3})])
    wf = await flow.until(wid, "FAILED", within=30)
    assert task(wf, "loop")["iteration"] == 40
    assert refs(wf) == ["loop", "spin__38", "spin__39", "spin__40"]


@pytest.mark.parametrize("policy, status", [("TIME_OUT_WF", "TIMED_OUT")])
async def test_endless_loop_is_bounded_by_the_loop_timeout(
    flow: Driver, policy: str, status: str, clock: FakeClock
) -> None:
    await flow.taskdef("spin_loop", timeoutSeconds=1, timeoutPolicy=policy, responseTimeoutSeconds=1)
    node = do_while("loop", "true", [wait("nap", "1 s")])
    node["name"] = "spin_loop"
    wid = await flow.run([node])
    await flow.until_task(wid, "nap__1", "IN_PROGRESS")
    clock.advance(0.5)
    clock.advance(0.6)
    wf = await flow.until(wid, status, within=15)
    assert task(wf, "loop")["status"] == "TIMED_OUT"


async def test_loop_inside_fork_inside_sub_workflow(flow: Driver) -> None:
    loop = do_while("loop", "$.loop['iteration'] < 2", [simple("step")])
    child = await flow.define([fork("fk", [loop], [inline("side", "1")]), join("jn", "loop", "side")])
    wid = await flow.run([sub_workflow("sub", child, 1), inline("after", "'after'")])
    sub = await flow.until_task(wid, "sub", "IN_PROGRESS")
    await flow.complete(sub["subWorkflowId"], "step__1")
    await flow.complete(sub["subWorkflowId"], "step__2")
    wf = await flow.until(wid, "COMPLETED")
    child_wf = await flow.get(sub["subWorkflowId"])
    assert child_wf["status"] == "COMPLETED"
    assert refs(child_wf) == ["fk", "loop", "side", "jn", "step__1", "step__2"]
    assert refs(wf) == ["sub", "after"]


async def test_legacy_items_parameter_and_loop_item_in_the_condition(flow: Driver) -> None:
    """`_items` in inputParameters (Orkes form); `$.loopItem` is visible to the condition."""
    loop = do_while(
        "each",
        "$.loopItem != 'b'",
        [inline("use", "$.item", item="${each.output.loopItem}")],
        inputParameters={"_items": "${workflow.input.xs}"},
    )
    wid = await flow.run([loop], {"xs": ["a", "b", "c"]})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["each", "use__1", "use__2"]


async def test_a_long_loop_output_built_one_entry_at_a_time_reads_back_whole(flow: Driver) -> None:
    """Past 16 KB the loop's output JSON is spliced from the previous one's, never re-encoded
    (domain/encoded_payloads.py); what is stored and read back must be the whole output."""
    loop = do_while(
        "loop",
        "$.loop['iteration'] < 40",
        [inline("big", "'v' + $.i + '-' + 'x'.repeat(1000)", i="${loop.output.iteration}")],
    )
    wid = await flow.run([loop, inline("after", "$.n", n="${loop.output.39.big.result}")])
    wf = await flow.until(wid, "COMPLETED", within=30)
    out = task(wf, "loop")["outputData"]
    expected = {str(i): {"big": {"result": f"v{i}-" + "x" * 1000}} for i in range(1, 41)}
    assert out == {"iteration": 40, **expected}
    assert task(wf, "after")["outputData"]["result"] == "v39-" + "x" * 1000
