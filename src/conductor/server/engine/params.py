"""Inputs of new tasks and workflow outputs: `${...}` expressions against a workflow snapshot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conductor.server.domain.definitions import TaskDef
from conductor.server.domain.execution import Task, Workflow
from conductor.server.expressions.templating import resolve


def base_ref(task: Task) -> str:
    """The reference name without a loop iteration's `__N` suffix."""
    ref = task.reference_task_name
    if task.iteration > 0:
        cut = ref.rfind("__")
        if cut > 0:
            return ref[:cut]
    return ref


def workflow_doc(workflow: Workflow, tasks: Iterable[Task] | None = None) -> dict[str, Any]:
    """The document expressions are evaluated against (engine.md §3.2)."""
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


def task_input(
    input_parameters: Mapping[str, Any],
    doc: Mapping[str, Any],
    task_id: str | None,
    task_def: TaskDef | None,
) -> dict[str, Any]:
    """Resolve a node's inputParameters, with the TaskDef's inputTemplate as defaults."""
    template = task_def.input_template if task_def is not None else {}
    params: dict[str, Any] = dict(input_parameters)
    for key, value in template.items():
        params.setdefault(key, value)
    resolved = resolve(params, doc, task_id)
    assert isinstance(resolved, dict)
    for key, value in template.items():
        if resolved.get(key) is None:
            resolved[key] = value
    return resolved


def resolve_map(params: Mapping[str, Any], doc: Mapping[str, Any]) -> dict[str, Any]:
    resolved = resolve(dict(params), doc, None)
    assert isinstance(resolved, dict)
    return resolved
