"""``TaskResult``: what a worker reports back for a task (``POST /tasks``, ``/tasks/update-v2``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result_status import TaskResultStatus

__all__ = ["TaskResult"]

# The server stores at most this many characters of reasonForIncompletion.
_MAX_REASON_LENGTH = 500
_STATUSES = frozenset(s.value for s in TaskResultStatus)


@dataclass
class TaskResult(WireModel):
    """The outcome of one task execution.

    ``status`` may be given as a :class:`TaskResultStatus` or its name; a known name is
    converted (an unknown one is kept as is, for the server to judge).
    ``extend_lease=True`` turns the update into a heartbeat that only refreshes the lease.
    """

    # No `_allowed_values` for status, unlike the official setter: CANCELED is accepted
    # (TaskResultStatus) and a TaskResult is built for every task a worker runs.

    workflow_instance_id: str | None = None
    task_id: str | None = None
    reason_for_incompletion: str | None = None
    callback_after_seconds: int | None = None
    worker_id: str | None = None
    status: TaskResultStatus | None = None
    output_data: dict[str, Any] | None = None
    logs: list[TaskExecLog] | None = None
    external_output_payload_storage_path: str | None = None
    sub_workflow_id: str | None = None
    extend_lease: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.status, str) and self.status in _STATUSES:
            self.status = TaskResultStatus(self.status)
        if (
            self.reason_for_incompletion is not None
            and len(self.reason_for_incompletion) > _MAX_REASON_LENGTH
        ):
            self.reason_for_incompletion = self.reason_for_incompletion[:_MAX_REASON_LENGTH]

    def add_output_data(self, key: str, value: Any) -> TaskResult:
        """Set one output key; returns ``self`` for chaining."""
        if self.output_data is None:
            self.output_data = {}
        self.output_data[key] = value
        return self

    def log(self, log: str) -> TaskResult:
        """Append a log line (shown with the task in the UI); returns ``self``."""
        if self.logs is None:
            self.logs = []
        self.logs.append(TaskExecLog(log=log, task_id=self.task_id))
        return self

    @staticmethod
    def complete() -> TaskResult:
        return TaskResult.new_task_result(TaskResultStatus.COMPLETED)

    @staticmethod
    def failed(failure_reason: str | None = None) -> TaskResult:
        result = TaskResult.new_task_result(TaskResultStatus.FAILED)
        result.reason_for_incompletion = failure_reason
        return result

    @staticmethod
    def in_progress() -> TaskResult:
        return TaskResult.new_task_result(TaskResultStatus.IN_PROGRESS)

    @staticmethod
    def new_task_result(status: TaskResultStatus | str) -> TaskResult:
        return TaskResult(status=TaskResultStatus(status))
