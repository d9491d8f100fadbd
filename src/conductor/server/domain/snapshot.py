"""The read-only view of a workflow that `${...}` expressions and scripts are evaluated against."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_index import base_ref, doc_entry, index_of

__all__ = ["base_ref", "workflow_doc"]


def workflow_entry(workflow: Workflow) -> dict[str, Any]:
    return {
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


def workflow_doc(workflow: Workflow, tasks: Iterable[Task] | None = None) -> dict[str, Any]:
    """The document expressions are evaluated against (docs/engine.md §3.2): `workflow` plus,
    under each base reference name, its newest task (seq order: the newest attempt / latest
    iteration wins). Without `tasks`, the entries come ready-made from the task index."""
    if tasks is None:
        doc: dict[str, Any] = {"workflow": workflow_entry(workflow)}
        doc.update(index_of(workflow).doc)
        return doc
    doc = {"workflow": workflow_entry(workflow)}
    for task in tasks:
        doc[base_ref(task)] = doc_entry(task)
    return doc
