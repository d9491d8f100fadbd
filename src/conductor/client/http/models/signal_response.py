"""``SignalResponse``: the answer of a synchronous signal or execution with a return strategy."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Mapping
from dataclasses import field
from enum import Enum
from typing import Any

from conductor.client.http.models._serde import WireModel, camel_case
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


#: What the official constructor sets before applying its arguments (copied per instance).
_DEFAULTS: dict[str, Any] = {
    "input": {},
    "output": {},
    "variables": {},
    "tasks": [],
    "retry_count": 0,
    "priority": 0,
    "create_time": 0,
    "update_time": 0,
}


class SignalResponse(WireModel):
    """A WorkflowRun (workflow strategies) or a TaskRun (task strategies), flattened.

    The field defaults are the official constructor's (``_DEFAULTS``): a decoded response
    missing a key has them too."""

    response_type: str | None = None
    target_workflow_id: str | None = None
    target_workflow_status: str | None = None
    request_id: str | None = None
    workflow_id: str | None = None
    correlation_id: str | None = None
    input: dict[str, Any] | None = field(default_factory=dict)
    output: dict[str, Any] | None = field(default_factory=dict)
    task_type: str | None = None
    task_id: str | None = None
    reference_task_name: str | None = None
    retry_count: int | None = 0
    task_def_name: str | None = None
    retried_task_id: str | None = None
    workflow_type: str | None = None
    reason_for_incompletion: str | None = None
    priority: int | None = 0
    variables: dict[str, Any] | None = field(default_factory=dict)
    tasks: list[Task] | None = field(default_factory=list)
    created_by: str | None = None
    create_time: int | None = 0
    update_time: int | None = 0
    status: str | None = None
    signal_timeout: bool | None = None

    def __init__(self, **kwargs: Any) -> None:
        """Keyword arguments by attribute name or JSON key (``workflowId``), as the official
        constructor; unknown keys are ignored."""
        by_key = {camel_case(f.name): f.name for f in dataclasses.fields(self)}
        for f in dataclasses.fields(self):
            setattr(self, f.name, copy.copy(_DEFAULTS.get(f.name)))
        for key, value in kwargs.items():
            name = key if key in self.__dataclass_fields__ else by_key.get(key)
            if name is not None:
                setattr(self, name, value)

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

    # -- the official helpers ------------------------------------------------------------------
    # The official SignalResponse keeps ``tasks`` as raw JSON dicts and its helpers answer dicts
    # with camelCase keys; ours decodes ``tasks`` into Task models, and the helpers answer the
    # same camelCase dicts (a Task becomes its JSON) so code written for either works.

    def _status_value(self) -> str:
        return str(getattr(self.status, "value", self.status))

    def _task_dicts(self) -> list[dict[str, Any]]:
        # Tasks decoded by us are Task models; ones set by hand may be plain JSON dicts.
        tasks: list[Any] = list(self.tasks or [])
        return [t.to_json_dict() if isinstance(t, Task) else dict(t) for t in tasks]

    def get_workflow(self) -> dict[str, Any] | None:
        """The workflow part of a TARGET_WORKFLOW / BLOCKING_WORKFLOW response, else None."""
        if not (self.is_target_workflow() or self.is_blocking_workflow()):
            return None
        return {
            "workflowId": self.workflow_id,
            "status": self._status_value(),
            "tasks": self._task_dicts(),
            "createdBy": self.created_by,
            "createTime": self.create_time,
            "updateTime": self.update_time,
            "input": self.input or {},
            "output": self.output or {},
            "variables": self.variables or {},
            "priority": self.priority,
            "targetWorkflowId": self.target_workflow_id,
            "targetWorkflowStatus": self.target_workflow_status,
        }

    def get_blocking_task(self) -> dict[str, Any] | None:
        """The task part of a BLOCKING_TASK / BLOCKING_TASK_INPUT response, else None."""
        if not (self.is_blocking_task() or self.is_blocking_task_input()):
            return None
        return {
            "taskId": self.task_id,
            "taskType": self.task_type,
            "taskDefName": self.task_def_name,
            "workflowType": self.workflow_type,
            "referenceTaskName": self.reference_task_name,
            "retryCount": self.retry_count,
            "status": self._status_value(),
            "workflowId": self.workflow_id,
            "input": self.input or {},
            "output": self.output or {},
            "priority": self.priority,
            "createTime": self.create_time,
            "updateTime": self.update_time,
        }

    def get_task_input(self) -> dict[str, Any] | None:
        """The blocking task's input (BLOCKING_TASK_INPUT responses only), else None."""
        if not self.is_blocking_task_input():
            return None
        return self.input or {}

    def get_tasks_by_status(self, status: str) -> list[dict[str, Any]]:
        return [t for t in self._task_dicts() if t.get("status") == status]

    def get_in_progress_task(self) -> dict[str, Any] | None:
        tasks = self.get_tasks_by_status("IN_PROGRESS")
        return tasks[0] if tasks else None

    def get_all_tasks(self) -> list[dict[str, Any]]:
        return self._task_dicts()

    def get_completed_tasks(self) -> list[dict[str, Any]]:
        return self.get_tasks_by_status("COMPLETED")

    def get_failed_tasks(self) -> list[dict[str, Any]]:
        return self.get_tasks_by_status("FAILED")

    def get_task_chain(self) -> list[str]:
        """Reference names of the tasks in ``seq`` order."""
        tasks = sorted(self._task_dicts(), key=lambda t: t.get("seq", 0))
        return [t.get("referenceTaskName", f"task_{i}") for i, t in enumerate(tasks)]

    def get_response_summary(self) -> str:
        count = len(self.tasks or [])
        if self.is_target_workflow():
            return f"TARGET_WORKFLOW: {self.workflow_id} ({self.target_workflow_status}) - {count} tasks"
        if self.is_blocking_workflow():
            return f"BLOCKING_WORKFLOW: {self.workflow_id} ({self._status_value()}) - {count} tasks"
        if self.is_blocking_task():
            return f"BLOCKING_TASK: {self.task_type} ({self.reference_task_name}) - {self._status_value()}"
        if self.is_blocking_task_input():
            return (
                f"BLOCKING_TASK_INPUT: {self.task_type} ({self.reference_task_name}) - Input data available"
            )
        return f"UNKNOWN_RESPONSE_TYPE: {self.response_type}"

    def print_summary(self) -> None:
        print(self.get_response_summary())

    def print_tasks_summary(self) -> None:
        tasks = self._task_dicts()
        if not tasks:
            print("No tasks found in the response.")
            return
        for i, task in enumerate(tasks, 1):
            print(
                f"Task {i}: {task.get('taskType', 'UNKNOWN')} {task.get('referenceTaskName', 'UNKNOWN')} "
                f"{task.get('status', 'UNKNOWN')} {task.get('taskId', 'UNKNOWN')}"
            )

    def get_full_json(self) -> str:
        return json.dumps(self.to_json_dict(), indent=2)

    def save_to_file(self, filename: str) -> None:
        with open(filename, "w", encoding="utf-8") as f:
            json.dump(self.to_json_dict(), f, indent=2)

    @classmethod
    def from_api_response(cls, data: Mapping[str, Any]) -> SignalResponse:
        """Build from the server's JSON (the official name of ``from_dict``)."""
        return cls.from_dict(data) if isinstance(data, Mapping) else cls()
