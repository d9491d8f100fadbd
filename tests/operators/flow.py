"""Workflow definitions as plain JSON (exactly what users send) and readers of a fetched
workflow, for tests that drive a server with `driver.Driver` (tests/operators, tests/lifecycle).
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


# ---- definition builders (plain JSON, exactly what users send) ----------------------------


def simple(ref: str, name: str | None = None, **fields: Any) -> Json:
    return {"name": name or ref, "taskReferenceName": ref, "type": "SIMPLE", **fields}


def inline(ref: str, expression: str, **inputs: Any) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "INLINE",
        "inputParameters": {"evaluatorType": "graaljs", "expression": expression, **inputs},
    }


def set_variable(ref: str, **values: Any) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "SET_VARIABLE", "inputParameters": values}


def wait(ref: str, duration: str | None = None) -> Json:
    params = {"duration": duration} if duration else {}
    return {"name": ref, "taskReferenceName": ref, "type": "WAIT", "inputParameters": params}


def fork(ref: str, *branches: list[Json]) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "FORK_JOIN", "forkTasks": list(branches)}


def join(ref: str, *join_on: str, **fields: Any) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "JOIN", "joinOn": list(join_on), **fields}


def switch(
    ref: str,
    expression: str,
    cases: dict[str, list[Json]],
    default: list[Json] | None = None,
    evaluator: str = "value-param",
    **inputs: Any,
) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "SWITCH",
        "evaluatorType": evaluator,
        "expression": expression,
        "inputParameters": inputs,
        "decisionCases": cases,
        "defaultCase": default or [],
    }


def do_while(ref: str, condition: str, body: list[Json], **fields: Any) -> Json:
    inputs = fields.pop("inputParameters", {})
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "DO_WHILE",
        "loopCondition": condition,
        "loopOver": body,
        "inputParameters": inputs,
        **fields,
    }


def sub_workflow(ref: str, name: str | None = None, version: int | None = None, **fields: Any) -> Json:
    param: Json = dict(fields.pop("subWorkflowParam", {}))
    if name is not None:
        param.setdefault("name", name)
    if version is not None:
        param.setdefault("version", version)
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "SUB_WORKFLOW",
        "subWorkflowParam": param,
        **fields,
    }


def terminate(ref: str, status: str, reason: str | None = None, output: Any = None) -> Json:
    params: Json = {"terminationStatus": status}
    if reason is not None:
        params["terminationReason"] = reason
    if output is not None:
        params["workflowOutput"] = output
    return {"name": ref, "taskReferenceName": ref, "type": "TERMINATE", "inputParameters": params}


# ---- reading a workflow ------------------------------------------------------------------


def refs(workflow: Json) -> list[str]:
    """Reference names of every task, in seq order."""
    return [t["referenceTaskName"] for t in sorted(workflow["tasks"], key=lambda t: t["seq"])]


def statuses(workflow: Json) -> list[tuple[str, str]]:
    return [(t["referenceTaskName"], t["status"]) for t in sorted(workflow["tasks"], key=lambda t: t["seq"])]


def task(workflow: Json, ref: str) -> Json:
    """The newest task with this reference."""
    found = [t for t in workflow["tasks"] if t["referenceTaskName"] == ref]
    assert found, f"no task {ref} in {refs(workflow)}"
    return max(found, key=lambda t: t["seq"])


def tasks_of(workflow: Json, ref: str) -> list[Json]:
    return sorted((t for t in workflow["tasks"] if t["referenceTaskName"] == ref), key=lambda t: t["seq"])
