"""Hostile inputs get a prompt 400 with Conductor's error body instead of a blocked event loop, a
500 or a stored record that breaks later reads."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from apihelpers import VALIDATION_MESSAGE, assert_error, assert_validation, unique

from conductor.server.expressions.templating import MAX_EXPRESSION_DEPTH
from driver import Driver


def simple_task(ref: str = "t", **input_parameters: Any) -> dict[str, Any]:
    return {"name": ref, "taskReferenceName": ref, "type": "SIMPLE", "inputParameters": input_parameters}


# --------------------------------------------------------------------------- nested ${...}


@pytest.mark.parametrize("url", ["/metadata/workflow/validate", "/metadata/workflow"])
async def test_nested_expressions_validate_promptly(api: httpx.AsyncClient, url: str) -> None:
    """`"${"*22 + "x" + "}"*22` blocked every request for 3.35 s (doubling per level)."""
    for depth in (22, 30):
        value = "${" * depth + "x" + "}" * depth
        body = {"name": unique("wf"), "version": 1, "tasks": [simple_task(a=value)]}
        started = time.monotonic()
        r = await api.post(url, json=body)
        assert time.monotonic() - started < 2.0
        # Checked like any other expression: "x" is not a task of this definition.
        errors = assert_error(r, 400, VALIDATION_MESSAGE)["validationErrors"]
        assert any("taskReferenceName: x " in e["message"] for e in errors), errors


@pytest.mark.parametrize("depth", [MAX_EXPRESSION_DEPTH + 1, 5000])
async def test_too_deeply_nested_expressions_are_rejected(api: httpx.AsyncClient, depth: int) -> None:
    value = "${" * depth + "workflow.input.x" + "}" * depth
    for body in (
        {"name": unique("wf"), "version": 1, "tasks": [simple_task(a=value)]},
        {"name": unique("wf"), "version": 1, "tasks": [simple_task()], "outputParameters": {"o": [value]}},
    ):
        started = time.monotonic()
        r = await api.post("/metadata/workflow", json=body)
        assert time.monotonic() - started < 2.0
        errors = assert_error(r, 400, VALIDATION_MESSAGE)["validationErrors"]
        key = "o" if "outputParameters" in body else "a"
        assert [e["message"] for e in errors] == [
            f"key: {key} value nests ${{...}} expressions more than {MAX_EXPRESSION_DEPTH} levels deep"
        ]


# --------------------------------------------------------------------------- regex backtracking


async def test_backtracking_regex_filter_does_not_block_the_server(conductor: Driver) -> None:
    """A workflow whose task input filters with `/(a+)+$/` over "a"*25+"!" blocked the event loop
    for 2.1 s per evaluation (doubling per character)."""
    name = await conductor.define([simple_task(matches="${workflow.input.items[?(@ =~ /(a+)+$/)]}")])
    started = time.monotonic()
    workflow_id = await conductor.start(name, {"items": ["a" * 30 + "!", "aa"]})
    wf = await conductor.get(workflow_id)
    assert time.monotonic() - started < 2.0
    assert wf["tasks"][0]["inputData"]["matches"] == ["aa"]


async def test_regex_that_needs_backtracking_is_rejected(api: httpx.AsyncClient) -> None:
    body = {
        "name": unique("wf"),
        "version": 1,
        "tasks": [simple_task(m="${workflow.input.x[?(@ =~ /(a)\\1/)]}")],
    }
    errors = assert_error(await api.post("/metadata/workflow", json=body), 400)["validationErrors"]
    assert [e["message"] for e in errors] == [
        "key: m input parameter value: workflow.input.x[?(@ =~ /(a)\\1/)] is not valid"
    ]


# --------------------------------------------------------------------------- deep JSON


def deep_json(depth: int, leaf: str = '"x"') -> str:
    """`{"a":{"a":...leaf...}}` with `depth` objects, as text (the stdlib encoder recurses)."""
    return '{"a":' * depth + leaf + "}" * depth


def too_deep(limit: int = 128) -> str:
    return f"The request body is nested more than {limit} levels deep (PYCONDUCTOR_MAX_JSON_DEPTH)"


async def post_json(api: httpx.AsyncClient, url: str, text: str) -> httpx.Response:
    return await api.post(url, content=text.encode(), headers={"content-type": "application/json"})


@pytest.mark.parametrize("depth", [129, 330, 483, 600, 100_000])
async def test_deep_workflow_input_is_a_400(conductor: Driver, depth: int) -> None:
    """~483 levels answered 500 (RecursionError); 330-483 was stored and broke every search."""
    api = conductor.api
    name = await conductor.define([simple_task(x="${workflow.input.x}")])
    started = time.monotonic()
    for url, body in (
        ("/workflow", f'{{"name":"{name}","input":{{"x":{deep_json(depth)}}}}}'),
        (f"/workflow/{name}", f'{{"x":{deep_json(depth)}}}'),
    ):
        assert_error(await post_json(api, url, body), 400, too_deep())
    assert time.monotonic() - started < 5.0
    for url in ("/workflow/search", "/workflow/search-v2", "/workflow/search-by-tasks", "/tasks/search"):
        r = await api.get(url, params={"query": f"workflowType={name}"})
        assert r.status_code == 200, r.text
        assert r.json()["totalHits"] == 0
    # Within the limit (the body's own two levels included) is accepted.
    r = await post_json(api, f"/workflow/{name}", f'{{"x":{deep_json(126)}}}')
    assert r.status_code == 200, r.text


async def test_deep_task_update_is_a_400_and_the_task_is_not_lost(conductor: Driver) -> None:
    task_name = await conductor.taskdef()
    workflow_id = await conductor.start(await conductor.simple_workflow(task_name))
    task = await conductor.poll(task_name)
    ids = f'"workflowInstanceId":"{workflow_id}","taskId":"{task["taskId"]}"'
    for url in ("/tasks", "/tasks/update-v2"):
        body = f'{{{ids},"status":"COMPLETED","outputData":{deep_json(600)}}}'
        assert_error(await post_json(conductor.api, url, body), 400, too_deep())
    await conductor.complete_task(task, {"ok": True})
    await conductor.until(workflow_id, "COMPLETED")


async def test_deep_definitions_are_a_400(api: httpx.AsyncClient) -> None:
    wf = f'{{"name":"{unique("wf")}","version":1,"tasks":[{{"name":"t","taskReferenceName":"t","type":"SIMPLE","inputParameters":{deep_json(600)}}}]}}'
    for url in ("/metadata/workflow", "/metadata/workflow/validate"):
        assert_error(await post_json(api, url, wf), 400, too_deep())
    assert_error(
        await api.put(
            "/metadata/workflow", content=f"[{wf}]".encode(), headers={"content-type": "application/json"}
        ),
        400,
        too_deep(),
    )
    task_def = f'[{{"name":"{unique("td")}","inputTemplate":{deep_json(600)}}}]'
    assert_error(await post_json(api, "/metadata/taskdefs", task_def), 400, too_deep())
    handler = f'{{"name":"{unique("h")}","event":"e","actions":[],"condition":{deep_json(600)}}}'
    assert_error(await post_json(api, "/event", handler), 400, too_deep())


async def test_deep_inline_result_fails_the_task(conductor: Driver) -> None:
    """An INLINE returning a value nested 600 deep answered 500 to the worker's update (whose
    result was lost); now the INLINE fails with a clear reason and the update succeeds."""
    task_name = await conductor.taskdef()
    script = "(function(){var v='x'; for (var i=0;i<600;i++){v={a:v};} return v;})()"
    name = await conductor.define(
        [
            {"name": task_name, "taskReferenceName": "worker", "type": "SIMPLE"},
            {
                "name": "inline",
                "taskReferenceName": "inline",
                "type": "INLINE",
                "inputParameters": {"evaluatorType": "graaljs", "expression": script},
            },
        ]
    )
    workflow_id = await conductor.start(name)
    await conductor.complete_task(await conductor.poll(task_name), {"done": True})
    wf = await conductor.until(workflow_id, "FAILED")
    worker, inline = wf["tasks"]
    assert worker["status"] == "COMPLETED" and worker["outputData"] == {"done": True}
    assert inline["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert inline["reasonForIncompletion"] == (
        "The script's result is nested more than 128 levels deep (PYCONDUCTOR_MAX_JSON_DEPTH)"
    )


# --------------------------------------------------------------------------- numbers beyond 64 bits

BEYOND_64_BITS = str(2**65)


def integer_parameters(openapi: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(method, path, location, name) of every integer query / path parameter documented."""
    found = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                kinds = {schema.get("type")} | {s.get("type") for s in schema.get("oneOf", [])}
                if "integer" in kinds and parameter["in"] in ("query", "path"):
                    found.append((method.upper(), path, parameter["in"], parameter["name"]))
    return found


