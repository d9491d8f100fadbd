"""Workflow schedules (/api/scheduler) as Conductor's scheduler module names their fields."""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.numbers import Int64
from conductor.server.domain.requests import StartWorkflowRequest


class CronSchedule(msgspec.Struct, rename="camel", kw_only=True):
    """One entry of `cronSchedules`: a cron expression and the zone it reads in."""

    cron_expression: str | None = None
    zone_id: str | None = "UTC"


class WorkflowSchedule(msgspec.Struct, rename="camel", kw_only=True):
    """A schedule as stored and answered; also the body of POST /schedules (SaveScheduleRequest:
    the server-filled fields a client sends are ignored)."""

    name: str | None = None
    cron_expression: str | None = None
    zone_id: str | None = "UTC"
    # Several crons for one schedule; a non-empty list wins over cronExpression/zoneId.
    cron_schedules: list[CronSchedule] | None = None
    start_workflow_request: StartWorkflowRequest | None = None
    paused: bool | None = False
    paused_reason: str | None = None
    run_catchup_schedule_instances: bool | None = False
    schedule_start_time: Int64 | None = None
    schedule_end_time: Int64 | None = None
    description: str | None = None
    create_time: Int64 | None = None
    updated_time: Int64 | None = None
    created_by: str | None = None
    updated_by: str | None = None
    next_run_time: Int64 | None = None
    tags: list[Any] | None = None


class ScheduleExecution(msgspec.Struct, rename="camel", kw_only=True):
    """One fire of a schedule (WorkflowScheduleExecutionModel)."""

    execution_id: str
    schedule_name: str
    scheduled_time: int
    execution_time: int
    workflow_name: str
    workflow_id: str | None = None
    reason: str | None = None
    stack_trace: str | None = None
    state: str = "EXECUTED"
    zone_id: str | None = "UTC"
    start_workflow_request: StartWorkflowRequest | None = None


class ScheduleSearchResult(msgspec.Struct, rename="camel", kw_only=True):
    total_hits: int
    results: list[WorkflowSchedule]


class ExecutionSearchResult(msgspec.Struct, rename="camel", kw_only=True):
    total_hits: int
    results: list[ScheduleExecution]
