"""``SignalResponse``: the answer of a synchronous signal or execution with a return strategy."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task import Task

__all__ = ["SignalResponse", "TaskStatus", "WorkflowSignalReturnStrategy"]


class WorkflowSignalReturnStrategy(Enum):
    TARGET_WORKFLOW = "TARGET_WORKFLOW"
    BLOCKING_WORKFLOW = "BLOCKING_WORKFLOW"
    BLOCKING_TASK = "BLOCKING_TASK"
    BLOCKING_TASK_INPUT = "BLOCKING_TASK_INPUT"


class TaskStatus(Enum):
    IN_PROGRESS = "IN_PROGRESS"
    CANCELED = "CANCELED"
    FAILED = "FAILED"
    FAILED_WITH_TERMINAL_ERROR = "FAILED_WITH_TERMINAL_ERROR"
    COMPLETED = "COMPLETED"
    COMPLETED_WITH_ERRORS = "COMPLETED_WITH_ERRORS"
    SCHEDULED = "SCHEDULED"
    TIMED_OUT = "TIMED_OUT"
    READY_FOR_RERUN = "READY_FOR_RERUN"
    SKIPPED = "SKIPPED"


@dataclass
class SignalResponse(WireModel):
    """A WorkflowRun (workflow strategies) or a TaskRun (task strategies), flattened."""

    response_type: str | None = None
    target_workflow_id: str | None = None
    target_workflow_status: str | None = None
    request_id: str | None = None
    workflow_id: str | None = None
    correlation_id: str | None = None
    input: dict[str, Any] | None = None
    output: dict[str, Any] | None = None
    task_type: str | None = None
    task_id: str | None = None
    reference_task_name: str | None = None
    retry_count: int | None = None
    task_def_name: str | None = None
    retried_task_id: str | None = None
    workflow_type: str | None = None
    reason_for_incompletion: str | None = None
    priority: int | None = None
    variables: dict[str, Any] | None = None
    tasks: list[Task] | None = None
    created_by: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    status: str | None = None
    signal_timeout: bool | None = None

    def is_target_workflow(self) -> bool:
        return self.response_type == WorkflowSignalReturnStrategy.TARGET_WORKFLOW.value

    def is_blocking_workflow(self) -> bool:
        return self.response_type == WorkflowSignalReturnStrategy.BLOCKING_WORKFLOW.value

    def is_blocking_task(self) -> bool:
        return self.response_type == WorkflowSignalReturnStrategy.BLOCKING_TASK.value

    def is_blocking_task_input(self) -> bool:
        return self.response_type == WorkflowSignalReturnStrategy.BLOCKING_TASK_INPUT.value

    def get_task_by_reference_name(self, ref_name: str) -> Task | None:
        return next((t for t in self.tasks or [] if t.reference_task_name == ref_name), None)
