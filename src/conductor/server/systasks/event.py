"""EVENT: publish the task's output to a sink; `conductor` sinks feed the event handlers.

The message is the task output: its input (with `sink` and `asyncComplete`), the workflow's id,
type, version, correlation id and taskToDomain, and `event_produced`, the queue name
(docs/engine.md §6.16). Only the built-in `conductor` sink is served in-process; other sinks (sqs,
nats, kafka, ...) need a queue this server does not have, so the task fails naming the sink.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.snapshot import workflow_doc
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_types import TaskType
from conductor.server.expressions.templating import resolve
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed


def event_name(sink: str, workflow: Workflow, task: Task) -> str | None:
    """Conductor's queue name for a sink; None for an invalid `conductor...` sink."""
    if sink == "conductor":
        return f"conductor:{workflow.workflow_name}:{task.reference_task_name}"
    if sink.startswith("conductor:"):
        return f"conductor:{workflow.workflow_name}:{sink.replace('conductor:', '')}"
    if sink.startswith("conductor"):
        return None
    return sink


class Event(SyncSystemTask):
    task_type: str = TaskType.EVENT

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        raw_sink = task.input_data.get("sink", node.sink)
        sink = resolve(raw_sink, workflow_doc(workflow), task.task_id) if isinstance(raw_sink, str) else None
        inputs = {**task.input_data, "sink": raw_sink, "asyncComplete": node.async_complete}
        payload: dict[str, Any] = {
            **inputs,
            "workflowInstanceId": workflow.workflow_id,
            "workflowType": workflow.workflow_name,
            "workflowVersion": workflow.workflow_version,
            "correlationId": workflow.correlation_id,
            "taskToDomain": workflow.task_to_domain,
        }
        task = replace(task, input_data=inputs)
        name = event_name(sink, workflow, task) if isinstance(sink, str) and sink else None
        if name is None:
            return failed(task, f"Invalid / Unsupported sink specified: {sink}", output=payload)
        payload["event_produced"] = name
        if not name.startswith("conductor:"):
            return failed(task, f"No event queue is configured for the sink {name}", output=payload)
        publish = ctx.publish_event
        if publish is None:
            return failed(task, "No event bus is configured on this server", output=payload)
        publish(name, payload, task.task_id)
        if node.async_complete:
            return replace(task, status=TaskStatus.IN_PROGRESS, output_data=payload)
        return completed(task, payload)
