"""``TerminateTask``: end the workflow with a status and a reason."""

from __future__ import annotations

from enum import Enum

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["TerminateTask", "WorkflowStatus"]


class WorkflowStatus(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    PAUSED = "PAUSED"
    RUNNING = "RUNNING"
    TERMINATED = "TERMINATED"
    TIMEOUT_OUT = "TIMED_OUT"  # sic: the official member name


class TerminateTask(TaskInterface):
    def __init__(self, task_ref_name: str, status: WorkflowStatus, termination_reason: str) -> None:
        super().__init__(
            task_reference_name=task_ref_name,
            task_type=TaskType.TERMINATE,
            input_parameters={"terminationStatus": status, "terminationReason": termination_reason},
        )
