"""``HumanTask``: a task completed by a person through the API (``HUMAN``).

The ``__humanTaskDefinition`` input is Orkes' form metadata; pyconductor stores it and keeps
the task IN_PROGRESS until it is completed through a task update.
"""

from __future__ import annotations

from enum import Enum

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["AssignmentCompletionStrategy", "HumanTask", "TriggerType"]


class AssignmentCompletionStrategy(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    LEAVE_OPEN = "LEAVE_OPEN"
    TERMINATE = "TERMINATE"

    def __str__(self) -> str:
        return self.name


class TriggerType(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    ASSIGNED = "ASSIGNED"
    PENDING = "PENDING"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    TIMED_OUT = "TIMED_OUT"
    ASSIGNEE_CHANGED = "ASSIGNEE_CHANGED"

    def __str__(self) -> str:
        return self.name


class HumanTask(TaskInterface):
    def __init__(
        self,
        task_ref_name: str,
        display_name: str | None = None,
        form_template: str | None = None,
        form_version: int = 0,
        assignment_completion_strategy: AssignmentCompletionStrategy = (
            AssignmentCompletionStrategy.LEAVE_OPEN
        ),
    ) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.HUMAN)
        self.input_parameters.update(
            {
                "__humanTaskDefinition": {
                    "assignmentCompletionStrategy": assignment_completion_strategy.name,
                    "displayName": display_name,
                    "userFormTemplate": {"name": form_template, "version": form_version},
                }
            }
        )
