"""Utility for bulk registration of event listeners (synchronous version).

This module provides convenience functions for registering listeners with
sync event dispatchers, suitable for multiprocessing contexts.

Ported from the official SDK (``conductor.client.event.sync_listener_register``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from conductor.client.event.listener_methods import (
    TASK,
    TASK_RUNNER_WITH_UPDATE_FAILURE,
    WORKFLOW,
    handlers,
)
from conductor.client.event.listeners import (
    TaskEventsListener,
    TaskRunnerEventsListener,
    WorkflowEventsListener,
)
from conductor.client.event.sync_event_dispatcher import SyncEventDispatcher
from conductor.client.event.task_events import TaskEvent
from conductor.client.event.task_runner_events import TaskRunnerEvent
from conductor.client.event.workflow_events import WorkflowEvent


def register_task_runner_listener(
    listener: TaskRunnerEventsListener, dispatcher: SyncEventDispatcher[TaskRunnerEvent]
) -> None:
    """
    Register all TaskRunnerEventsListener methods with a dispatcher.

    This convenience function registers all event handler methods from a
    TaskRunnerEventsListener with the provided dispatcher.

    Args:
        listener: The listener implementing TaskRunnerEventsListener protocol
        dispatcher: The event dispatcher to register with

    Example:
        >>> prometheus = PrometheusMetricsCollector()
        >>> dispatcher = SyncEventDispatcher[TaskRunnerEvent]()
        >>> register_task_runner_listener(prometheus, dispatcher)
    """
    for event_type, handler in handlers(listener, TASK_RUNNER_WITH_UPDATE_FAILURE):
        dispatcher.register(event_type, handler)


def register_workflow_listener(
    listener: WorkflowEventsListener, dispatcher: SyncEventDispatcher[WorkflowEvent]
) -> None:
    """
    Register all WorkflowEventsListener methods with a dispatcher.

    This convenience function registers all event handler methods from a
    WorkflowEventsListener with the provided dispatcher.

    Args:
        listener: The listener implementing WorkflowEventsListener protocol
        dispatcher: The event dispatcher to register with

    Example:
        >>> monitor = WorkflowMonitor()
        >>> dispatcher = SyncEventDispatcher[WorkflowEvent]()
        >>> register_workflow_listener(monitor, dispatcher)
    """
    for event_type, handler in handlers(listener, WORKFLOW):
        dispatcher.register(event_type, handler)


def register_task_listener(listener: TaskEventsListener, dispatcher: SyncEventDispatcher[TaskEvent]) -> None:
    """
    Register all TaskEventsListener methods with a dispatcher.

    This convenience function registers all event handler methods from a
    TaskEventsListener with the provided dispatcher.

    Args:
        listener: The listener implementing TaskEventsListener protocol
        dispatcher: The event dispatcher to register with

    Example:
        >>> monitor = TaskPayloadMonitor()
        >>> dispatcher = SyncEventDispatcher[TaskEvent]()
        >>> register_task_listener(monitor, dispatcher)
    """
    for event_type, handler in handlers(listener, TASK):
        dispatcher.register(event_type, handler)
