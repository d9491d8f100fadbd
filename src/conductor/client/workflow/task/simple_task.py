"""``SimpleTask``: a task executed by a worker that polls for ``task_def_name``."""

from __future__ import annotations

from typing import Any

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["SimpleTask", "simple_task"]


class SimpleTask(TaskInterface):
    def __init__(self, task_def_name: str, task_reference_name: str) -> None:
        super().__init__(
            task_reference_name=task_reference_name,
            task_type=TaskType.SIMPLE,
            task_name=task_def_name,
        )


def simple_task(task_def_name: str, task_reference_name: str, inputs: dict[str, Any]) -> TaskInterface:
    """A :class:`SimpleTask` with ``inputs`` as its input parameters."""
    task = SimpleTask(task_def_name=task_def_name, task_reference_name=task_reference_name)
    task.input_parameters.update(inputs)
    return task
