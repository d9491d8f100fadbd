"""``WorkflowRun``: the answer of a synchronous workflow execution."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task import Task

__all__ = ["WorkflowRun", "running_status", "successful_status", "terminal_status"]

terminal_status = ("COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED")
successful_status = ("PAUSED", "COMPLETED")
running_status = ("RUNNING", "PAUSED")


class _WorkflowStatusChecks:
    """Status predicates shared by Workflow, WorkflowRun and WorkflowStatus."""

    status: str | None

    def is_completed(self) -> bool:
        """True once the workflow is terminal (COMPLETED, FAILED, TIMED_OUT, TERMINATED)."""
        return self.status in terminal_status

    def is_successful(self) -> bool:
        return self.status in successful_status

    def is_running(self) -> bool:
        return self.status in running_status


class _TaskLookup:
    """Task lookups shared by Workflow and WorkflowRun."""

    tasks: list[Task] | None

    @property
    def current_task(self) -> Task | None:
        """The last SCHEDULED or IN_PROGRESS task, if any."""
        current = None
        for task in self.tasks or []:
            if task.status in ("SCHEDULED", "IN_PROGRESS"):
                current = task
        return current

    def get_task(self, name: str | None = None, task_reference_name: str | None = None) -> Task | None:
        """The last task with this definition name, or with this reference name (give one)."""
        if (name is None) == (task_reference_name is None):
            raise ValueError("ONLY one of name or task_reference_name MUST be provided")
        current = None
        for task in self.tasks or []:
            if name is not None:
                matches = task.task_def_name == name
            else:
                declared_ref = task.workflow_task.task_reference_name if task.workflow_task else None
                refs = (task.reference_task_name, declared_ref)
                matches = task_reference_name in refs
            if matches:
                current = task
        return current


class WorkflowRun(_WorkflowStatusChecks, _TaskLookup, WireModel):
    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "status": ("RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", "PAUSED"),
    }
    # The official model takes it as a constructor argument only; ours decodes it too.
    _unlisted: ClassVar[frozenset[str]] = frozenset({"reason_for_incompletion"})
    correlation_id: str | None = None
    create_time: int | None = None
    created_by: str | None = None
    input: dict[str, Any] | None = None
    output: dict[str, Any] | None = None
    priority: int | None = None
    request_id: str | None = None
    status: str | None = None
    tasks: list[Task] | None = None
    update_time: int | None = None
    variables: dict[str, Any] | None = None
    workflow_id: str | None = None
    reason_for_incompletion: str | None = None
