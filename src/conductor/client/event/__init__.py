"""Conductor event system for observability and metrics collection.

This module provides an event-driven architecture for monitoring task execution,
workflow operations, and other Conductor operations.

Ported from the official SDK (``conductor.client.event``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from conductor.client.event.conductor_event import ConductorEvent
from conductor.client.event.event_dispatcher import EventDispatcher
from conductor.client.event.listener_register import (
    register_task_listener,
    register_task_runner_listener,
    register_workflow_listener,
)
from conductor.client.event.listeners import MetricsCollector as MetricsCollectorProtocol
from conductor.client.event.listeners import (
    TaskEventsListener,
    TaskRunnerEventsListener,
    WorkflowEventsListener,
)
from conductor.client.event.task_events import TaskEvent, TaskPayloadUsed, TaskResultPayloadSize
from conductor.client.event.task_runner_events import (
    PollCompleted,
    PollFailure,
    PollStarted,
    TaskExecutionCompleted,
    TaskExecutionFailure,
    TaskExecutionStarted,
    TaskRunnerEvent,
)
from conductor.client.event.workflow_events import (
    WorkflowEvent,
    WorkflowInputPayloadSize,
    WorkflowPayloadUsed,
    WorkflowStarted,
)

__all__ = [
    "ConductorEvent",
    "EventDispatcher",
    "MetricsCollectorProtocol",
    "PollCompleted",
    "PollFailure",
    "PollStarted",
    "TaskEvent",
    "TaskEventsListener",
    "TaskExecutionCompleted",
    "TaskExecutionFailure",
    "TaskExecutionStarted",
    "TaskPayloadUsed",
    "TaskResultPayloadSize",
    "TaskRunnerEvent",
    "TaskRunnerEventsListener",
    "WorkflowEvent",
    "WorkflowEventsListener",
    "WorkflowInputPayloadSize",
    "WorkflowPayloadUsed",
    "WorkflowStarted",
    "register_task_listener",
    "register_task_runner_listener",
    "register_workflow_listener",
]
