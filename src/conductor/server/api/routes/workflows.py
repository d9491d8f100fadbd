"""/api/workflow: start, read, search and lifecycle operations."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, Response, Router, delete, get, post, put
from litestar.datastructures import State
from litestar.params import Parameter

from conductor.server.api.deps import Int64Param, OptionalInt64Param, parse_bool, search_query, services
from conductor.server.api.limits import LimitedRequest, check_body_depth, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.api.responses import empty, text
from conductor.server.domain.errors import BadRequest
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import (
    RerunWorkflowRequest,
    SkipTaskRequest,
    StartWorkflowRequest,
    WorkflowTestRequest,
)
from conductor.server.persistence.search import WorkflowSearchResult
from conductor.server.services.workflow_test import WorkflowTestService


class WorkflowStatusSummary(msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True):
    workflow_id: str
    status: str
    correlation_id: str | None = None
    output: dict[str, Any] | None = None
    variables: dict[str, Any] | None = None


class TaskPage(msgspec.Struct, rename="camel", kw_only=True):
    total_hits: int
    results: list[Task]


@post("/", status_code=200)
async def start_workflow(state: State, data: StartWorkflowRequest) -> Response[str]:
    """Start a workflow (StartWorkflowRequest: name, version, input, correlationId, priority, idempotency, inline definition); answers its id."""
    return text(await services(state).workflows.start(data))


@post("/{name:str}", status_code=200)
async def start_workflow_by_name(
    state: State,
    name: str,
    data: dict[str, Any],
    version: OptionalInt64Param = None,
    correlationId: str | None = None,
    priority: Int64Param = 0,
) -> Response[str]:
    """Start the named workflow with the body as its input; answers its id."""
    request = StartWorkflowRequest(
        name=name, version=version, correlation_id=correlationId, input=data, priority=priority
    )
    return text(await services(state).workflows.start(request, not_found_style="by_name"))


@get("/{workflow_id:str}")
async def get_execution(state: State, workflow_id: str, includeTasks: str | None = None) -> Workflow:
    """One workflow run, with its tasks unless includeTasks=false."""
    return await services(state).workflows.get(workflow_id, parse_bool(includeTasks, True))


@get("/{workflow_id:str}/status")
async def get_status(
    state: State,
    workflow_id: str,
    includeOutput: str | None = None,
    includeVariables: str | None = None,
) -> WorkflowStatusSummary:
    """A workflow's status summary (optionally with output and variables)."""
    wf = await services(state).workflows.status(workflow_id)
    return WorkflowStatusSummary(
        workflow_id=wf.workflow_id,
        status=wf.status.value,
        correlation_id=wf.correlation_id or None,
        output=wf.output if parse_bool(includeOutput, False) else None,
        variables=wf.variables if parse_bool(includeVariables, False) else None,
    )


@get("/{workflow_id:str}/tasks")
async def get_tasks(
    state: State,
    workflow_id: str,
    start: Int64Param = 0,
    count: Int64Param = 15,
    status: list[str] | None = None,
) -> TaskPage:
    """A workflow's tasks, paginated and optionally filtered by status."""
    wanted = sorted({s.strip().upper() for item in status or [] for s in item.split(",") if s.strip()})
    total, tasks = await services(state).workflows.tasks_page(workflow_id, start, count, wanted)
    return TaskPage(total_hits=total, results=tasks)


@get("/running/{name:str}")
async def running(
    state: State,
    name: str,
    version: Int64Param = 1,
    startTime: OptionalInt64Param = None,
    endTime: OptionalInt64Param = None,
) -> list[str]:
    """The ids of the running workflows of a name (optionally version and start-time range)."""
    return await services(state).workflows.running(name, version, startTime, endTime)


@get("/{name:str}/correlated/{correlation_id:str}")
async def correlated(
    state: State,
    name: str,
    correlation_id: str,
    includeClosed: str | None = None,
    includeTasks: str | None = None,
) -> list[Workflow]:
    """The runs of a workflow with a correlation id."""
    return await services(state).workflows.by_correlation(
        name, correlation_id, parse_bool(includeClosed, False), parse_bool(includeTasks, False)
    )


