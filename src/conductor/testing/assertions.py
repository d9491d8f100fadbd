"""Assertions on a finished (or running) workflow: which tasks ran, in which order, how often.

`task_path(workflow)` lists the reference names of the workflow's tasks in execution order
(`seq`), each once: a retried task is one step of the path (its attempts are in
`task_attempts`). Inside a DO_WHILE, iterations are distinct steps (`ref__1`, `ref__2`).
`assert_path` compares that list with the expected one and fails with both lists and every
task's status, so a wrong branch or a missing step reads at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from conductor.client.http.models.task import Task
from conductor.client.http.models.workflow import Workflow

__all__ = ["assert_path", "task_attempts", "task_path"]


def _tasks(workflow: Workflow) -> list[Task]:
    return sorted(workflow.tasks or [], key=lambda t: t.seq or 0)


def task_path(workflow: Workflow, *, attempts: bool = False) -> list[str]:
    """Reference names in execution order; with `attempts`, one entry per attempt (a task
    retried twice appears three times)."""
    path: list[str] = []
    for task in _tasks(workflow):
        ref = task.reference_task_name or ""
        if attempts or ref not in path:
            path.append(ref)
    return path


def task_attempts(workflow: Workflow, reference_name: str) -> list[str]:
    """Statuses of every attempt of one task, oldest first, e.g. ["FAILED", "COMPLETED"]."""
    return [str(t.status) for t in _tasks(workflow) if t.reference_task_name == reference_name]


def assert_path(workflow: Workflow, expected: Sequence[str], *, attempts: bool = False) -> None:
    """Assert the workflow ran exactly the tasks `expected`, in that order (see `task_path`)."""
    actual = task_path(workflow, attempts=attempts)
    if actual == list(expected):
        return
    lines = [
        f"workflow {workflow.workflow_id} ({workflow.status}) took another path",
        f"  expected: {list(expected)}",
        f"  actual:   {actual}",
        "  tasks:",
    ]
    lines.extend(f"    {_describe(t)}" for t in _tasks(workflow))
    raise AssertionError("\n".join(lines))


def _describe(task: Task) -> str:
    reason: Any = task.reason_for_incompletion
    suffix = f" ({reason})" if reason else ""
    return f"#{task.seq} {task.reference_task_name} [{task.task_type}] {task.status}{suffix}"
