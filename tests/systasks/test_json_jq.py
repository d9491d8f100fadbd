"""JSON_JQ_TRANSFORM executed by a real server: real jq, result/resultList, errors, isolation."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from .live_server import Api, task_by_ref


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def jq_workflow(name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "tasks": [
            {
                "name": "json_transform_task",
                "taskReferenceName": "jq_ref",
                "type": "JSON_JQ_TRANSFORM",
                "inputParameters": inputs,
            }
        ],
        "outputParameters": {
            "result": "${jq_ref.output.result}",
            "resultList": "${jq_ref.output.resultList}",
        },
    }


def run(
    api: Api,
    inputs: dict[str, Any],
    workflow_input: dict[str, Any] | None = None,
    statuses: tuple[str, ...] = ("COMPLETED",),
) -> dict[str, Any]:
    definition = jq_workflow(_name("jq"), inputs)
    api.register_ok(definition)
    return api.wait_for_status(api.start(definition["name"], workflow_input), statuses, within=20)


def test_seed_json(api: Api) -> None:
    """The seed's JSON, with the objects its query reads passed as workflow input."""
    inputs = {
        "key1": "${workflow.input.key1}",
        "key2": "${workflow.input.key2}",
        "queryExpression": "{ key3: (.key1.value1 + .key2.value2) }",
    }
    workflow = run(api, inputs, {"key1": {"value1": ["a", "b"]}, "key2": {"value2": ["c"]}})
    assert workflow["output"] == {
        "result": {"key3": ["a", "b", "c"]},
        "resultList": [{"key3": ["a", "b", "c"]}],
    }


def test_seed_json_verbatim_with_string_keys_fails_with_jq_message(api: Api) -> None:
    """Verbatim, the seed passes the strings "k1"/"k2"; jq cannot index a string, as in Conductor."""
    inputs = {"key1": "k1", "key2": "k2", "queryExpression": "{ key3: (.key1.value1 + .key2.value2) }"}
    workflow = run(api, inputs, statuses=("FAILED",))
    reason = task_by_ref(workflow, "jq_ref")["reasonForIncompletion"]
    assert "Cannot index string" in reason


def test_several_outputs_fill_result_list(api: Api) -> None:
    workflow = run(api, {"queryExpression": ".items[] | . * 2", "items": [1, 2, 3]})
    assert workflow["output"] == {"result": 2, "resultList": [2, 4, 6]}


def test_no_output_gives_null_result(api: Api) -> None:
    workflow = run(api, {"queryExpression": "empty"})
    assert workflow["output"] == {"result": None, "resultList": []}


def test_input_includes_query_expression(api: Api) -> None:
    workflow = run(api, {"queryExpression": "keys", "a": 1})
    assert workflow["output"]["result"] == ["a", "queryExpression"]


def test_numbers_strings_and_builtins(api: Api) -> None:
    inputs = {
        "queryExpression": "{sum: (.n | add), avg: ((.n | add) / (.n | length)), up: (.s | ascii_upcase), "
        "sorted: (.n | sort), grouped: (.p | group_by(.k) | map(length))}",
        "n": [3, 1, 2],
        "s": "abc",
        "p": [{"k": 1}, {"k": 2}, {"k": 1}],
    }
    result = run(api, inputs)["output"]["result"]
    assert result == {"sum": 6, "avg": 2, "up": "ABC", "sorted": [1, 2, 3], "grouped": [2, 1]}


def test_result_feeds_set_variable(api: Api) -> None:
    """Conductor's JSONJQTests: a SET_VARIABLE right after the jq task sees its result."""
    name = _name("jq_then_var")
    definition = jq_workflow(name, {"queryExpression": '{md: "/"}'})
    definition["tasks"].append(
        {
            "name": "set_var",
            "taskReferenceName": "var_ref",
            "type": "SET_VARIABLE",
            "inputParameters": {"md": "${jq_ref.output.result.md}"},
        }
    )
    definition["outputParameters"] = {"md": "${workflow.variables.md}"}
    api.register_ok(definition)
    workflow = api.wait_for_status(api.start(name))
    assert workflow["variables"]["md"] == "/"
    assert workflow["output"] == {"md": "/"}


def test_concurrent_runs(api: Api) -> None:
    name = _name("jq_concurrent")
    api.register_ok(jq_workflow(name, {"queryExpression": ".n * .n", "n": "${workflow.input.n}"}))
    ids = {api.start(name, {"n": n}): n for n in range(40)}
    for workflow_id, n in ids.items():
        assert api.wait_for_status(workflow_id, within=30)["output"]["result"] == n * n


@pytest.mark.parametrize("query", ["{ key3: ", ".a | ", "map(", "nosuchfunction(1)"])
def test_bad_expression_fails_with_jq_message(api: Api, query: str) -> None:
    workflow = run(api, {"queryExpression": query}, statuses=("FAILED",))
    task = task_by_ref(workflow, "jq_ref")
    assert task["status"] == "FAILED"
    reason = task["reasonForIncompletion"]
    assert "compile" in reason or "syntax error" in reason or "not defined" in reason
    assert task["outputData"]["error"] == reason


def test_runtime_error_fails_with_jq_message(api: Api) -> None:
    workflow = run(api, {"queryExpression": 'error("custom failure")'}, statuses=("FAILED",))
    assert "custom failure" in task_by_ref(workflow, "jq_ref")["reasonForIncompletion"]


def test_missing_query_is_rejected_at_registration(api: Api) -> None:
    response = api.register(jq_workflow(_name("jq_missing"), {"a": 1}))
    assert response.status_code == 400
    assert "queryExpression" in response.text


@pytest.mark.parametrize("query", ["env", "$ENV", "[env | keys[]] | length", "$ENV.PATH"])
def test_no_environment_leak(api: Api, query: str) -> None:
    result = run(api, {"queryExpression": query})["output"]["result"]
    assert result in ({}, 0, None)


def test_runaway_filter_is_bounded_and_others_keep_running(api: Api) -> None:
    runaway = jq_workflow(_name("jq_runaway"), {"queryExpression": "def f: f; f"})
    quick = jq_workflow(_name("jq_quick"), {"queryExpression": ".n + 1", "n": "${workflow.input.n}"})
    api.register_ok(runaway)
    api.register_ok(quick)
    started = time.monotonic()
    runaway_id = api.start(runaway["name"])
    for n in range(3):
        assert api.wait_for_status(api.start(quick["name"], {"n": n}), within=10)["output"]["result"] == n + 1
    workflow = api.wait_for_status(runaway_id, ("FAILED",), within=30)
    reason = task_by_ref(workflow, "jq_ref")["reasonForIncompletion"]
    assert "did not finish within" in reason
    assert time.monotonic() - started < 20
