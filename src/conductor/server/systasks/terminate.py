"""TERMINATE: ends the workflow with `terminationStatus`, `terminationReason`, `workflowOutput`.

The task itself completes, with `workflowOutput` as its output (a non-map value is wrapped as
`{output: value}`); the decider sees a successful TERMINATE task and the runner ends the
workflow with the requested status and that output (docs/engine.md §6.11).
"""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed

_STATUSES = ("COMPLETED", "FAILED", "TERMINATED")


class Terminate(SyncSystemTask):
    task_type: str = TaskType.TERMINATE

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        if task.input_data.get("terminationStatus") not in _STATUSES:
            return failed(task, "given termination status is not valid")
        value = task.input_data.get("workflowOutput")
        output = {} if value is None else dict(value) if isinstance(value, dict) else {"output": value}
        return completed(replace(task, output_data={}), output)
