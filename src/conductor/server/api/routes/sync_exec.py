"""Synchronous execution and signals: start (or signal) then answer once the workflow ends or
blocks (`POST /api/workflow/execute/...`, `POST /api/tasks/{id}/{status}/signal/sync`)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Router, post
from litestar.datastructures import State

from conductor.server.api.deps import Int64Param, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.domain.errors import BadRequest, NotFound
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import TaskResultStatus

STRATEGIES = ("TARGET_WORKFLOW", "BLOCKING_WORKFLOW", "BLOCKING_TASK", "BLOCKING_TASK_INPUT")


class SignalResponse(msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True):
    response_type: str
    target_workflow_id: str
    target_workflow_status: str
    request_id: str
    workflow_id: str
    # A Java primitive: always serialised, false included (omit_defaults would drop it).
    signal_timeout: bool
    correlation_id: str | None = None
    input: dict[str, Any] | None = None
    output: dict[str, Any] | None = None
    priority: int | None = None
    variables: dict[str, Any] | None = None
    tasks: list[Task] | None = None
    created_by: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    status: str | None = None
    # TaskRun fields (BLOCKING_TASK / BLOCKING_TASK_INPUT)
    task_type: str | None = None
    task_id: str | None = None
    reference_task_name: str | None = None
    retry_count: int | None = None
    task_def_name: str | None = None
    workflow_type: str | None = None
    reason_for_incompletion: str | None = None


def _respond(
    strategy: str, request_id: str, target: Workflow, chain: list[Workflow], timed_out: bool
) -> SignalResponse:
    base: dict[str, Any] = {
        "response_type": strategy,
        "target_workflow_id": target.workflow_id,
        "target_workflow_status": target.status.value,
        "request_id": request_id,
        "signal_timeout": timed_out,
    }
    blocking = chain[-1] if chain else target
    if strategy in ("BLOCKING_TASK", "BLOCKING_TASK_INPUT"):
        task = next(
            (t for t in blocking.tasks if t.task_type == "WAIT" and not t.status.is_terminal),
            blocking.tasks[-1] if blocking.tasks else None,
        )
        if task is not None:
            data = task.input_data if strategy == "BLOCKING_TASK_INPUT" else task.output_data
            return SignalResponse(
                **base,
                workflow_id=blocking.workflow_id,
                correlation_id=blocking.correlation_id,
                input=task.input_data,
                output=data,
                task_type=task.task_type,
                task_id=task.task_id,
                reference_task_name=task.reference_task_name,
                retry_count=task.retry_count,
                task_def_name=task.task_def_name,
                workflow_type=blocking.workflow_name,
                reason_for_incompletion=task.reason_for_incompletion,
                created_by=task.worker_id,
                create_time=task.start_time,
                update_time=task.update_time,
                status=task.status.value,
            )
    shown = blocking if strategy == "BLOCKING_WORKFLOW" else target
    return SignalResponse(
        **base,
        workflow_id=shown.workflow_id,
        correlation_id=shown.correlation_id,
        input=shown.input,
        output=shown.output,
        priority=shown.priority,
        variables=shown.variables,
        tasks=shown.tasks,
        created_by=shown.created_by,
        create_time=shown.create_time,
        update_time=shown.update_time,
        status=shown.status.value,
    )


def _strategy(value: str | None) -> str:
    strategy = (value or "TARGET_WORKFLOW").strip()
    if strategy not in STRATEGIES:
        raise BadRequest(f"Invalid returnStrategy: {strategy}. Allowed: {', '.join(STRATEGIES)}")
    return strategy


def _refs(value: str | None) -> set[str]:
    if not value or value == "None":
        return set()
    return {r.strip() for r in value.split(",") if r.strip()}


@post("/workflow/execute/{name:str}/{version:int}", status_code=200)
async def execute(
    state: State,
    name: str,
    version: Int64Param,
    data: StartWorkflowRequest,
    requestId: str | None = None,
    waitUntilTaskRef: str | None = None,
    waitForSeconds: Int64Param = 10,
    returnStrategy: str | None = None,
) -> SignalResponse:
    """Start a workflow and wait for it to finish, or to reach waitUntilTaskRef, up to waitForSeconds."""
    strategy = _strategy(returnStrategy)
    data.name = name
    data.version = version or None
    if data.workflow_def is not None and data.workflow_def.tasks:
        data.input = {**(data.input or {}), "_systemMetadata": {"dynamic": True}}
    svc = services(state).workflows
    workflow_id = await svc.start(data)
    wait = waitForSeconds if waitForSeconds > 0 else 10
    target, chain, timed_out = await svc.wait_until_blocked(workflow_id, _refs(waitUntilTaskRef), wait)
    return _respond(strategy, requestId or str(uuid.uuid4()), target, chain, timed_out)


@post("/tasks/{workflow_id:str}/{status:str}/signal/sync", status_code=200)
async def signal_sync(
    state: State,
    workflow_id: str,
    status: str,
    data: dict[str, Any],
    returnStrategy: str | None = None,
    timeoutMillis: Int64Param = 5000,
) -> SignalResponse:
    """Complete or fail the workflow's pending WAIT / HUMAN / signal task and wait for the next state."""
    strategy = _strategy(returnStrategy)
    try:
        result_status = TaskResultStatus(status)
    except ValueError as exc:
        raise BadRequest(f"Invalid task status: {status}") from exc
    svc = services(state)
    if await svc.tasks.signal(workflow_id, result_status, data) is None:
        raise NotFound(f"Found no blocked task in workflow {workflow_id} to signal")
    target, chain, timed_out = await svc.workflows.wait_until_blocked(
        workflow_id, set(), timeoutMillis / 1000
    )
    return _respond(strategy, str(uuid.uuid4()), target, chain, timed_out)


router = document(
    Router(
        path="/api",
        tags=["workflow"],
        route_handlers=[execute, signal_sync],
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
    )
)
