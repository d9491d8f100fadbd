"""TERMINATE: ends the workflow with `terminationStatus`, `terminationReason`, `workflowOutput`.

The task itself completes; the decider sees a successful TERMINATE task and the runner ends the
workflow with the requested status (engine.md §6.11).
"""

from __future__ import annotations

from conductor.server.domain.execution import Task, Workflow
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed

_STATUSES = ("COMPLETED", "FAILED", "TERMINATED")


class Terminate(SyncSystemTask):
    task_type = "TERMINATE"

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        status = str(task.input_data.get("terminationStatus", "")).upper()
        if status not in _STATUSES:
            return failed(
                task,
                f"terminationStatus can only be one of: {', '.join(_STATUSES)}, got: {status or 'nothing'}",
                terminal=True,
            )
        output = task.input_data.get("workflowOutput")
        return completed(task, {"output": output if isinstance(output, dict) else {}})
