"""Per-execution task context for worker functions (``get_task_context()``, ``TaskInProgress``)."""

from conductor.client.context.task_context import TaskContext, TaskInProgress, get_task_context

__all__ = ["TaskContext", "TaskInProgress", "get_task_context"]
