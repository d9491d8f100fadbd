"""Sinks and task types this server cannot serve are refused when registered (400 naming them),
instead of being accepted and then never firing or never running."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from apihelpers import assert_validation, unique

from conductor.server.services.metadata import OPERATOR_TYPES, SERVER_SIDE_TYPES, unsupported_type

UNSUPPORTED_SINKS = [
    "kafka:orders",
    "sqs:queue_1",
    "amqp:q",
    "amqp_exchange:ex",
    "amqp_queue:q",
    "nats:subject",
    "nats_stream:subject",
    "conductorx",
]


def sink_message(sink: str, where: str) -> str:
    kind = sink.split(":", 1)[0] if ":" in sink else sink
    return (
        f"Unsupported sink: {sink} ({where}): this server has no {kind!r} event queue; "
        "only the built-in conductor sink is supported (conductor or conductor:<event name>)"
    )


def workflow(*tasks: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"name": unique("wf"), "version": 1, "schemaVersion": 2, "tasks": list(tasks), **fields}


def event_task(sink: str, ref: str = "ev", **node: Any) -> dict[str, Any]:
    return {"name": ref, "taskReferenceName": ref, "type": "EVENT", "sink": sink, **node}


def typed(task_type: str, ref: str = "t", **node: Any) -> dict[str, Any]:
    return {"name": ref, "taskReferenceName": ref, "type": task_type, **node}


def handler(event: str) -> dict[str, Any]:
    action = {"action": "complete_task", "complete_task": {"workflowId": "${workflowId}", "taskRefName": "w"}}
    return {"name": unique("h"), "event": event, "actions": [action], "active": True}


# ---- event handlers -------------------------------------------------------------------------


@pytest.mark.parametrize("event", UNSUPPORTED_SINKS)
async def test_handler_on_an_unsupported_queue_is_refused(api: httpx.AsyncClient, event: str) -> None:
    body = handler(event)
    expected = sink_message(event, f"event of event handler: {body['name']}")
    [error] = assert_validation(await api.post("/event", json=body), expected)
    assert error["path"] == "eventHandler.event"
    assert error["invalidValue"] == event
    assert (await api.get("/event")).json() == []  # nothing was stored


async def test_update_to_an_unsupported_queue_is_refused(api: httpx.AsyncClient) -> None:
    body = handler("conductor:orders:done")
    assert (await api.post("/event", json=body)).status_code == 200
    response = await api.put("/event", json={**body, "event": "kafka:orders"})
    assert_validation(response, sink_message("kafka:orders", f"event of event handler: {body['name']}"))
    [stored] = (await api.get("/event")).json()
    assert stored["event"] == "conductor:orders:done"


@pytest.mark.parametrize("event", ["conductor", "conductor:orders", "conductor:wf:task_ref"])
async def test_handlers_on_the_conductor_bus_are_accepted(api: httpx.AsyncClient, event: str) -> None:
    assert (await api.post("/event", json=handler(event))).status_code == 200


# ---- EVENT tasks ----------------------------------------------------------------------------


@pytest.mark.parametrize("sink", UNSUPPORTED_SINKS)
async def test_event_task_with_an_unsupported_sink_is_refused(api: httpx.AsyncClient, sink: str) -> None:
    response = await api.post("/metadata/workflow", json=workflow(event_task(sink)))
    [error] = assert_validation(response, sink_message(sink, "taskType: EVENT taskName: ev"))
    assert error["path"] == "workflowDef.tasks[0].sink"


async def test_sink_in_input_parameters_and_nested_tasks_is_checked(api: httpx.AsyncClient) -> None:
    # The task reads inputParameters.sink before the node's sink (systasks/event.py).
    overridden = event_task("conductor", inputParameters={"sink": "sqs:q"})
    nested = {
        "name": "loop",
        "taskReferenceName": "loop",
        "type": "DO_WHILE",
        "loopCondition": "false",
        "loopOver": [event_task("nats:subject", ref="inner")],
    }
    response = await api.post("/metadata/workflow", json=workflow(overridden, nested))
    errors = assert_validation(
        response,
        sink_message("sqs:q", "taskType: EVENT taskName: ev"),
        sink_message("nats:subject", "taskType: EVENT taskName: inner"),
    )
    assert {e["path"] for e in errors} == {
        "workflowDef.tasks[0].inputParameters.sink",
        "workflowDef.tasks[1].loopOver[0].sink",
    }


async def test_conductor_and_expression_sinks_are_accepted(api: httpx.AsyncClient) -> None:
    tasks = [
        event_task("conductor", ref="a"),
        event_task("conductor:my_event", ref="b"),
        event_task("${workflow.input.sink}", ref="c"),  # resolved, and checked, at run time
    ]
    assert (await api.post("/metadata/workflow", json=workflow(*tasks))).status_code == 200


async def test_inline_definition_with_an_unsupported_sink_is_refused_at_start(api: httpx.AsyncClient) -> None:
    definition = workflow(event_task("kafka:orders"))
    response = await api.post("/workflow", json={"name": definition["name"], "workflowDef": definition})
    [error] = assert_validation(response, sink_message("kafka:orders", "taskType: EVENT taskName: ev"))
    assert error["path"] == "startWorkflowRequest.workflowDef.tasks[0].sink"


async def test_status_listener_sink_is_checked_when_the_listener_is_on(api: httpx.AsyncClient) -> None:
    on = workflow(
        typed("NOOP"), workflowStatusListenerEnabled=True, workflowStatusListenerSink="kafka:status"
    )
    name = on["name"]
    assert_validation(
        await api.post("/metadata/workflow", json=on),
        sink_message("kafka:status", f"workflowStatusListenerSink of workflow: {name}"),
    )
    off = {**on, "workflowStatusListenerEnabled": False}  # never published: nothing to refuse
    assert (await api.post("/metadata/workflow", json=off)).status_code == 200


# ---- task types -----------------------------------------------------------------------------


def type_message(task_type: str, name: str = "t") -> str:
    return (
        f"taskType: {task_type} is not supported by this server (taskName: {name}): nothing here "
        "would run it; use a SIMPLE task and a worker instead"
    )


@pytest.mark.parametrize(
    "task_type", ["KAFKA_PUBLISH", "LAMBDA", "HTTP_POLL", "WAIT_FOR_WEBHOOK", "BUSINESS_RULE", "FORK"]
)
async def test_a_type_the_server_cannot_run_is_refused(api: httpx.AsyncClient, task_type: str) -> None:
    response = await api.post("/metadata/workflow", json=workflow(typed(task_type)))
    [error] = assert_validation(response, type_message(task_type))
    assert error["path"] == "workflowDef.tasks[0].type"
    assert error["invalidValue"] == task_type


async def test_bulk_upsert_and_nested_nodes_are_checked(api: httpx.AsyncClient) -> None:
    fork = {
        "name": "fork",
        "taskReferenceName": "fork",
        "type": "FORK_JOIN",
        "forkTasks": [[typed("KAFKA_PUBLISH", ref="k")], [typed("SIMPLE", ref="s")]],
    }
    join = {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["k", "s"]}
    response = await api.put("/metadata/workflow", json=[workflow(fork, join)])
    [error] = assert_validation(response, type_message("KAFKA_PUBLISH", "k"))
    assert error["path"] == "workflowDefs[0].tasks[0].forkTasks[0][0].type"


async def test_inline_definition_with_an_unsupported_type_is_refused_at_start(api: httpx.AsyncClient) -> None:
    definition = workflow(typed("KAFKA_PUBLISH"))
    response = await api.post("/workflow", json={"name": definition["name"], "workflowDef": definition})
    [error] = assert_validation(response, type_message("KAFKA_PUBLISH"))
    assert error["path"] == "startWorkflowRequest.workflowDef.tasks[0].type"
    assert (await api.get("/workflow/search")).json()["totalHits"] == 0  # nothing was started


async def test_supported_types_and_worker_tasks_are_accepted(api: httpx.AsyncClient) -> None:
    tasks = [
        typed("SIMPLE", ref="any_worker_name"),
        typed("MY_CUSTOM_TYPE", ref="custom"),  # Conductor's USER_DEFINED: a worker polls the type
        typed("INLINE", ref="inline", inputParameters={"evaluatorType": "javascript", "expression": "1"}),
        typed("JSON_JQ_TRANSFORM", ref="jq", inputParameters={"queryExpression": "."}),
        typed("SET_VARIABLE", ref="setvar"),
        typed("NOOP", ref="noop"),
        typed("WAIT", ref="wait"),
        typed("HUMAN", ref="human"),
        typed(
            "HTTP",
            ref="http",
            inputParameters={"http_request": {"uri": "http://127.0.0.1/", "method": "GET"}},
        ),
        typed("START_WORKFLOW", ref="start", inputParameters={"startWorkflow": {"name": "x"}}),
        typed("SUB_WORKFLOW", ref="sub", subWorkflowParam={"name": "other"}),
        typed("DYNAMIC", ref="dyn", dynamicTaskNameParam="n", inputParameters={"n": "x"}),
        {
            **typed("FORK_JOIN_DYNAMIC", ref="dynfork"),
            "dynamicForkTasksParam": "tasks",
            "dynamicForkTasksInputParamName": "inputs",
            "inputParameters": {"tasks": [], "inputs": {}},
        },
        typed("JOIN", ref="dynjoin"),
        {
            **typed("SWITCH", ref="switch"),
            "evaluatorType": "value-param",
            "expression": "k",
            "inputParameters": {"k": "a"},
            "decisionCases": {"a": [typed("EXCLUSIVE_JOIN", ref="xjoin")]},
        },
        {
            **typed("DECISION", ref="decision"),
            "caseValueParam": "k",
            "inputParameters": {"k": "a"},
            "decisionCases": {"a": [typed("NOOP", ref="n2")]},
        },
        {**typed("DO_WHILE", ref="loop"), "loopCondition": "false", "loopOver": [typed("NOOP", ref="n3")]},
        event_task("conductor"),
        {**typed("TERMINATE", ref="end"), "inputParameters": {"terminationStatus": "COMPLETED"}},
    ]
    response = await api.post("/metadata/workflow", json=workflow(*tasks))
    assert response.status_code == 200, response.text


def test_every_sdk_task_type_is_either_runnable_or_refused(server: Any) -> None:
    """The official SDK's TaskType names the server-side types users write: each must be one the
    server runs or one it refuses (never one that is accepted and then waits for ever)."""
    from conductor.client.workflow.task.task_type import TaskType
    from conductor.server.engine import decider  # noqa: F401  (fills MAPPERS)
    from conductor.server.engine.mappers import MAPPERS

    assert set(MAPPERS) <= OPERATOR_TYPES  # the decider's own operators are accepted
    registry = server.components.systasks
    for task_type in TaskType:
        if task_type.value == "USER_DEFINED":
            continue  # the catch-all: a worker task queued under its type
        runs = task_type.value in OPERATOR_TYPES or task_type.value in registry
        assert runs or task_type.value in SERVER_SIDE_TYPES, task_type
        assert runs != unsupported_type(task_type.value, registry), task_type
