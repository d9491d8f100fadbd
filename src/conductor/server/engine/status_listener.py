"""Workflow status listener: Conductor's WorkflowStatusListener hook (docs/engine.md §4.9).

Events (STARTED, RERAN, RETRIED, PAUSED, RESUMED, RESTARTED, COMPLETED, TERMINATED, FINALIZED)
fire only for definitions with `workflowStatusListenerEnabled`. Conductor OSS ships a stub
listener; optional modules publish elsewhere. Here the event is published, best effort, on the
in-process event bus under the definition's `workflowStatusListenerSink` (for example
`conductor:order_status`), so `/api/event` handlers can start workflows or complete tasks on
it. Without a sink the event is only logged, like the OSS stub.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from conductor.server.domain.execution import Workflow

log = logging.getLogger("conductor.server.listener")

Publish = Callable[[str, dict[str, Any], str | None], None]

EVENTS = frozenset(
    {"STARTED", "RERAN", "RETRIED", "PAUSED", "RESUMED", "RESTARTED", "COMPLETED", "TERMINATED", "FINALIZED"}
)


def status_payload(workflow: Workflow, event: str) -> dict[str, Any]:
    """The message: the workflow's summary fields plus the event type."""
    return {
        "eventType": event,
        "workflowId": workflow.workflow_id,
        "workflowType": workflow.workflow_name,
        "version": workflow.workflow_version,
        "correlationId": workflow.correlation_id,
        "status": workflow.status.value,
        "reasonForIncompletion": workflow.reason_for_incompletion,
        "parentWorkflowId": workflow.parent_workflow_id,
        "createTime": workflow.create_time,
        "updateTime": workflow.update_time,
        "endTime": workflow.end_time,
        "input": workflow.input,
        "output": workflow.output,
        "taskToDomain": workflow.task_to_domain,
    }


class WorkflowStatusListener:
    def __init__(self, publisher: Callable[[], Publish | None]) -> None:
        # Looked up on each event: the event bus is wired after the engine is built.
        self._publisher = publisher

    def notify(self, workflow: Workflow, event: str) -> None:
        definition = workflow.workflow_definition
        if event not in EVENTS or not definition.workflow_status_listener_enabled:
            return
        sink = definition.workflow_status_listener_sink
        publish = self._publisher()
        if not sink or publish is None:
            log.info("workflow %s: %s", workflow.workflow_id, event)
            return
        try:
            publish(sink, status_payload(workflow, event), None)
        except Exception:  # best effort, as in Conductor: a listener never fails the operation
            log.exception("workflow status listener failed for %s (%s)", workflow.workflow_id, event)
