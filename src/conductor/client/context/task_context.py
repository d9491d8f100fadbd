"""The task being executed, available to worker code through ``get_task_context()``.

The runner sets the context around each execution (a ``contextvars`` variable, so it is
per thread and follows ``async def`` workers). Logs, a callback delay or output set
through it are merged into the reported result.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, ClassVar

from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult

__all__ = ["TaskContext", "TaskInProgress", "get_task_context"]


class TaskInProgress:
    """Return this from a worker to report IN_PROGRESS: the server hands the same task out
    again after ``callback_after_seconds`` (with ``pollCount`` increased), ``output`` is
    reported as the task's current output."""

    def __init__(self, callback_after_seconds: int = 60, output: dict[str, Any] | None = None) -> None:
        self.callback_after_seconds = callback_after_seconds
        self.output: dict[str, Any] = output or {}

    def __repr__(self) -> str:
        return f"TaskInProgress(callback_after={self.callback_after_seconds}s, output={self.output})"


class TaskContext:
    #: ``TaskContext.get()``: the current context, as :func:`get_task_context` (official alias).
    get: ClassVar[Callable[[], TaskContext]]

    """The current task and the result being built for it. Get it with :func:`get_task_context`."""

    def __init__(self, task: Task, task_result: TaskResult) -> None:
        self._task = task
        self._task_result = task_result

    @property
    def task(self) -> Task:
        return self._task

    @property
    def task_result(self) -> TaskResult:
        return self._task_result

    def get_task_id(self) -> str | None:
        return self._task.task_id

    def get_workflow_instance_id(self) -> str | None:
        return self._task.workflow_instance_id

    def get_retry_count(self) -> int:
        """0 on the first attempt."""
        return self._task.retry_count or 0

    def get_poll_count(self) -> int:
        return self._task.poll_count or 0

    def get_callback_after_seconds(self) -> int:
        return self._task_result.callback_after_seconds or 0

    def set_callback_after(self, seconds: int) -> None:
        """Ask the server to hand the task out again after ``seconds`` (with IN_PROGRESS)."""
        self._task_result.callback_after_seconds = seconds

    def add_log(self, log_message: str) -> None:
        """Attach a log line to the task (stored by the server with the task's logs)."""
        if self._task_result.logs is None:
            self._task_result.logs = []
        self._task_result.logs.append(
            TaskExecLog(log=log_message, task_id=self._task.task_id, created_time=int(time.time() * 1000))
        )

    def set_output(self, output_data: dict[str, Any]) -> None:
        """Set output now; keys returned by the worker function take precedence."""
        if not isinstance(output_data, dict):
            raise ValueError("Output data must be a dictionary")
        self._task_result.output_data = output_data

    def get_input(self) -> dict[str, Any]:
        return self._task.input_data or {}

    def get_task_def_name(self) -> str | None:
        return self._task.task_def_name

    def get_workflow_task_type(self) -> str:
        workflow_task = self._task.workflow_task
        return (workflow_task.type or "") if workflow_task is not None else ""

    def __repr__(self) -> str:
        return (
            f"TaskContext(task_id={self.get_task_id()}, workflow_id={self.get_workflow_instance_id()}, "
            f"retry_count={self.get_retry_count()})"
        )


_task_context_var: ContextVar[TaskContext | None] = ContextVar("conductor_task_context", default=None)


def get_task_context() -> TaskContext:
    """The context of the task being executed; raises ``RuntimeError`` outside a worker."""
    context = _task_context_var.get()
    if context is None:
        raise RuntimeError(
            "No task context available. get_task_context() must be called from within a worker "
            "function while it executes a task."
        )
    return context


TaskContext.get = staticmethod(get_task_context)


def _set_task_context(task: Task, task_result: TaskResult) -> TaskContext:
    context = TaskContext(task, task_result)
    _task_context_var.set(context)
    return context


def _clear_task_context() -> None:
    _task_context_var.set(None)


def merge_context_into(result: TaskResult, context_result: TaskResult) -> TaskResult:
    """Fold what worker code recorded through the context into the final ``result``.

    Context logs are appended; the context's callback delay applies when the result has
    none; context output is the base that the result's own output keys override.
    """
    if context_result.logs:
        result.logs = [*(result.logs or []), *context_result.logs]
    if context_result.callback_after_seconds and not result.callback_after_seconds:
        result.callback_after_seconds = context_result.callback_after_seconds
    if context_result.output_data:
        result.output_data = {**context_result.output_data, **(result.output_data or {})}
    return result
