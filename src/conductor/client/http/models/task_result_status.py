"""``TaskResultStatus``: the statuses a worker may report for a task."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["TaskResultStatus"]


class TaskResultStatus(StrEnum):
    """Status of a :class:`~conductor.client.http.models.task_result.TaskResult`.

    A ``StrEnum``, so ``TaskResultStatus.COMPLETED == "COMPLETED"`` holds and plain
    strings may be used wherever a status is expected.
    """

    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    FAILED_WITH_TERMINAL_ERROR = "FAILED_WITH_TERMINAL_ERROR"
    IN_PROGRESS = "IN_PROGRESS"
    # Accepted by the server's TaskResult.Status although the official enum omits it.
    CANCELED = "CANCELED"


def __getattr__(name: str) -> object:
    # The official module also defines TaskExecLog and TaskResult (duplicates of the models);
    # code imports them from here. Resolved lazily: task_result imports this module.
    if name == "TaskExecLog":
        from conductor.client.http.models.task_exec_log import TaskExecLog

        return TaskExecLog
    if name == "TaskResult":
        from conductor.client.http.models.task_result import TaskResult

        return TaskResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
