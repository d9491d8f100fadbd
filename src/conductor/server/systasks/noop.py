"""NOOP: completes immediately."""

from __future__ import annotations

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed


class Noop(SyncSystemTask):
    task_type: str = TaskType.NOOP

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return completed(task)
