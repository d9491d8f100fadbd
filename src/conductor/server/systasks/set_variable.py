"""SET_VARIABLE: merge the task input into the workflow's variables."""

from __future__ import annotations

import msgspec

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed

MAX_VARIABLES_BYTES = 256 * 1024


class SetVariable(SyncSystemTask):
    task_type: str = TaskType.SET_VARIABLE

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        merged = {**workflow.variables, **task.input_data}
        size = len(msgspec.json.encode(merged))
        if size > MAX_VARIABLES_BYTES:
            return failed(
                task,
                f"The variables payload size: {size} of workflow: {workflow.workflow_id} is greater than the "
                f"permissible limit: {MAX_VARIABLES_BYTES} bytes",
                terminal=True,
            )
        # The one system task allowed to change the workflow: the runner commits the workflow row
        # together with this task, so variables and task status can never disagree.
        workflow.variables = merged
        return completed(task)