async def test_every_integer_parameter_beyond_64_bits_is_a_400(api: httpx.AsyncClient) -> None:
    """e.g. `search-by-tasks-v2?start=36893488147419103231` answered 500 (OverflowError)."""
    openapi = (await api.get("/../api-docs")).json()
    parameters = integer_parameters(openapi)
    assert len(parameters) >= 25  # the enumeration found the routes
    for method, path, location, name in parameters:
        operation = openapi["paths"][path][method.lower()]
        url = path
        for other in operation.get("parameters", []):
            if other["in"] == "path":
                is_int = other.get("schema", {}).get("type") == "integer"
                value = BEYOND_64_BITS if other["name"] == name else ("1" if is_int else "x")
                url = url.replace("{" + other["name"] + "}", value)
        params = {name: BEYOND_64_BITS} if location == "query" else {}
        body = b"{}" if "requestBody" in operation else None
        r = await api.request(
            method, "/.." + url, params=params, content=body, headers={"content-type": "application/json"}
        )
        errors = assert_error(r, 400, "Invalid request: Expected `int` <= 9223372036854775807")
        assert errors["validationErrors"] == [
            {"path": name, "message": "Expected `int` <= 9223372036854775807"}
        ], (method, path, name)


async def test_batch_poll_count_beyond_64_bits_is_a_json_400(api: httpx.AsyncClient) -> None:
    """The batch-poll shortcut answered a plain-text 500."""
    for query in ("count=99999999999999999999", f"timeout={BEYOND_64_BITS}", f"count=-{BEYOND_64_BITS}"):
        r = await api.get(f"/tasks/poll/batch/{unique('t')}?{query}")
        assert_error(r, 400, contains="Invalid request: Expected `int`")


