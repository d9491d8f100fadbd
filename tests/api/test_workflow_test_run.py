"""POST /api/workflow/test: a real run whose worker tasks take mocked results (docs/api.md §2.11),
and skip-task's `skipTaskRequest` query parameter as the Go SDK sends it (docs/api.md §2.2)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from apihelpers import VALIDATION_MESSAGE, assert_empty, assert_error, assert_validation, unique

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.workflow_test_request import TaskMock, WorkflowTestRequest
from driver import Driver


def simple(name: str, ref: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "taskReferenceName": ref, "type": "SIMPLE", **fields}


def inline_def(tasks: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {"name": unique("wf_test"), "version": 1, "tasks": tasks, **fields}


def attempts(wf: dict[str, Any]) -> list[tuple[str, str]]:
    return [(t["referenceTaskName"], t["status"]) for t in wf["tasks"]]


def task(wf: dict[str, Any], ref: str, index: int = -1) -> dict[str, Any]:
    return [t for t in wf["tasks"] if t["referenceTaskName"] == ref][index]


async def run_test(api: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.post("/workflow/test", json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    wf: dict[str, Any] = response.json()
    return wf


async def test_mocked_outputs_flow_through_the_run(api: httpx.AsyncClient, conductor: Driver) -> None:
    a, b = await conductor.taskdef(), await conductor.taskdef()
    definition = inline_def(
        [
            simple(a, "a", inputParameters={"n": "${workflow.input.n}"}),
            simple(b, "b", inputParameters={"fromA": "${a.output.value}"}),
        ],
        outputParameters={"a": "${a.output.value}", "b": "${b.output.total}"},
    )
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "input": {"n": 3},
            "correlationId": "corr-1",
            "taskRefToMockOutput": {
                "a": [{"status": "COMPLETED", "output": {"value": 7}}],
                "b": [{"output": {"total": 10}}],  # status defaults to COMPLETED
            },
        },
    )
    assert wf["status"] == "COMPLETED"
    assert wf["output"] == {"a": 7, "b": 10}
    assert wf["correlationId"] == "corr-1"
    assert attempts(wf) == [("a", "COMPLETED"), ("b", "COMPLETED")]
    assert task(wf, "a")["inputData"] == {"n": 3}
    assert task(wf, "b")["inputData"] == {"fromA": 7}
    # The run is stored like any other.
    stored = await conductor.get(wf["workflowId"])
    assert stored["status"] == "COMPLETED"
    assert stored["output"] == {"a": 7, "b": 10}


async def test_the_sdk_request_shape_is_understood(api: httpx.AsyncClient, conductor: Driver) -> None:
    """The body exactly as the SDK serializes WorkflowTestRequest / TaskMock (official names)."""
    a = await conductor.taskdef()
    name = await conductor.define([simple(a, "a")], outputParameters={"y": "${a.output.y}"})
    request = WorkflowTestRequest(
        name=name,
        version=1,
        input={"k": "v"},
        task_ref_to_mock_output={"a": [TaskMock(status="COMPLETED", output={"y": 2}, execution_time=0)]},
    )
    wf = await run_test(api, ApiClient().sanitize_for_serialization(request))
    assert wf["status"] == "COMPLETED"
    assert wf["output"] == {"y": 2}
    assert wf["input"] == {"k": "v"}


async def test_failed_then_completed_mock_is_a_retry(api: httpx.AsyncClient, conductor: Driver) -> None:
    a = await conductor.taskdef(retryCount=1)
    definition = inline_def([simple(a, "a")], outputParameters={"v": "${a.output.v}"})
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {
                "a": [
                    {"status": "FAILED", "output": {"error": "flaky"}},
                    {"status": "COMPLETED", "output": {"v": "second try"}},
                ]
            },
        },
    )
    assert wf["status"] == "COMPLETED"
    assert wf["output"] == {"v": "second try"}
    assert attempts(wf) == [("a", "FAILED"), ("a", "COMPLETED")]
    first, second = task(wf, "a", 0), task(wf, "a", 1)
    assert first["outputData"] == {"error": "flaky"}
    assert first["retried"] is True
    assert second["retryCount"] == 1
    assert second["retriedTaskId"] == first["taskId"]


async def test_failed_mock_without_retries_fails_the_run(api: httpx.AsyncClient, conductor: Driver) -> None:
    a, b = await conductor.taskdef(retryCount=0), await conductor.taskdef()
    definition = inline_def([simple(a, "a"), simple(b, "b")])
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {"a": [{"status": "FAILED"}], "b": [{"status": "COMPLETED"}]},
        },
    )
    assert wf["status"] == "FAILED"
    assert attempts(wf) == [("a", "FAILED")]
    assert wf["failedReferenceTaskNames"] == ["a"]


async def test_used_up_mocks_leave_the_retry_waiting(api: httpx.AsyncClient, conductor: Driver) -> None:
    a = await conductor.taskdef(retryCount=2)
    definition = inline_def([simple(a, "a")])
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {"a": [{"status": "FAILED"}]},
        },
    )
    assert wf["status"] == "RUNNING"
    assert attempts(wf) == [("a", "FAILED"), ("a", "SCHEDULED")]


async def test_switch_and_inline_run_for_real(api: httpx.AsyncClient, conductor: Driver) -> None:
    worker = await conductor.taskdef()
    definition = inline_def(
        [
            {
                "name": "double",
                "taskReferenceName": "double",
                "type": "INLINE",
                "inputParameters": {
                    "n": "${workflow.input.n}",
                    "evaluatorType": "javascript",
                    "expression": "$.n * 2",
                },
            },
            {
                "name": "route",
                "taskReferenceName": "route",
                "type": "SWITCH",
                "evaluatorType": "javascript",
                "expression": "$.v > 5 ? 'big' : 'small'",
                "inputParameters": {"v": "${double.output.result}"},
                "decisionCases": {
                    "big": [simple(worker, "big_task")],
                    "small": [simple(worker, "small_task")],
                },
            },
        ],
        outputParameters={"doubled": "${double.output.result}", "big": "${big_task.output.label}"},
    )
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "input": {"n": 4},
            "taskRefToMockOutput": {
                # System tasks are not mocked: this entry is dropped and INLINE computes 8.
                "double": [{"status": "COMPLETED", "output": {"result": 1}}],
                "big_task": [{"output": {"label": "went big"}}],
                "small_task": [{"output": {"label": "went small"}}],
            },
        },
    )
    assert wf["status"] == "COMPLETED"
    assert wf["output"] == {"doubled": 8, "big": "went big"}
    assert attempts(wf) == [("double", "COMPLETED"), ("route", "COMPLETED"), ("big_task", "COMPLETED")]
    assert task(wf, "route")["outputData"]["evaluationResult"] == ["big"]


async def test_sub_workflow_takes_its_own_mocks(api: httpx.AsyncClient, conductor: Driver) -> None:
    inner, outer = await conductor.taskdef(), await conductor.taskdef()
    child = await conductor.define(
        [simple(inner, "inner", inputParameters={"x": "${workflow.input.x}"})],
        outputParameters={"childSays": "${inner.output.said}"},
    )
    definition = inline_def(
        [
            {
                "name": "sub",
                "taskReferenceName": "sub",
                "type": "SUB_WORKFLOW",
                "subWorkflowParam": {"name": child, "version": 1},
                "inputParameters": {"x": "${workflow.input.x}"},
            },
            simple(outer, "after", inputParameters={"heard": "${sub.output.childSays}"}),
        ],
        outputParameters={"heard": "${after.output.heard}"},
    )
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "input": {"x": "hello"},
            "taskRefToMockOutput": {"after": [{"output": {"heard": "child said hi"}}]},
            "subWorkflowTestRequest": {
                "sub": {"name": child, "taskRefToMockOutput": {"inner": [{"output": {"said": "hi"}}]}}
            },
        },
    )
    assert wf["status"] == "COMPLETED", wf
    assert wf["output"] == {"heard": "child said hi"}
    sub = task(wf, "sub")
    assert sub["status"] == "COMPLETED"
    assert sub["outputData"]["childSays"] == "hi"
    assert task(wf, "after")["inputData"] == {"heard": "hi"}
    child_run = await conductor.get(sub["subWorkflowId"])
    assert child_run["status"] == "COMPLETED"
    assert child_run["parentWorkflowId"] == wf["workflowId"]
    assert attempts(child_run) == [("inner", "COMPLETED")]
    assert task(child_run, "inner")["inputData"] == {"x": "hello"}


async def test_only_sub_workflow_mocks_still_drive_the_child(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    inner = await conductor.taskdef()
    child = await conductor.define([simple(inner, "inner")], outputParameters={"v": "${inner.output.v}"})
    definition = inline_def(
        [
            {
                "name": "sub",
                "taskReferenceName": "sub",
                "type": "SUB_WORKFLOW",
                "subWorkflowParam": {"name": child, "version": 1},
            },
            {
                "name": "mark",
                "taskReferenceName": "mark",
                "type": "SET_VARIABLE",
                "inputParameters": {"seen": True},
            },
        ],
        outputParameters={"v": "${sub.output.v}"},
    )
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "subWorkflowTestRequest": {"sub": {"taskRefToMockOutput": {"inner": [{"output": {"v": 42}}]}}},
        },
    )
    assert wf["status"] == "COMPLETED", wf
    assert wf["output"] == {"v": 42}
    assert wf["variables"] == {"seen": True}
    assert attempts(wf) == [("sub", "COMPLETED"), ("mark", "COMPLETED")]


async def test_loop_iterations_take_mocks_by_iteration_reference(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    step = await conductor.taskdef()
    definition = inline_def(
        [
            {
                "name": "loop",
                "taskReferenceName": "loop",
                "type": "DO_WHILE",
                "loopCondition": "if ($.loop['iteration'] < 2) { true; } else { false; }",
                "loopOver": [simple(step, "step")],
            }
        ],
        outputParameters={"last": "${step.output.n}"},
    )
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {"step__1": [{"output": {"n": 1}}], "step__2": [{"output": {"n": 2}}]},
        },
    )
    assert wf["status"] == "COMPLETED", wf
    assert attempts(wf) == [("loop", "COMPLETED"), ("step__1", "COMPLETED"), ("step__2", "COMPLETED")]
    assert task(wf, "loop")["outputData"]["iteration"] == 2
    assert task(wf, "step__2")["outputData"] == {"n": 2}


async def test_missing_mock_answers_the_running_run(api: httpx.AsyncClient, conductor: Driver) -> None:
    a, b = await conductor.taskdef(), await conductor.taskdef()
    name = await conductor.define([simple(a, "a"), simple(b, "b")])
    wf = await run_test(
        api, {"name": name, "version": 1, "taskRefToMockOutput": {"a": [{"output": {"ok": True}}]}}
    )
    assert wf["status"] == "RUNNING"
    assert attempts(wf) == [("a", "COMPLETED"), ("b", "SCHEDULED")]
    # The run's tasks are in a domain of their own: a real worker of that type never gets them.
    domain = task(wf, "b")["domain"]
    assert domain and wf["taskToDomain"] == {"*": domain}
    assert await conductor.poll_once(b) is None


async def test_wait_stops_the_run_unless_mocked(api: httpx.AsyncClient, conductor: Driver) -> None:
    definition = inline_def(
        [{"name": "hold", "taskReferenceName": "hold", "type": "WAIT"}],
        outputParameters={"approved": "${hold.output.approved}"},
    )
    waiting = await run_test(api, {"name": definition["name"], "workflowDef": definition})
    assert waiting["status"] == "RUNNING"
    assert attempts(waiting) == [("hold", "IN_PROGRESS")]

    definition["name"] = unique("wf_test")
    done = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {"hold": [{"output": {"approved": True}}]},
        },
    )
    assert done["status"] == "COMPLETED"
    assert done["output"] == {"approved": True}


async def test_execution_time_backdates_the_attempt(api: httpx.AsyncClient, conductor: Driver) -> None:
    a = await conductor.taskdef()
    definition = inline_def([simple(a, "a")])
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {
                "a": [
                    {"status": "COMPLETED", "output": {"v": 1}, "executionTime": 2000, "queueWaitTime": 3000}
                ]
            },
        },
    )
    assert wf["status"] == "COMPLETED"
    done = task(wf, "a")
    assert done["outputData"] == {"v": 1}
    assert done["endTime"] - done["startTime"] == 2000
    assert done["startTime"] - done["scheduledTime"] == 3000


async def test_execution_time_beyond_timeout_times_the_task_out(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    a = await conductor.taskdef(timeoutSeconds=2, responseTimeoutSeconds=1, timeoutPolicy="TIME_OUT_WF")
    definition = inline_def([simple(a, "a")])
    wf = await run_test(
        api,
        {
            "name": definition["name"],
            "workflowDef": definition,
            "taskRefToMockOutput": {"a": [{"status": "IN_PROGRESS", "executionTime": 5000}]},
        },
    )
    assert wf["status"] == "TIMED_OUT"
    assert attempts(wf) == [("a", "TIMED_OUT")]


# ---- bad input ------------------------------------------------------------------------------------


async def test_unknown_workflow_is_404(api: httpx.AsyncClient) -> None:
    name = unique("missing")
    assert_error(
        await api.post("/workflow/test", json={"name": name, "taskRefToMockOutput": {}}),
        404,
        f"No such workflow defined. name={name}, version=null",
    )


async def test_bad_requests_are_400(api: httpx.AsyncClient) -> None:
    assert_validation(await api.post("/workflow/test", json={}), "Workflow name cannot be null or empty")
    # An inline definition is validated like POST /workflow's.
    invalid = await api.post(
        "/workflow/test", json={"name": "x", "workflowDef": {"name": "x", "version": 1, "tasks": []}}
    )
    body = assert_error(invalid, 400, VALIDATION_MESSAGE)
    assert body["validationErrors"], body
    assert_error(
        await api.post("/workflow/test", content=b"{not json", headers={"content-type": "application/json"}),
        400,
        contains="JSON is malformed",
    )
    bad_status = assert_error(
        await api.post(
            "/workflow/test", json={"name": "x", "taskRefToMockOutput": {"a": [{"status": "MAYBE"}]}}
        ),
        400,
        contains="Invalid enum value 'MAYBE'",
    )
    assert bad_status["validationErrors"][0]["path"].startswith("taskRefToMockOutput")
    assert_error(
        await api.post(
            "/workflow/test", json={"name": "x", "taskRefToMockOutput": {"a": {"status": "COMPLETED"}}}
        ),
        400,
    )
    assert_error(
        await api.post("/workflow/test", json={"name": "x", "input": None}),
        400,
        "NULL input passed when starting workflow",
    )


# ---- skip task: the Go SDK's query parameter ----------------------------------------------------


@pytest.fixture
async def skippable(conductor: Driver) -> tuple[str, str]:
    """(workflow id, task a's type) of a running a -> b workflow."""
    a, b = await conductor.taskdef(), await conductor.taskdef()
    name = await conductor.define([simple(a, "a"), simple(b, "b")])
    return await conductor.start(name), a


async def test_skiptask_ignores_a_go_struct_query(
    api: httpx.AsyncClient, conductor: Driver, skippable: tuple[str, str]
) -> None:
    wid, a = skippable
    response = await api.put(
        f"/workflow/{wid}/skiptask/b", params={"skipTaskRequest": "{map[] map[] map[] map[]}"}
    )
    assert_empty(response)
    wf = await conductor.get(wid)
    assert ("b", "SKIPPED") in attempts(wf)
    assert task(wf, "b")["outputData"] == {}
    await conductor.complete_task(await conductor.poll(a))
    await conductor.until(wid, "COMPLETED")


async def test_skiptask_json_query_keeps_its_meaning(
    api: httpx.AsyncClient, conductor: Driver, skippable: tuple[str, str]
) -> None:
    wid, _ = skippable
    assert_empty(
        await api.put(
            f"/workflow/{wid}/skiptask/b", params={"skipTaskRequest": '{"taskOutput": {"why": "query"}}'}
        )
    )
    assert task(await conductor.get(wid), "b")["outputData"] == {"why": "query"}
    # JSON of the wrong shape is still refused.
    assert_error(
        await api.put(f"/workflow/{wid}/skiptask/a", params={"skipTaskRequest": '{"taskOutput": 5}'}),
        400,
        contains="Invalid skip task request",
    )
