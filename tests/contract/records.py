"""Small builders of the domain records the contract tests store."""

from __future__ import annotations

from typing import Any

from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus, WorkflowStatus


def workflow_def(name: str = "wf", version: int = 1, **fields: Any) -> WorkflowDef:
    return WorkflowDef(
        name=name,
        version=version,
        tasks=[WorkflowTask(name="t1", task_reference_name="t1")],
        **fields,
    )


def workflow(
    workflow_id: str,
    name: str = "wf",
    version: int = 1,
    status: WorkflowStatus = WorkflowStatus.RUNNING,
    create_time: int = 1_000,
    **fields: Any,
) -> Workflow:
    return Workflow(
        workflow_id=workflow_id,
        workflow_definition=workflow_def(name, version),
        workflow_name=name,
        workflow_version=version,
        status=status,
        create_time=create_time,
        start_time=create_time,
        update_time=fields.pop("update_time", create_time),
        **fields,
    )


def task(
    task_id: str,
    workflow_id: str,
    seq: int = 1,
    ref: str | None = None,
    status: TaskStatus = TaskStatus.SCHEDULED,
    task_def_name: str = "t1",
    **fields: Any,
) -> Task:
    return Task(
        task_id=task_id,
        task_type="SIMPLE",
        task_def_name=task_def_name,
        reference_task_name=ref or f"ref{seq}",
        workflow_instance_id=workflow_id,
        seq=seq,
        status=status,
        update_time=fields.pop("update_time", 1_000 + seq),
        **fields,
    )


def task_def(name: str, **fields: Any) -> TaskDef:
    return TaskDef(name=name, **fields)
