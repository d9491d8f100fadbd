"""The official task-runner events (``conductor.client.event.task_runner_events``), published by
``TaskRunner`` and ``AsyncTaskRunner`` to the ``event_listeners`` they are given.

A listener is any object with some of the ``on_poll_started``, ``on_poll_completed``,
``on_poll_failure``, ``on_task_execution_started``, ``on_task_execution_completed``,
``on_task_execution_failure`` and ``on_task_update_failure`` methods (the official
``TaskRunnerEventsListener``). Listeners run synchronously in the runner (a slow listener slows
the worker) and their exceptions are logged, never raised. A runner without listeners builds
no event at all.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import Any

from conductor.client.event.sync_event_dispatcher import SyncEventDispatcher
from conductor.client.event.sync_listener_register import register_task_runner_listener
from conductor.client.event.task_runner_events import (
    PollCompleted,
    PollFailure,
    PollStarted,
    TaskExecutionCompleted,
    TaskExecutionFailure,
    TaskExecutionStarted,
    TaskRunnerEvent,
    TaskUpdateFailure,
)
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult

__all__ = ["RunnerEvents"]


def _ms_since(started: float) -> float:
    return (time.monotonic() - started) * 1000


class RunnerEvents:
    """One runner's dispatcher (``event_dispatcher``, as the official runners name it)."""

    def __init__(self, listeners: Sequence[Any], worker_id: str) -> None:
        self.event_dispatcher = SyncEventDispatcher[TaskRunnerEvent]()
        for listener in listeners:
            register_task_runner_listener(listener, self.event_dispatcher)
        self.enabled = bool(listeners)
        self.worker_id = worker_id

    def _about(self, task_type: str, task: Task | TaskResult) -> dict[str, Any]:
        """The fields that say which task an execution or update event is about."""
        return {
            "task_type": task_type,
            "task_id": task.task_id or "",
            "worker_id": self.worker_id,
            "workflow_instance_id": task.workflow_instance_id,
        }

    def poll_started(self, task_type: str, count: int) -> None:
        if self.enabled:
            self.event_dispatcher.publish(
                PollStarted(task_type=task_type, worker_id=self.worker_id, poll_count=count)
            )

    def poll_completed(self, task_type: str, started: float, tasks_received: int) -> None:
        """``started`` is the ``time.monotonic()`` reading taken before the poll."""
        if self.enabled:
            self.event_dispatcher.publish(
                PollCompleted(
                    task_type=task_type, duration_ms=_ms_since(started), tasks_received=tasks_received
                )
            )

    def poll_failed(self, task_type: str, started: float, cause: Exception) -> None:
        if self.enabled:
            self.event_dispatcher.publish(
                PollFailure(task_type=task_type, duration_ms=_ms_since(started), cause=cause)
            )

    def execution_started(self, task_type: str, task: Task) -> None:
        if self.enabled:
            self.event_dispatcher.publish(TaskExecutionStarted(**self._about(task_type, task)))

    def execution_finished(
        self, task_type: str, task: Task, started: float, result: TaskResult, cause: Exception | None
    ) -> None:
        """Completed when the worker returned (whatever status it chose), Failure when it raised."""
        if not self.enabled:
            return
        if cause is not None:
            self.event_dispatcher.publish(
                TaskExecutionFailure(
                    **self._about(task_type, task), cause=cause, duration_ms=_ms_since(started)
                )
            )
            return
        self.event_dispatcher.publish(
            TaskExecutionCompleted(
                **self._about(task_type, task),
                duration_ms=_ms_since(started),
                # The official runners report the in-memory size of the result object.
                output_size_bytes=sys.getsizeof(result),
            )
        )

    def update_failed(self, task_type: str, result: TaskResult, cause: Exception, attempts: int) -> None:
        """The result could not be reported and is dropped."""
        if self.enabled:
            self.event_dispatcher.publish(
                TaskUpdateFailure(
                    **self._about(task_type, result),
                    cause=cause,
                    retry_count=attempts,
                    task_result=result,
                )
            )
