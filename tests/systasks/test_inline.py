"""INLINE executed by a real server: evaluators, `$`, results, sandbox, limits, bad scripts.

The package's server runs with a 1 s script budget (CONDUCTOR_SCRIPT_MAX_EXECUTION_SECONDS).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from .live_server import Api, task_by_ref

# The seed's JSON expression, character for character.
SEED_EXPRESSION = (
    ' function greetings() {\n  return {\n            "text": "hello " + $.name\n        }\n    }\n'
    "    greetings();"
)


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def inline_workflow(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "tasks": [
            {
                "name": "inline_task",
                "taskReferenceName": "inline_ref",
                "type": "INLINE",
                "inputParameters": inputs,
            }
        ],
        "outputParameters": {"result": "${inline_ref.output.result}"},
    }


def run(
    api: Api,
    inputs: dict[str, Any],
    workflow_input: dict[str, Any] | None = None,
    statuses: tuple[str, ...] = ("COMPLETED",),
) -> dict[str, Any]:
    definition = inline_workflow(_name("inline"), inputs)
    api.register_ok(definition)
    return api.wait_for_status(api.start(definition["name"], workflow_input), statuses, within=20)


def test_seed_json(api: Api) -> None:
    inputs = {"expression": SEED_EXPRESSION, "evaluatorType": "graaljs", "name": "${workflow.input.name}"}
    workflow = run(api, inputs, {"name": "Orkes"})
    assert workflow["output"]["result"] == {"text": "hello Orkes"}


@pytest.mark.parametrize("evaluator", ["javascript", "graaljs", None])
def test_javascript_evaluator_names(api: Api, evaluator: str | None) -> None:
    inputs: dict[str, Any] = {"expression": "$.a * 2", "a": 21}
    if evaluator is not None:
        inputs["evaluatorType"] = evaluator
    assert run(api, inputs)["output"]["result"] == 42


def test_value_param_evaluator(api: Api) -> None:
    inputs = {"evaluatorType": "value-param", "expression": "picked", "picked": {"k": [1, 2]}}
    assert run(api, inputs)["output"]["result"] == {"k": [1, 2]}


def test_dollar_is_the_whole_task_input(api: Api) -> None:
    inputs = {
        "evaluatorType": "javascript",
        "expression": "({keys: Object.keys($).sort(), ev: $.evaluatorType, n: $.nested.list.length})",
        "nested": {"list": [1, 2, 3]},
    }
    result = run(api, inputs)["output"]["result"]
    assert result == {"keys": ["evaluatorType", "expression", "nested"], "ev": "javascript", "n": 3}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("2.0", 2),
        ("1.5", 1.5),
        ("null", None),
        ("undefined", None),
        ("[1, 'a', {b: true}]", [1, "a", {"b": True}]),
        ("'text'", "text"),
        ("(function(){ var s = 0; for (var i = 0; i < 10; i++) { s += i; } return s; })()", 45),
        ("if ($.x > 1) { 'big'; } else { 'small'; }", "big"),
    ],
)
def test_results_are_converted_like_conductor(api: Api, expression: str, expected: Any) -> None:
    assert (
        run(api, {"evaluatorType": "javascript", "expression": expression, "x": 5})["output"]["result"]
        == expected
    )


def test_result_feeds_the_next_task(api: Api) -> None:
    name = _name("inline_chain")
    definition = inline_workflow(name, {"evaluatorType": "graaljs", "expression": "({v: $.n + 1})", "n": 1})
    definition["tasks"].append(
        {
            "name": "second",
            "taskReferenceName": "second_ref",
            "type": "INLINE",
            "inputParameters": {
                "evaluatorType": "graaljs",
                "expression": "$.prev * 10",
                "prev": "${inline_ref.output.result.v}",
            },
        }
    )
    definition["outputParameters"] = {"final": "${second_ref.output.result}"}
    api.register_ok(definition)
    assert api.wait_for_status(api.start(name))["output"] == {"final": 20}


@pytest.mark.parametrize(
    "probe",
    [
        "typeof require",
        "typeof process",
        "typeof fetch",
        "typeof Java",
        "typeof std",
        "typeof os",
        "typeof setTimeout",
        "typeof XMLHttpRequest",
    ],
)
def test_sandbox_has_no_host_access(api: Api, probe: str) -> None:
    assert run(api, {"evaluatorType": "javascript", "expression": probe})["output"]["result"] == "undefined"


def test_scripts_do_not_share_globals(api: Api) -> None:
    first = run(
        api, {"evaluatorType": "javascript", "expression": "globalThis.leak = 1; Object.prototype.p = 2; 1"}
    )
    assert first["output"]["result"] == 1
    second = run(api, {"evaluatorType": "javascript", "expression": "[typeof leak, ({}).p === undefined]"})
    assert second["output"]["result"] == ["undefined", True]


def test_syntax_error_fails_terminally_with_the_message(api: Api) -> None:
    workflow = run(api, {"evaluatorType": "javascript", "expression": "function ( {"}, statuses=("FAILED",))
    task = task_by_ref(workflow, "inline_ref")
    assert task["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "SyntaxError" in task["reasonForIncompletion"]
    assert "SyntaxError" in task["outputData"]["error"]


def test_thrown_error_fails_terminally_with_the_message(api: Api) -> None:
    expression = "(function(){ throw new Error('order ' + $.id + ' is invalid'); })()"
    workflow = run(
        api, {"evaluatorType": "javascript", "expression": expression, "id": 7}, statuses=("FAILED",)
    )
    task = task_by_ref(workflow, "inline_ref")
    assert task["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "order 7 is invalid" in task["reasonForIncompletion"]


def test_reference_error_fails_terminally(api: Api) -> None:
    workflow = run(api, {"evaluatorType": "javascript", "expression": "noSuchThing.x"}, statuses=("FAILED",))
    assert "ReferenceError" in task_by_ref(workflow, "inline_ref")["reasonForIncompletion"]


def test_blank_expression_fails(api: Api) -> None:
    workflow = run(
        api, {"evaluatorType": "javascript", "expression": "${workflow.input.e}"}, {"e": "  "}, ("FAILED",)
    )
    task = task_by_ref(workflow, "inline_ref")
    assert task["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "expression" in task["reasonForIncompletion"]


def test_unknown_evaluator_fails(api: Api) -> None:
    workflow = run(api, {"evaluatorType": "cobol", "expression": "1"}, statuses=("FAILED",))
    assert "cobol" in task_by_ref(workflow, "inline_ref")["reasonForIncompletion"]


def test_endless_loop_is_stopped_and_others_keep_running(api: Api) -> None:
    loop = inline_workflow(
        _name("inline_loop"), {"evaluatorType": "javascript", "expression": "while (true) {}"}
    )
    quick = inline_workflow(
        _name("inline_quick"),
        {"evaluatorType": "javascript", "expression": "$.n + 1", "n": "${workflow.input.n}"},
    )
    api.register_ok(loop)
    api.register_ok(quick)
    started = time.monotonic()
    loop_id = api.start(loop["name"])
    quick_ids = [api.start(quick["name"], {"n": n}) for n in range(5)]
    for n, workflow_id in enumerate(quick_ids):
        assert api.wait_for_status(workflow_id, within=10)["output"]["result"] == n + 1
    workflow = api.wait_for_status(loop_id, ("FAILED",), within=20)
    task = task_by_ref(workflow, "inline_ref")
    assert task["status"] == "FAILED"  # a time-out is retriable, unlike script errors
    assert "interrupted" in task["reasonForIncompletion"]
    assert time.monotonic() - started < 15


def test_unbounded_allocation_is_stopped(api: Api) -> None:
    expression = "var a = []; while (true) { a.push(new Array(100000).fill('x')); }"
    workflow = run(api, {"evaluatorType": "javascript", "expression": expression}, statuses=("FAILED",))
    reason = task_by_ref(workflow, "inline_ref")["reasonForIncompletion"]
    assert "memory" in reason or "interrupted" in reason


def test_deep_recursion_is_stopped(api: Api) -> None:
    workflow = run(
        api,
        {"evaluatorType": "javascript", "expression": "function f(n) { return f(n + 1) + 1; } f(0)"},
        statuses=("FAILED",),
    )
    reason = task_by_ref(workflow, "inline_ref")["reasonForIncompletion"]
    assert "stack" in reason.lower() or "interrupted" in reason
