"""/api/scheduler: workflow schedules (Conductor's scheduler module)."""

from __future__ import annotations

import re

from litestar import Response, Router, delete, get, post, put
from litestar.datastructures import State
from litestar.params import Parameter

from conductor.server.api.deps import Int64Param, OptionalInt64Param, parse_bool, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.api.responses import empty, text
from conductor.server.domain.requests import BulkResponse
from conductor.server.domain.schedules import ExecutionSearchResult, ScheduleSearchResult, WorkflowSchedule
from conductor.server.services.scheduler import SchedulerService

# `scheduleName = 'x' AND state IN (...)`-style queries: only the two fields the UI filters on.
_QUERY_FIELD = re.compile(r"\b(scheduleName|state)\s*(?:=|IN)\s*\(?\s*'?([A-Za-z0-9_.:-]+)'?", re.IGNORECASE)


def scheduler(state: State) -> SchedulerService:
    svc = services(state).scheduler
    assert svc is not None
    return svc


@post("/schedules", status_code=200)
async def save_schedule(state: State, data: WorkflowSchedule) -> WorkflowSchedule:
    """Create or update a schedule (by name); answers the stored schedule with its nextRunTime."""
    return await scheduler(state).save(data)


@get("/schedules")
async def all_schedules(state: State, workflowName: str | None = None) -> list[WorkflowSchedule]:
    """All schedules, or those starting one workflow."""
    return await scheduler(state).all(workflowName)


@get("/schedules/search")
async def search_schedules(
    state: State,
    workflowName: str | None = None,
    scheduleName: str | None = None,
    paused: str | None = None,
    freeText: str | None = None,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
) -> ScheduleSearchResult:
    """Search schedules by workflow, name, paused state and free text (paged)."""
    flag = None if paused in (None, "") else parse_bool(paused, False)
    return await scheduler(state).search(workflowName, scheduleName, flag, freeText, start, size)


@get("/schedules/{name:str}")
async def get_schedule(state: State, name: str) -> WorkflowSchedule:
    """One schedule by name."""
    return await scheduler(state).get(name)


@delete("/schedules/{name:str}", status_code=200)
async def delete_schedule(state: State, name: str) -> Response[bytes]:
    """Delete a schedule (its execution history stays)."""
    await scheduler(state).delete(name)
    return empty()


@put("/schedules/{name:str}/pause", status_code=200)
async def pause_schedule(state: State, name: str, reason: str | None = None) -> Response[bytes]:
    """Pause a schedule: it fires no more until resumed."""
    await scheduler(state).pause(name, reason)
    return empty()


@put("/schedules/{name:str}/resume", status_code=200)
async def resume_schedule(state: State, name: str) -> Response[bytes]:
    """Resume a paused schedule (missed instants run only with runCatchupScheduleInstances)."""
    await scheduler(state).resume(name)
    return empty()


@post("/schedules/{name:str}/run", status_code=200)
async def run_schedule(state: State, name: str) -> Response[str]:
    """Start the schedule's workflow now, outside its cron; answers the workflow id."""
    return text(await scheduler(state).run_now(name))


@put("/bulk/pause", status_code=200)
async def bulk_pause(state: State, data: list[str]) -> BulkResponse:
    """Pause several schedules (body: list of names)."""
    return await scheduler(state).bulk(data, pause=True)


@put("/bulk/resume", status_code=200)
async def bulk_resume(state: State, data: list[str]) -> BulkResponse:
    """Resume several schedules (body: list of names)."""
    return await scheduler(state).bulk(data, pause=False)


@get("/nextFewSchedules")
async def next_few_schedules(
    state: State,
    cronExpression: str | None = None,
    scheduleStartTime: OptionalInt64Param = None,
    scheduleEndTime: OptionalInt64Param = None,
    limit: Int64Param = 3,
) -> list[int]:
    """The next fire times (epoch ms, UTC) of a cron expression, at most 5."""
    return scheduler(state).next_few(cronExpression or "", scheduleStartTime, scheduleEndTime, limit)


@get("/search/executions")
async def search_executions(
    state: State,
    query_text: str | None = Parameter(query="query", default=None),
    freeText: str | None = None,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
) -> ExecutionSearchResult:
    """History of schedule fires, newest first (query filters on scheduleName and state)."""
    fields = {k.lower(): v for k, v in _QUERY_FIELD.findall(query_text or "")}
    name = fields.get("schedulename")
    if name is None and freeText not in (None, "", "*"):
        name = freeText
    return await scheduler(state).executions(name, fields.get("state"), start, size)


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/api/scheduler",
        tags=["scheduler"],
        route_handlers=[
            save_schedule,
            all_schedules,
            search_schedules,
            get_schedule,
            delete_schedule,
            pause_schedule,
            resume_schedule,
            run_schedule,
            bulk_pause,
            bulk_resume,
            next_few_schedules,
            search_executions,
        ],
    )
)