async def test_typed_body_numbers_beyond_64_bits_are_a_400(conductor: Driver) -> None:
    api = conductor.api
    big = 2**65
    task_name = await conductor.taskdef()
    checks = [
        ("/metadata/taskdefs", [{"name": unique("t"), "retryCount": big}]),
        ("/metadata/workflow", {"name": unique("w"), "version": big, "tasks": [simple_task()]}),
        ("/metadata/workflow", {"name": unique("w"), "timeoutSeconds": big, "tasks": [simple_task()]}),
        ("/workflow", {"name": "x", "version": big}),
    ]
    for url, body in checks:
        assert_error(
            await api.post(url, json=body), 400, "Invalid request: Expected `int` <= 9223372036854775807"
        )
    # Free-form maps keep any integer, as Conductor's (stored as JSON text).
    name = await conductor.define(
        [
            {
                "name": task_name,
                "taskReferenceName": "t",
                "type": "SIMPLE",
                "inputParameters": {"n": "${workflow.input.n}"},
            }
        ]
    )
    workflow_id = await conductor.start(name, {"n": big})
    task = await conductor.poll(task_name)
    assert task["inputData"] == {"n": big}
    r = await conductor.post_result(task, "IN_PROGRESS", callbackAfterSeconds=big)
    assert_error(r, 400, "Invalid request: Expected `int` <= 9223372036854775807")
    await conductor.complete_task(task, {"m": -big})
    assert (await conductor.until(workflow_id, "COMPLETED"))["tasks"][0]["outputData"] == {"m": -big}


