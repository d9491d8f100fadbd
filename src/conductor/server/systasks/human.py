"""HUMAN: waits, IN_PROGRESS, until an external task update completes it."""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext


class Human(SyncSystemTask):
    task_type: str = TaskType.HUMAN

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return replace(task, status=TaskStatus.IN_PROGRESS)