@post("/{name:str}/correlated", status_code=200)
async def correlated_batch(
    state: State,
    name: str,
    data: list[str],
    includeClosed: str | None = None,
    includeTasks: str | None = None,
) -> dict[str, list[Workflow]]:
    """The runs of a workflow for each of several correlation ids."""
    svc = services(state).workflows
    return {
        cid: await svc.by_correlation(
            name, cid, parse_bool(includeClosed, False), parse_bool(includeTasks, False)
        )
        for cid in data
    }


@get("/search-by-tasks")
async def search_by_tasks(
    state: State,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
    freeText: str | None = None,
    query_text: str | None = Parameter(query="query", default=None),
) -> WorkflowSearchResult:
    """Search workflows by their tasks: summaries."""
    q = search_query(state, "summary", start, size, sort, freeText, query_text, "workflow_by_task")
    return await services(state).tasks.search(q)


@get("/search-by-tasks-v2")
async def search_by_tasks_v2(
    state: State,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
    freeText: str | None = None,
    query_text: str | None = Parameter(query="query", default=None),
) -> WorkflowSearchResult:
    """Search workflows by their tasks: full workflows."""
    q = search_query(state, "full", start, size, sort, freeText, query_text, "workflow_by_task")
    return await services(state).tasks.search(q)


@get(["/externalstoragelocation", "/external-storage-location"])
async def external_storage_location() -> None:
    """External payload storage: not supported by this server (400)."""
    raise BadRequest("External payload storage is not configured on this server")


@post("/test", status_code=200)
async def test_workflow(state: State, data: WorkflowTestRequest) -> Workflow:
    """Test run: start the workflow and complete its worker tasks with the mocked results given by reference name; answers the run with its tasks."""
    svc = services(state)
    return await WorkflowTestService(svc.workflows, svc.tasks).run(data)


@get("/search")
async def search(
    state: State,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
    freeText: str | None = None,
    query_text: str | None = Parameter(query="query", default=None),
) -> WorkflowSearchResult:
    """Search workflows (query, free text, sort, paging): summaries."""
    return await services(state).workflows.search(
        search_query(state, "summary", start, size, sort, freeText, query_text)
    )


@get("/search-v2")
async def search_v2(
    state: State,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
    freeText: str | None = None,
    query_text: str | None = Parameter(query="query", default=None),
) -> WorkflowSearchResult:
    """Search workflows (query, free text, sort, paging): full workflows."""
    return await services(state).workflows.search(
        search_query(state, "full", start, size, sort, freeText, query_text)
    )


@put("/decide/{workflow_id:str}", status_code=200)
async def decide(state: State, workflow_id: str) -> Response[bytes]:
    """Run the decider on a workflow now."""
    await services(state).workflows.decide(workflow_id)
    return empty()


@put("/{workflow_id:str}/pause", status_code=200)
async def pause(state: State, workflow_id: str) -> Response[bytes]:
    """Pause a running workflow: no new task is scheduled until it is resumed."""
    await services(state).workflows.pause(workflow_id)
    return empty()


@put("/{workflow_id:str}/resume", status_code=200)
async def resume(state: State, workflow_id: str) -> Response[bytes]:
    """Resume a paused workflow."""
    await services(state).workflows.resume(workflow_id)
    return empty()


@delete("/{workflow_id:str}", status_code=200)
async def terminate(
    state: State,
    workflow_id: str,
    reason: str | None = None,
    triggerFailureWorkflow: str | None = None,
) -> Response[bytes]:
    """Terminate a running or paused workflow, with an optional reason."""
    await services(state).workflows.terminate(workflow_id, reason, parse_bool(triggerFailureWorkflow, False))
    return empty()