async def test_wait_duration_beyond_64_bits(conductor: Driver) -> None:
    """A WAIT of "999999999999 days" overflowed its deadline: a 500 on the request that scheduled it."""
    wait = {"name": "wait", "taskReferenceName": "wait", "type": "WAIT"}
    r = await conductor.api.post(
        "/metadata/workflow",
        json={"name": unique("w"), "tasks": [{**wait, "inputParameters": {"duration": "999999999999 days"}}]},
    )
    errors = assert_error(r, 400, VALIDATION_MESSAGE)["validationErrors"]
    assert errors[0]["message"] == (
        "Invalid duration '999999999999 days': duration longer than 4611686018427387 seconds"
    )
    # Computed at run time: the WAIT fails with the reason, the request that got there succeeds.
    task_name = await conductor.taskdef()
    name = await conductor.define(
        [
            {"name": task_name, "taskReferenceName": "first", "type": "SIMPLE"},
            {**wait, "inputParameters": {"duration": "${workflow.input.d}"}},
        ]
    )
    workflow_id = await conductor.start(name, {"d": "999999999999 days"})
    await conductor.complete_task(await conductor.poll(task_name))
    wf = await conductor.until(workflow_id, "FAILED")
    assert wf["tasks"][1]["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "duration longer than" in wf["tasks"][1]["reasonForIncompletion"]


# --------------------------------------------------------------------------- recursive sub workflows


def sub_workflow(ref: str, name: str, **param: Any) -> dict[str, Any]:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "SUB_WORKFLOW",
        "subWorkflowParam": {"name": name, **param},
    }


def cycle_message(*names: str) -> str:
    return (
        f"Sub workflow cycle: {' -> '.join(names)}: each always starts the next as a SUB_WORKFLOW, "
        "so the workflow would never end"
    )


async def test_recursive_sub_workflows_are_refused_at_registration(api: httpx.AsyncClient) -> None:
    """Starting a workflow whose SUB_WORKFLOW starts itself (directly or not) was a 500
    RecursionError; such definitions are now a 400."""
    selfish, a, b = unique("self"), unique("a"), unique("b")
    body = {"name": selfish, "version": 1, "tasks": [sub_workflow("s", selfish)]}
    for url in ("/metadata/workflow", "/metadata/workflow/validate"):
        errors = assert_error(await api.post(url, json=body), 400, VALIDATION_MESSAGE)["validationErrors"]
        assert errors == [{"path": "workflowDef", "message": cycle_message(selfish, selfish)}]
    # Mutual, through a fork branch and a loop body (both always run).
    fork = {"name": "f", "taskReferenceName": "f", "type": "FORK_JOIN", "forkTasks": [[sub_workflow("s", b)]]}
    assert (
        await api.post("/metadata/workflow", json={"name": a, "version": 1, "tasks": [fork]})
    ).status_code == 200
    loop = {
        "name": "l",
        "taskReferenceName": "l",
        "type": "DO_WHILE",
        "loopCondition": "false",
        "loopOver": [sub_workflow("s", a, version=1)],
    }
    r = await api.post("/metadata/workflow", json={"name": b, "version": 1, "tasks": [loop]})
    assert assert_error(r, 400, VALIDATION_MESSAGE)["validationErrors"][0]["message"] == cycle_message(
        b, a, b
    )
    # Both in one bulk registration.
    c, d = unique("c"), unique("d")
    bulk = [
        {"name": c, "version": 1, "tasks": [sub_workflow("s", d)]},
        {
            "name": d,
            "version": 1,
            "tasks": [
                sub_workflow(
                    "s", unique("x"), workflowDefinition={"name": "i", "tasks": [sub_workflow("t", c)]}
                )
            ],
        },
    ]
    errors = assert_error(await api.put("/metadata/workflow", json=bulk), 400, VALIDATION_MESSAGE)[
        "validationErrors"
    ]
    assert [e["path"] for e in errors] == ["workflowDefs[0]", "workflowDefs[1]"]
    # A conditional recursion (a SWITCH branch) may have a base case: accepted.
    e = unique("e")
    switch = {
        "name": "sw",
        "taskReferenceName": "sw",
        "type": "SWITCH",
        "evaluatorType": "value-param",
        "expression": "go",
        "inputParameters": {"go": "${workflow.input.go}"},
        "decisionCases": {"yes": [sub_workflow("s", e)]},
    }
    assert (
        await api.post("/metadata/workflow", json={"name": e, "version": 1, "tasks": [switch]})
    ).status_code == 200


