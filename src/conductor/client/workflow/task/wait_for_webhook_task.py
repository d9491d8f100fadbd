"""``WaitForWebHookTask``: wait for a matching webhook call (Orkes ``WAIT_FOR_WEBHOOK``)."""

from __future__ import annotations

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["WaitForWebHookTask", "wait_for_webhook"]


class WaitForWebHookTask(TaskInterface):
    def __init__(self, task_ref_name: str, matches: dict[str, object]) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.WAIT_FOR_WEBHOOK)
        self.input_parameters["matches"] = matches


def wait_for_webhook(
    task_ref_name: str, matches: dict[str, object], task_def_name: str | None = None
) -> TaskInterface:
    task = WaitForWebHookTask(task_ref_name=task_ref_name, matches=matches)
    if task_def_name is not None:
        task.name = task_def_name
    return task
