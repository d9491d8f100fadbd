"""SWITCH and the legacy DECISION (docs/engine.md §6.7; e2e SwitchTests)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, refs, simple, switch, task


async def test_value_param_selects_case_and_continues_after_switch(flow: Driver) -> None:
    """The chosen case runs, then the node after the SWITCH; other cases never appear."""
    wid = await flow.run(
        [
            switch(
                "channel",
                "kind",
                {"SMS": [simple("sms_lookup"), simple("sms_send")], "EMAIL": [simple("email_send")]},
                kind="${workflow.input.kind}",
            ),
            simple("audit"),
        ],
        {"kind": "SMS"},
    )
    await flow.complete(wid, "sms_lookup", {"phone": "555"})
    await flow.complete(wid, "sms_send", {"sent": True})
    await flow.complete(wid, "audit")
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["channel", "sms_lookup", "sms_send", "audit"]
    sw = task(wf, "channel")
    assert sw["status"] == "COMPLETED"
    assert sw["taskType"] == "SWITCH"
    assert sw["outputData"] == {"evaluationResult": ["SMS"], "selectedCase": "SMS"}
    assert sw["inputData"]["kind"] == "SMS"


async def test_email_case_result_is_built_from_worker_output(flow: Driver) -> None:
    wid = await flow.run(
        [
            simple("user_info"),
            switch(
                "notify",
                "kind",
                {
                    "EMAIL": [
                        inline("email", "'EMAIL: ' + $.to", to="${user_info.output.email}"),
                    ]
                },
                kind="${workflow.input.kind}",
            ),
        ],
        {"kind": "EMAIL"},
    )
    await flow.complete(wid, "user_info", {"email": "userA@gmail.com"})
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["user_info", "notify", "email"]
    assert task(wf, "email")["outputData"]["result"] == "EMAIL: userA@gmail.com"


async def test_no_matching_case_takes_default(flow: Driver) -> None:
    wid = await flow.run(
        [switch("sw", "kind", {"a": [simple("a_task")]}, [inline("fallback", "'default'")], kind="Whatsapp")],
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["sw", "fallback"]
    assert task(wf, "sw")["outputData"]["evaluationResult"] == ["Whatsapp"]


async def test_no_match_and_empty_default_continues_after_switch(flow: Driver) -> None:
    wid = await flow.run([switch("sw", "kind", {"a": [simple("a_task")]}, kind="zzz"), inline("after", "1")])
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["sw", "after"]


async def test_matching_case_with_empty_list_continues_after_switch(flow: Driver) -> None:
    wid = await flow.run([switch("sw", "kind", {"a": []}, [simple("dflt")], kind="a"), inline("after", "1")])
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["sw", "after"]


async def test_javascript_result_is_compared_as_string(flow: Driver) -> None:
    """Numbers and booleans become "5", "true"; a double keeps Java's form "5.5"."""
    wid = await flow.run(
        [
            switch("num", "$.x + 2", {"5": [inline("five", "'five'")]}, evaluator="javascript", x=3),
            switch("bool", "$.x > 2", {"true": [inline("yes", "'yes'")]}, evaluator="graaljs", x=3),
            switch("dbl", "$.x / 2", {"5.5": [inline("half", "'half'")]}, evaluator="javascript", x=11),
            switch("nul", "null", {"null": [inline("nothing", "'null'")]}, evaluator="javascript"),
        ]
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["num", "five", "bool", "yes", "dbl", "half", "nul", "nothing"]
    assert task(wf, "num")["outputData"]["evaluationResult"] == ["5"]
    assert task(wf, "bool")["outputData"]["selectedCase"] == "true"


async def test_value_param_number_input_is_stringified(flow: Driver) -> None:
    wid = await flow.run(
        [switch("sw", "n", {"7": [inline("seven", "7")]}, [inline("other", "0")], n="${workflow.input.n}")],
        {"n": 7},
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["sw", "seven"]


async def test_nested_switch(flow: Driver) -> None:
    inner = switch("inner", "b", {"y": [inline("deep", "'deep'")]}, b="${workflow.input.b}")
    wid = await flow.run(
        [switch("outer", "a", {"x": [inner, inline("tail", "'tail'")]}, a="${workflow.input.a}")],
        {"a": "x", "b": "y"},
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["outer", "inner", "deep", "tail"]


async def test_expression_error_fails_the_workflow(flow: Driver) -> None:
    """A throwing expression creates the SWITCH FAILED; SWITCH is never retried."""
    wid = await flow.run(
        [switch("sw", "$.missing.deeper", {"a": [simple("a_task")]}, evaluator="javascript"), simple("after")]
    )
    wf = await flow.until(wid, "FAILED")
    assert refs(wf) == ["sw"]
    sw = task(wf, "sw")
    assert sw["status"] in ("FAILED", "FAILED_WITH_TERMINAL_ERROR")
    assert "TypeError" in sw["reasonForIncompletion"] or "undefined" in sw["reasonForIncompletion"]
    assert wf["reasonForIncompletion"].startswith(f"Task {sw['taskId']} failed with status: FAILED")


async def test_optional_switch_with_failing_expression_lets_the_workflow_continue(flow: Driver) -> None:
    node = switch("sw", "$.missing.deeper", {"a": [simple("a_task")]}, evaluator="javascript")
    node["optional"] = True
    wid = await flow.run([node, inline("after", "1")])
    wf = await flow.until(wid, "COMPLETED")
    assert [t["status"] for t in wf["tasks"]] == ["COMPLETED_WITH_ERRORS", "COMPLETED"]


async def test_server_stays_healthy_after_a_bad_switch(flow: Driver) -> None:
    bad = await flow.run(
        [switch("sw", "throw new Error('nope')", {"a": [inline("x", "1")]}, evaluator="javascript")]
    )
    await flow.until(bad, "FAILED")
    good = await flow.run([switch("sw", "'a'", {"a": [inline("ok", "1")]}, evaluator="javascript")])
    wf = await flow.until(good, "COMPLETED")
    assert refs(wf) == ["sw", "ok"]
    r = await flow.api.get("/health")
    assert r.status_code == 200


async def test_decision_with_case_value_param(flow: Driver) -> None:
    wid = await flow.run(
        [
            {
                "name": "dec",
                "taskReferenceName": "dec",
                "type": "DECISION",
                "caseValueParam": "c",
                "inputParameters": {"c": "${workflow.input.c}"},
                "decisionCases": {"b": [inline("b_task", "'b'")]},
                "defaultCase": [inline("d_task", "'d'")],
            },
            inline("after", "1"),
        ],
        {"c": "b"},
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["dec", "b_task", "after"]
    assert task(wf, "dec")["outputData"] == {"caseOutput": ["b"]}


async def test_decision_with_case_expression_and_null_falls_back_to_default(flow: Driver) -> None:
    wid = await flow.run(
        [
            {
                "name": "dec",
                "taskReferenceName": "dec",
                "type": "DECISION",
                "caseExpression": "$.n > 1 ? 'big' : null",
                "inputParameters": {"n": "${workflow.input.n}"},
                "decisionCases": {"big": [inline("big", "'big'")]},
                "defaultCase": [inline("small", "'small'")],
            }
        ],
        {"n": 0},
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["dec", "small"]