async def test_runaway_recursion_fails_at_the_nesting_limit(conductor: Driver) -> None:
    """A recursion registration cannot see (a SWITCH whose case always recurses) ends with a
    FAILED workflow at MAX_SUB_WORKFLOW_DEPTH instead of a 500 or endless children."""
    from conductor.server.systasks.sub_workflow import MAX_SUB_WORKFLOW_DEPTH

    name = unique("rec")
    switch = {
        "name": "sw",
        "taskReferenceName": "sw",
        "type": "SWITCH",
        "evaluatorType": "value-param",
        "expression": "go",
        "inputParameters": {"go": "yes"},
        "decisionCases": {"yes": [sub_workflow("s", name)]},
    }
    await conductor.define([switch], name=name)
    workflow_id = await conductor.start(name)
    wf = await conductor.until(workflow_id, "FAILED", within=60)
    reason = wf["reasonForIncompletion"] or ""
    assert "nest more than" in reason or "failure reason" in reason, reason
    deepest = await conductor.api.get(
        "/workflow/search", params={"query": f"workflowType={name}", "size": 1000}
    )
    assert deepest.json()["totalHits"] == MAX_SUB_WORKFLOW_DEPTH + 1


async def test_a_chain_of_150_sub_workflows_completes(conductor: Driver) -> None:
    """Each child started inside its parent's decision: 150 levels overflowed the stack."""
    prefix = unique("chain")
    await conductor.define([{"name": "n", "taskReferenceName": "n", "type": "NOOP"}], name=f"{prefix}_150")
    for i in range(149, -1, -1):
        await conductor.define([sub_workflow("s", f"{prefix}_{i + 1}")], name=f"{prefix}_{i}")
    started = time.monotonic()
    workflow_id = await conductor.start(f"{prefix}_0")
    await conductor.until(workflow_id, "COMPLETED", within=60)
    assert time.monotonic() - started < 60


async def test_inline_definition_reaching_a_stored_cycle_is_refused(server: Any, conductor: Driver) -> None:
    """A cycle stored before these checks existed is still refused when an inline definition
    would start it; starting it by name fails at the nesting limit."""
    a, b = unique("a"), unique("b")
    from conductor.server.domain.definitions import SubWorkflowParams, WorkflowDef, WorkflowTask

    def node(target: str) -> WorkflowTask:
        return WorkflowTask(
            name="s",
            task_reference_name="s",
            type="SUB_WORKFLOW",
            sub_workflow_param=SubWorkflowParams(name=target),
        )

    def store(tx: Any) -> None:
        tx.upsert_workflow_def(WorkflowDef(name=a, tasks=[node(b)]))
        tx.upsert_workflow_def(WorkflowDef(name=b, tasks=[node(a)]))

    await server.components.db.write(store)
    inline = {"name": "inline", "tasks": [sub_workflow("s", a)]}
    r = await conductor.api.post("/workflow", json={"name": "inline", "workflowDef": inline})
    errors = assert_error(r, 400, VALIDATION_MESSAGE)["validationErrors"]
    assert errors == [{"path": "startWorkflowRequest.workflowDef", "message": cycle_message(a, b, a)}]


# --------------------------------------------------------------------------- NUL characters

NUL_STORED = (
    "Text containing a NUL character (\\u0000) cannot be stored: names, ids and keys must not contain it"
)


async def test_nul_in_definition_names_is_a_400(api: httpx.AsyncClient) -> None:
    """PostgreSQL text cannot store NUL: such names were accepted (and broke there)."""
    r = await api.post("/metadata/taskdefs", json=[{"name": "a\x00b"}])
    assert (
        assert_validation(r, "TaskDef name must not contain a NUL character")[0]["path"] == "taskDefs[0].name"
    )
    r = await api.post(
        "/metadata/workflow",
        json={"name": "w\x00", "tasks": [{"name": "t\x00", "taskReferenceName": "r\x00", "type": "SIMPLE"}]},
    )
    assert {
        (e["path"], e["message"]) for e in assert_error(r, 400, VALIDATION_MESSAGE)["validationErrors"]
    } >= {
        ("workflowDef.name", "WorkflowDef name must not contain a NUL character"),
        ("workflowDef.tasks[0].name", "WorkflowTask name must not contain a NUL character"),
        (
            "workflowDef.tasks[0].taskReferenceName",
            "WorkflowTask taskReferenceName must not contain a NUL character",
        ),
    }


