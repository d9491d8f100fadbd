"""Which listener method handles which event: the one table both `listener_register` (asyncio
dispatchers) and `sync_listener_register` (threads) register from.

A listener is duck-typed, as in the official SDK: each method it has is registered for its
event, the others are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from conductor.client.event.task_events import TaskPayloadUsed, TaskResultPayloadSize
from conductor.client.event.task_runner_events import (
    PollCompleted,
    PollFailure,
    PollStarted,
    TaskExecutionCompleted,
    TaskExecutionFailure,
    TaskExecutionStarted,
    TaskUpdateFailure,
)
from conductor.client.event.workflow_events import (
    WorkflowInputPayloadSize,
    WorkflowPayloadUsed,
    WorkflowStarted,
)

Table = tuple[tuple[type[Any], str], ...]

TASK_RUNNER: Table = (
    (PollStarted, "on_poll_started"),
    (PollCompleted, "on_poll_completed"),
    (PollFailure, "on_poll_failure"),
    (TaskExecutionStarted, "on_task_execution_started"),
    (TaskExecutionCompleted, "on_task_execution_completed"),
    (TaskExecutionFailure, "on_task_execution_failure"),
)
#: The synchronous register also knows the update failure (the official asyncio one does not).
TASK_RUNNER_WITH_UPDATE_FAILURE: Table = (*TASK_RUNNER, (TaskUpdateFailure, "on_task_update_failure"))
WORKFLOW: Table = (
    (WorkflowStarted, "on_workflow_started"),
    (WorkflowInputPayloadSize, "on_workflow_input_payload_size"),
    (WorkflowPayloadUsed, "on_workflow_payload_used"),
)
TASK: Table = (
    (TaskResultPayloadSize, "on_task_result_payload_size"),
    (TaskPayloadUsed, "on_task_payload_used"),
)


def handlers(listener: object, table: Table) -> Iterator[tuple[type[Any], Callable[[Any], None]]]:
    """(event type, bound method) for each method of `table` the listener has, in table order."""
    for event_type, name in table:
        if hasattr(listener, name):
            yield event_type, getattr(listener, name)
