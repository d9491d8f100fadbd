"""The read-only view of a workflow that `${...}` expressions and scripts are evaluated against."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from conductor.server.domain.execution import Task, Workflow


def base_ref(task: Task) -> str:
    """The reference name without a loop iteration's `__N` suffix."""
    ref = task.reference_task_name
    if task.iteration > 0 and task.task_type != "DO_WHILE":
        suffix = f"__{task.iteration}"
        if ref.endswith(suffix):
            return ref[: -len(suffix)]
    return ref


def workflow_doc(workflow: Workflow, tasks: Iterable[Task] | None = None) -> dict[str, Any]:
    """The document expressions are evaluated against (docs/engine.md §3.2)."""
    doc: dict[str, Any] = {
        "workflow": {
            "input": workflow.input,
            "output": workflow.output,
            "status": workflow.status.value,
            "workflowId": workflow.workflow_id,
            "parentWorkflowId": workflow.parent_workflow_id,
            "parentWorkflowTaskId": workflow.parent_workflow_task_id,
            "workflowType": workflow.workflow_name,
            "version": workflow.workflow_version,
            "correlationId": workflow.correlation_id,
            "reasonForIncompletion": workflow.reason_for_incompletion,
            "schemaVersion": 2,
            "variables": workflow.variables,
        }
    }
    # Walked in seq order, so the newest attempt / latest iteration of a reference wins.
    for task in workflow.tasks if tasks is None else tasks:
        doc[base_ref(task)] = {
            "input": task.input_data,
            "output": task.output_data,
            "taskType": task.task_type,
            "status": task.status.value,
            "referenceTaskName": task.reference_task_name,
            "retryCount": task.retry_count,
            "correlationId": task.correlation_id,
            "pollCount": task.poll_count,
            "taskDefName": task.task_def_name,
            "scheduledTime": task.scheduled_time,
            "startTime": task.start_time,
            "endTime": task.end_time,
            "workflowInstanceId": task.workflow_instance_id,
            "taskId": task.task_id,
            "reasonForIncompletion": task.reason_for_incompletion,
            "callbackAfterSeconds": task.callback_after_seconds,
            "workerId": task.worker_id,
            "iteration": task.iteration,
            "domain": task.domain,
        }
    return doc
