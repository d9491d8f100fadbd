"""``TaskResult``: what a worker reports back for a task (``POST /tasks``, ``/tasks/update-v2``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result_status import TaskResultStatus

__all__ = ["TaskResult"]

# The server stores at most this many characters of reasonForIncompletion.
_MAX_REASON_LENGTH = 500
_STATUSES = frozenset(s.value for s in TaskResultStatus)


def _status(value: Any) -> TaskResultStatus:
    try:
        return TaskResultStatus(value)
    except ValueError:
        names = [s.name for s in TaskResultStatus]
        raise ValueError(f"Invalid value for `status` ({value}), must be one of {names}") from None


class TaskResult(WireModel):
    """The outcome of one task execution.

    ``status`` may be given as a :class:`TaskResultStatus` or its name; a known name is
    converted (an unknown one is kept as is, for the server to judge).
    ``extend_lease=True`` turns the update into a heartbeat that only refreshes the lease.
    """

    # As the official setter: a status name becomes the TaskResultStatus member, anything
    # else is a ValueError (CANCELED is one of ours; the server accepts it).
    _converters: ClassVar[Mapping[str, Callable[[Any], Any]]] = {"status": _status}
    _not_none: ClassVar[frozenset[str]] = frozenset({"status"})

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
        # A decoded result skips the setter: a known status still becomes the member.
        if isinstance(self.status, str) and self.status in _STATUSES:
            self._status = TaskResultStatus(self.status)
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
