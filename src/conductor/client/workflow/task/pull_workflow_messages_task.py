"""``PullWorkflowMessagesTask``: consume messages sent to the running workflow."""

from __future__ import annotations

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["PullWorkflowMessagesTask"]


class PullWorkflowMessagesTask(TaskInterface):
    def __init__(self, task_ref_name: str, batch_size: int = 1) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.PULL_WORKFLOW_MESSAGES)
        self.input_parameters["batchSize"] = batch_size
