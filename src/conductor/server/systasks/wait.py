"""WAIT: for a duration, until an instant, or (with neither) until a signal or task update.

A waiting task costs nothing: it records its deadline (`waitTimeout`) and the workflow's timer
is set to it; the decider completes the task when a decide runs at or after that time. No
queue, no per-task polling.
"""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_types import TaskType
from conductor.server.expressions.durations import parse_duration, parse_until
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, failed

_NO_TIMEOUT = 2**31 - 1


class Wait(SyncSystemTask):
    task_type: str = TaskType.WAIT

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        inp = task.input_data
        duration = inp.get("duration")
        # The official Python SDK's WaitTask(wait_until=...) sends `wait_until`; accept it as an alias.
        until = inp.get("until", inp.get("wait_until"))
        now = ctx.clock.now_ms()
        if duration not in (None, "") and until not in (None, ""):
            return failed(
                task, "Both 'duration' and 'until' specified. Please provide only one input", terminal=True
            )
        if duration not in (None, ""):
            try:
                seconds = parse_duration(str(duration))
            except ValueError as exc:
                return failed(task, f"Invalid duration '{duration}': {exc}", terminal=True)
            return replace(
                task,
                status=TaskStatus.IN_PROGRESS,
                wait_timeout=now + seconds * 1000,
                callback_after_seconds=seconds,
            )
        if until not in (None, ""):
            try:
                at = parse_until(str(until))
            except ValueError:
                return failed(task, f"Invalid/Unsupported Wait Until format: {until}", terminal=True)
            return replace(
                task,
                status=TaskStatus.IN_PROGRESS,
                wait_timeout=max(at, 1),
                callback_after_seconds=max(0, (at - now) // 1000),
            )
        # Signal-only: completes only through a task update or a signal.
        return replace(
            task, status=TaskStatus.IN_PROGRESS, wait_timeout=0, callback_after_seconds=_NO_TIMEOUT
        )
