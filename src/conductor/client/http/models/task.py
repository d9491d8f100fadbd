"""``Task``: a task execution as returned by a poll, ``GET /tasks/{id}`` or inside a Workflow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.models.workflow_task import WorkflowTask

__all__ = ["Task"]


class Task(WireModel):
    """A runtime task. ``task_type`` of a SIMPLE task is its task definition name."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "status": (
            "IN_PROGRESS",
            "CANCELED",
            "FAILED",
            "FAILED_WITH_TERMINAL_ERROR",
            "COMPLETED",
            "COMPLETED_WITH_ERRORS",
            "SCHEDULED",
            "TIMED_OUT",
            "SKIPPED",
        ),
    }

    task_type: str | None = None
    status: str | None = None
    input_data: dict[str, Any] | None = None
    reference_task_name: str | None = None
    retry_count: int | None = None
    seq: int | None = None
    correlation_id: str | None = None
    poll_count: int | None = None
    task_def_name: str | None = None
    scheduled_time: int | None = None
    start_time: int | None = None
    end_time: int | None = None
    update_time: int | None = None
    start_delay_in_seconds: int | None = None
    retried_task_id: str | None = None
    retried: bool | None = None
    executed: bool | None = None
    callback_from_worker: bool | None = None
    response_timeout_seconds: int | None = None
    workflow_instance_id: str | None = None
    workflow_type: str | None = None
    task_id: str | None = None
    reason_for_incompletion: str | None = None
    callback_after_seconds: int | None = None
    worker_id: str | None = None
    output_data: dict[str, Any] | None = None
    workflow_task: WorkflowTask | None = None
    domain: str | None = None
    rate_limit_per_frequency: int | None = None
    rate_limit_frequency_in_seconds: int | None = None
    external_input_payload_storage_path: str | None = None
    external_output_payload_storage_path: str | None = None
    workflow_priority: int | None = None
    execution_name_space: str | None = None
    isolation_group_id: str | None = None
    iteration: int | None = None
    sub_workflow_id: str | None = None
    subworkflow_changed: bool | None = None
    loop_over_task: bool | None = None
    task_definition: TaskDef | None = None
    queue_wait_time: int | None = None
    parent_task_id: str | None = None
    first_start_time: int | None = None
    runtime_metadata: dict[str, str] | None = None
    execution_metadata: dict[str, Any] | None = None

    def to_task_result(self, status: TaskResultStatus | str = TaskResultStatus.COMPLETED) -> TaskResult:
        """A :class:`TaskResult` for this task with the given status (default COMPLETED)."""
        return TaskResult(
            task_id=self.task_id,
            workflow_instance_id=self.workflow_instance_id,
            worker_id=self.worker_id,
            status=TaskResultStatus(status),
        )
