"""/api/workflow/bulk: lifecycle operations over up to 1000 workflow ids at once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar import Router, delete, post, put
from litestar.datastructures import State

from conductor.server.api.deps import parse_bool, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.domain.errors import BadRequest, ConductorError
from conductor.server.domain.requests import BulkResponse

MAX_BULK = 1000


async def _each(ids: list[str], op: Callable[[str], Awaitable[object]]) -> BulkResponse:
    if not ids:
        raise BadRequest("WorkflowIds list cannot be null.")
    if len(ids) > MAX_BULK:
        raise BadRequest(f"Cannot process more than {MAX_BULK} workflows. Please use multiple requests.")
    result = BulkResponse()
    for workflow_id in ids:
        try:
            await op(workflow_id)
            result.bulk_successful_results.append(workflow_id)
        except ConductorError as exc:
            result.bulk_error_results[workflow_id] = exc.message
    return result


@put("/pause", status_code=200)
async def pause(state: State, data: list[str]) -> BulkResponse:
    """Pause the given running workflows (at most 1,000 ids); reports which succeeded and which failed."""
    return await _each(data, services(state).workflows.pause)


@put("/resume", status_code=200)
async def resume(state: State, data: list[str]) -> BulkResponse:
    """Resume the given paused workflows (at most 1,000 ids)."""
    return await _each(data, services(state).workflows.resume)


@post("/restart", status_code=200)
async def restart(state: State, data: list[str], useLatestDefinitions: str | None = None) -> BulkResponse:
    """Restart the given ended workflows from the beginning, optionally with their latest definitions."""
    latest = parse_bool(useLatestDefinitions, False)
    svc = services(state).workflows
    return await _each(data, lambda wid: svc.restart(wid, latest))


@post("/retry", status_code=200)
async def retry(state: State, data: list[str]) -> BulkResponse:
    """Retry the given failed or timed-out workflows from their last failed task."""
    svc = services(state).workflows
    return await _each(data, lambda wid: svc.retry(wid, False))


@post("/terminate", status_code=200)
async def terminate(state: State, data: list[str], reason: str | None = None) -> BulkResponse:
    """Terminate the given running or paused workflows, with an optional reason."""
    svc = services(state).workflows
    return await _each(data, lambda wid: svc.terminate(wid, reason))


@delete("/remove", status_code=200)
async def remove(state: State, data: list[str], archiveWorkflow: str | None = None) -> BulkResponse:
    """Delete the given workflows and their tasks."""
    archive = parse_bool(archiveWorkflow, True)
    svc = services(state).workflows
    return await _each(data, lambda wid: svc.remove(wid, archive))


@delete("/terminate-remove", status_code=200)
async def terminate_remove(
    state: State,
    data: list[str],
    reason: str | None = None,
    archiveWorkflow: str | None = None,
) -> BulkResponse:
    """Terminate the given workflows, then delete them and their tasks."""
    archive = parse_bool(archiveWorkflow, True)
    svc = services(state).workflows
    return await _each(data, lambda wid: svc.terminate_remove(wid, reason, archive))


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/api/workflow/bulk",
        tags=["workflow-bulk"],
        route_handlers=[pause, resume, restart, retry, terminate, remove, terminate_remove],
    )
)