@delete("/{workflow_id:str}/remove", status_code=200)
async def remove(state: State, workflow_id: str, archiveWorkflow: str | None = None) -> Response[bytes]:
    """Delete a workflow and its tasks."""
    await services(state).workflows.remove(workflow_id, parse_bool(archiveWorkflow, True))
    return empty()


@delete("/{workflow_id:str}/terminate-remove", status_code=200)
async def terminate_remove(
    state: State,
    workflow_id: str,
    reason: str | None = None,
    archiveWorkflow: str | None = None,
) -> Response[bytes]:
    """Terminate a workflow, then delete it and its tasks."""
    await services(state).workflows.terminate_remove(workflow_id, reason, parse_bool(archiveWorkflow, True))
    return empty()


@post("/{workflow_id:str}/restart", status_code=204)
async def restart(state: State, workflow_id: str, useLatestDefinitions: str | None = None) -> None:
    """Restart an ended workflow from the beginning (optionally with the latest definition)."""
    await services(state).workflows.restart(workflow_id, parse_bool(useLatestDefinitions, False))


@post("/{workflow_id:str}/retry", status_code=204)
async def retry(state: State, workflow_id: str, resumeSubworkflowTasks: str | None = None) -> None:
    """Retry a failed or timed-out workflow from its last failed task (optionally resuming sub-workflows)."""
    await services(state).workflows.retry(workflow_id, parse_bool(resumeSubworkflowTasks, False))


@post("/{workflow_id:str}/resetcallbacks", status_code=204)
async def reset_callbacks(state: State, workflow_id: str) -> None:
    """Make the workflow's tasks waiting for a callback (callbackAfterSeconds) due now."""
    await services(state).workflows.reset_callbacks(workflow_id)


@post("/{workflow_id:str}/rerun", status_code=200)
async def rerun(state: State, workflow_id: str, data: RerunWorkflowRequest) -> Response[str]:
    """Rerun a workflow from a given task, with new input for the workflow or that task."""
    return text(await services(state).workflows.rerun(workflow_id, data))


@put("/{workflow_id:str}/skiptask/{task_ref:str}", status_code=200)
async def skip_task(
    request: Request[Any, Any, Any],
    state: State,
    workflow_id: str,
    task_ref: str,
    skipTaskRequest: str | None = None,
) -> Response[bytes]:
    """Skip a task of a running workflow that has not started yet."""
    body = await request.body()
    payload: SkipTaskRequest | None = None
    raw = body if body.strip() not in (b"", b"{}") else _json_or_empty(skipTaskRequest)
    if raw.strip():
        check_body_depth(request, raw)
        try:
            payload = msgspec.json.decode(raw, type=SkipTaskRequest)
        except msgspec.DecodeError as exc:
            raise BadRequest(f"Invalid skip task request: {exc}") from exc
    await services(state).workflows.skip_task(workflow_id, task_ref, payload)
    return empty()


def _json_or_empty(value: str | None) -> bytes:
    """The `skipTaskRequest` query parameter when it is JSON. The Go SDK and Conductor's CLI put
    a Go-formatted struct there (`{map[] map[] map[] map[]}`), which Conductor ignores: so do we."""
    raw = (value or "").encode()
    try:
        msgspec.json.decode(raw)
    except msgspec.DecodeError:
        return b""
    return raw


@post("/{workflow_id:str}/variables", status_code=200)
async def update_variables(state: State, workflow_id: str, data: dict[str, Any]) -> Workflow:
    """Update a workflow's variables."""
    return await services(state).workflows.update_variables(workflow_id, data)


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/api/workflow",
        tags=["workflow"],
        route_handlers=[
            start_workflow,
            start_workflow_by_name,
            search_by_tasks,
            search_by_tasks_v2,
            external_storage_location,
            test_workflow,
            search,
            search_v2,
            running,
            decide,
            get_execution,
            get_status,
            get_tasks,
            correlated,
            correlated_batch,
            pause,
            resume,
            terminate,
            remove,
            terminate_remove,
            restart,
            retry,
            reset_callbacks,
            rerun,
            skip_task,
            update_variables,
        ],
    )
)
