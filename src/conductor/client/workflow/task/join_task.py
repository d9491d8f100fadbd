"""``JoinTask``: wait for the listed fork branches (or for a JavaScript ``join_on_script``)."""

from __future__ import annotations

from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["JoinTask"]


class JoinTask(TaskInterface):
    def __init__(
        self, task_ref_name: str, join_on: list[str] | None = None, join_on_script: str | None = None
    ) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.JOIN)
        self._join_on = list(join_on) if join_on is not None else None
        if join_on_script is not None:
            self.evaluator_type = "js"
            self.expression = join_on_script

    def to_workflow_task(self) -> WorkflowTask:
        workflow = self._base_workflow_task()
        workflow.join_on = self._join_on
        return workflow
