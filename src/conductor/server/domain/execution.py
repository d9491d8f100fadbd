"""Runtime records: a workflow execution and its tasks (Conductor's `Workflow` / `Task` JSON)."""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.status import TaskStatus, WorkflowStatus


def _empty_execution_metadata() -> dict[str, Any]:
    return {"additionalContext": {}, "additionalContextMap": {}, "empty": True}


class Task(msgspec.Struct, rename="camel", kw_only=True):
    task_id: str
    task_type: str
    reference_task_name: str
    workflow_instance_id: str
    status: TaskStatus = TaskStatus.SCHEDULED
    task_def_name: str = ""
    workflow_type: str = ""
    correlation_id: str | None = None
    input_data: dict[str, Any] = msgspec.field(default_factory=dict)
    output_data: dict[str, Any] = msgspec.field(default_factory=dict)
    seq: int = 0
    retry_count: int = 0
    poll_count: int = 0
    scheduled_time: int = 0
    start_time: int = 0
    end_time: int = 0
    update_time: int = 0
    first_scheduled_time: int = 0
    start_delay_in_seconds: int = 0
    retried_task_id: str | None = None
    retried: bool = False
    executed: bool = False
    callback_from_worker: bool = True
    response_timeout_seconds: int = 0
    callback_after_seconds: int = 0
    reason_for_incompletion: str | None = None
    worker_id: str | None = None
    workflow_task: WorkflowTask = msgspec.field(default_factory=WorkflowTask)
    domain: str | None = None
    rate_limit_per_frequency: int = 0
    rate_limit_frequency_in_seconds: int = 0
    workflow_priority: int = 0
    execution_name_space: str | None = None
    isolation_group_id: str | None = None
    iteration: int = 0
    sub_workflow_id: str | None = None
    subworkflow_changed: bool = False
    parent_task_id: str | None = None
    # Absolute deadline (epoch ms) of a WAIT task; 0 when it waits for a signal.
    wait_timeout: int = 0
    execution_metadata: dict[str, Any] = msgspec.field(default_factory=_empty_execution_metadata)
    queue_wait_time: int = 0
    loop_over_task: bool = False
    task_definition: TaskDef | None = None

    @property
    def task_def(self) -> TaskDef | None:
        return self.workflow_task.task_definition


# dict=True: a running workflow carries its TaskIndex (domain/task_index.py) as a plain
# attribute, which is neither encoded nor copied.
class Workflow(msgspec.Struct, rename="camel", kw_only=True, dict=True):
    workflow_id: str
    workflow_definition: WorkflowDef
    status: WorkflowStatus = WorkflowStatus.RUNNING
    workflow_name: str = ""
    workflow_version: int = 1
    create_time: int = 0
    update_time: int = 0
    start_time: int = 0
    end_time: int = 0
    last_retried_time: int = 0
    owner_app: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    input: dict[str, Any] = msgspec.field(default_factory=dict)
    output: dict[str, Any] = msgspec.field(default_factory=dict)
    variables: dict[str, Any] = msgspec.field(default_factory=dict)
    tasks: list[Task] = msgspec.field(default_factory=list)
    correlation_id: str | None = None
    priority: int = 0
    task_to_domain: dict[str, str] = msgspec.field(default_factory=dict)
    parent_workflow_id: str | None = None
    parent_workflow_task_id: str | None = None
    re_run_from_workflow_id: str | None = None
    reason_for_incompletion: str | None = None
    event: str | None = None
    failed_reference_task_names: list[str] = msgspec.field(default_factory=list)
    failed_task_names: list[str] = msgspec.field(default_factory=list)
    failed_task_id: str | None = None
    idempotency_key: str | None = None
    rate_limit_key: str | None = None
    rate_limited: bool = False
    history: list[Any] = msgspec.field(default_factory=list)

    def task_by_ref(self, ref: str) -> Task | None:
        """The newest task (highest seq) with this reference name."""
        from conductor.server.domain.task_index import index_of  # the index imports this module

        return index_of(self).by_ref(ref)

    def task_by_id(self, task_id: str) -> Task | None:
        from conductor.server.domain.task_index import index_of

        return index_of(self).by_id(task_id)


class TaskExecLog(msgspec.Struct, rename="camel", kw_only=True):
    log: str = ""
    task_id: str | None = None
    created_time: int = 0


class PollData(msgspec.Struct, rename="camel", kw_only=True):
    queue_name: str
    domain: str | None = None
    worker_id: str | None = None
    last_poll_time: int = 0