async def test_nul_in_ids_and_parameters_is_a_400(conductor: Driver) -> None:
    api = conductor.api
    task_name = await conductor.taskdef()
    name = await conductor.simple_workflow(task_name)
    for url, message in (
        ("/workflow/abc%00def", "Path parameter workflow_id must not contain a NUL character"),
        (f"/tasks/poll/{task_name}%00", "Path parameter tasktype must not contain a NUL character"),
        (f"/tasks/poll/batch/{task_name}%00", "Path parameter tasktype must not contain a NUL character"),
        (
            f"/tasks/poll/batch/{task_name}?workerid=w%00",
            "Query parameter workerid must not contain a NUL character",
        ),
        (
            "/workflow/search?query=workflowType%3Dx%00",
            "Query parameter query must not contain a NUL character",
        ),
    ):
        assert_error(await api.get(url), 400, message)
    # Body fields that become stored names or keys.
    for body in ({"name": name, "correlationId": "c\x00"}, {"name": name, "idempotencyKey": "k\x00"}):
        assert_error(await api.post("/workflow", json=body), 400, NUL_STORED)
    # Free-form data keeps them (stored as escaped JSON text).
    workflow_id = await conductor.start(name, {"k\x00": "v\x00"})
    assert (await conductor.get(workflow_id))["input"] == {"k\x00": "v\x00"}
    task = await conductor.poll(task_name)
    r = await api.post(f"/tasks/{task['taskId']}/log", content=b"line\x00")
    assert_error(r, 400, NUL_STORED)
    await conductor.complete_task(task, {"o\x00": 1})
    await conductor.until(workflow_id, "COMPLETED")


# --------------------------------------------------------------------------- the OpenAPI document


async def test_openapi_documents_conductor_error_bodies(api: httpx.AsyncClient) -> None:
    """Documented 400 bodies were the framework's {status_code, detail, extra}; 404 / 409 were
    missing.  Every operation now documents Conductor's error body for them."""
    openapi = (await api.get("/../api-docs")).json()
    schemas = openapi["components"]["schemas"]
    error = schemas["ErrorResponse"]
    assert set(error["required"]) == {"status", "message", "instance", "retryable"}
    assert "validationErrors" in error["properties"]
    assert "status_code" not in str(openapi)  # the framework's body is documented nowhere
    operations = [(m, p, op) for p, ops in openapi["paths"].items() for m, op in ops.items()]
    assert len(operations) > 80
    for method, path, operation in operations:
        for status in ("400", "404", "409", "500"):
            response = operation["responses"].get(status)
            assert response is not None, (method, path, status)
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (method, path, status)


async def test_openapi_success_media_types_match_the_answers(conductor: Driver) -> None:
    """Endpoints answering a bare text id were documented as JSON."""
    api = conductor.api
    paths = (await api.get("/../api-docs")).json()["paths"]

    def documented(path: str, method: str) -> dict[str, Any]:
        return paths[path][method]["responses"]["200"]

    assert list(documented("/api/workflow", "post")["content"]) == ["text/plain"]
    assert list(documented("/api/tasks", "post")["content"]) == ["text/plain"]
    assert "content" not in documented("/api/metadata/workflow", "post")  # an empty body
    task_name = await conductor.taskdef()
    name = await conductor.simple_workflow(task_name)
    r = await api.post("/workflow", json={"name": name})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    task = await conductor.poll(task_name)
    r = await conductor.post_result(task)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    # An error answer has the documented shape.
    body = assert_error(await api.get("/workflow/no-such-id"), 404)
    assert set(body) <= {"status", "message", "instance", "retryable", "validationErrors"}
