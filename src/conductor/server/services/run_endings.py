"""What follows the end of a run: metrics and the log line, the failure workflow, the parent's
update; and the metrics of tasks a commit ended.

The runner calls `workflow_ended` after the commit that ended a workflow, outside its lock
(`WorkflowRunner(on_workflow_ended=...)`), and `tasks_committed` after each commit; both are
services-layer rules, so the engine sees them only as callbacks.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import msgspec
from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.engine.payloads import PayloadTooLarge
from conductor.server.metrics import Metrics
from conductor.server.services.workflows import WorkflowService

log = logging.getLogger("conductor.server")

# The ends that start a definition's failureWorkflow (a completed run never does).
_FAILURE_WORKFLOW_STATUSES = (WorkflowStatus.FAILED, WorkflowStatus.TIMED_OUT, WorkflowStatus.TERMINATED)


class RunEndings:
    def __init__(self, workflows: WorkflowService, metrics: Metrics) -> None:
        self.workflows = workflows
        self.metrics = metrics
        # Parent updates in flight: referenced until done (the event loop holds tasks weakly).
        self._background: set[asyncio.Task[None]] = set()

    async def workflow_ended(self, workflow: Workflow, failure_path: bool) -> None:
        """`failure_path`: False when the end was asked not to start the failure workflow
        (terminate with triggerFailureWorkflow=false)."""
        metrics = self.metrics
        if workflow.status is WorkflowStatus.COMPLETED:
            metrics.inc("workflow_completion", workflowName=workflow.workflow_name)
        else:
            metrics.inc("workflow_failure", workflowName=workflow.workflow_name, status=workflow.status.value)
        if workflow.start_time and workflow.end_time:
            metrics.observe(
                "workflow_execution",
                (workflow.end_time - workflow.start_time) / 1000,
                workflowName=workflow.workflow_name,
            )
        log_workflow_end(workflow)
        await self._start_failure_workflow(workflow, failure_path)
        if workflow.parent_workflow_id:
            # The parent may be the caller holding its own lock (a child that ended while it
            # was being started): update it from a separate task once that lock is free.
            job = asyncio.get_running_loop().create_task(self.workflows.child_ended(workflow))
            self._background.add(job)
            job.add_done_callback(self._background.discard)

    def tasks_committed(self, workflow: Workflow, tasks: list[Task]) -> None:
        record_task_metrics(self.metrics, workflow, tasks)

    async def _start_failure_workflow(self, workflow: Workflow, failure_path: bool) -> None:
        name = workflow.workflow_definition.failure_workflow
        if not failure_path or not name or workflow.status not in _FAILURE_WORKFLOW_STATUSES:
            return
        if name.startswith("$"):
            parts = name.split(".")
            key = parts[2] if len(parts) > 2 else ""
            name = str(workflow.input.get(key) or "")
            if not name:
                return
        failed = next((t for t in workflow.tasks if t.task_id == workflow.failed_task_id), None)
        wf_input: dict[str, Any] = dict(workflow.input)
        wf_input.update(
            {
                "workflowId": workflow.workflow_id,
                "reason": workflow.reason_for_incompletion,
                "failureStatus": workflow.status.value,
                "failedWorkflow": msgspec.to_builtins(workflow),
            }
        )
        if failed is not None:
            wf_input["failureTaskId"] = failed.task_id
        request = StartWorkflowRequest(
            name=name,
            version=workflow.workflow_definition.failure_workflow_version,
            correlation_id=workflow.correlation_id,
            input=wf_input,
            task_to_domain=dict(workflow.task_to_domain),
        )
        workflows = self.workflows
        try:
            try:
                failure_id: Any = await workflows.start(request)
            except PayloadTooLarge:
                # The whole failed run is above the workflow input limit (there is no external
                # payload storage): the failure workflow still runs, with the run minus its data.
                wf_input["failedWorkflow"] = msgspec.to_builtins(
                    replace(workflow, tasks=[], input={}, output={}, variables={})
                )
                failure_id = await workflows.start(request)
        except Exception as exc:
            log.warning("failure workflow %s of %s could not start: %s", name, workflow.workflow_id, exc)
            failure_id = f"Error starting failure workflow: {exc}"
        await workflows.record_failure_workflow(workflow.workflow_id, failure_id)


def log_workflow_end(workflow: Workflow) -> None:
    """One INFO line per workflow that failed or timed out (terminations are an operator's or a
    TERMINATE task's doing and already visible where they were asked for)."""
    if workflow.status not in (WorkflowStatus.FAILED, WorkflowStatus.TIMED_OUT):
        return
    log.info(
        "workflow %s %s %s: %s",
        workflow.workflow_name,
        workflow.workflow_id,
        workflow.status.value,
        workflow.reason_for_incompletion,
        extra={
            "workflowName": workflow.workflow_name,
            "workflowVersion": workflow.workflow_version,
            "workflowId": workflow.workflow_id,
            "status": workflow.status.value,
            "reason": workflow.reason_for_incompletion,
            "failedTaskNames": list(workflow.failed_task_names),
        },
    )


def record_task_metrics(metrics: Metrics, workflow: Workflow, tasks: list[Task]) -> None:
    """Timeouts and durations of the tasks that one committed change ended."""
    for task in tasks:
        if not task.status.is_terminal or task.status is TaskStatus.SKIPPED:
            continue
        if task.status is TaskStatus.TIMED_OUT:
            # The decider's reason is the only place that says which timeout it was.
            response = (task.reason_for_incompletion or "").startswith("responseTimeout")
            metrics.inc("task_response_timeout" if response else "task_timeout", taskType=task.task_type)
        if task.start_time and task.end_time:
            metrics.observe(
                "task_execution",
                (task.end_time - task.start_time) / 1000,
                taskType=task.task_type,
                status=task.status.value,
            )
