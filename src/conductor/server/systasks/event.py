"""EVENT: publish the task's input to a sink; `conductor` sinks feed the event handlers."""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed


def event_name(sink: str, workflow: Workflow, task: Task) -> str | None:
    if sink == "conductor":
        return f"conductor:{workflow.workflow_name}:{task.reference_task_name}"
    if sink.startswith("conductor:"):
        return f"conductor:{workflow.workflow_name}:{sink[len('conductor:'):]}"
    if sink.startswith("conductor"):
        return None
    return sink


class Event(SyncSystemTask):
    task_type = "EVENT"

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        sink = task.workflow_task.sink or str(task.input_data.get("sink") or "")
        name = event_name(sink, workflow, task)
        if name is None:
            return failed(task, f"Invalid / Unsupported sink specified: {sink}")
        payload = {
            **task.input_data,
            "workflowInstanceId": workflow.workflow_id,
            "workflowType": workflow.workflow_name,
            "workflowVersion": workflow.workflow_version,
            "correlationId": workflow.correlation_id,
            "taskToDomain": workflow.task_to_domain,
        }
        publish = ctx.services.get("publish_event")
        if publish is None:
            return failed(task, "No event bus is configured on this server")
        publish(name, payload)
        output = {**payload, "event_produced": name}
        if task.workflow_task.async_complete:
            return replace(task, status=TaskStatus.IN_PROGRESS, output_data=output)
        return completed(task, output)
