"""The official listener registers (`conductor.client.event.listener_register` for asyncio
dispatchers, `sync_listener_register` for threads): each method a duck-typed listener has is
registered for its event, and only those."""

from __future__ import annotations

from typing import Any

from conductor.client.event import listener_register, sync_listener_register
from conductor.client.event.event_dispatcher import EventDispatcher
from conductor.client.event.sync_event_dispatcher import SyncEventDispatcher
from conductor.client.event.task_events import TaskPayloadUsed, TaskResultPayloadSize
from conductor.client.event.task_runner_events import (
    PollCompleted,
    PollFailure,
    PollStarted,
    TaskExecutionFailure,
    TaskUpdateFailure,
)
from conductor.client.event.workflow_events import WorkflowInputPayloadSize, WorkflowStarted


class Partial:
    """A listener with a few of the methods, as users write them."""

    def on_poll_started(self, event: Any) -> None: ...
    def on_task_execution_failure(self, event: Any) -> None: ...
    def on_task_update_failure(self, event: Any) -> None: ...
    def on_workflow_started(self, event: Any) -> None: ...
    def on_task_payload_used(self, event: Any) -> None: ...


def test_the_sync_register_takes_exactly_the_methods_the_listener_has() -> None:
    runner: SyncEventDispatcher[Any] = SyncEventDispatcher()
    workflow: SyncEventDispatcher[Any] = SyncEventDispatcher()
    task: SyncEventDispatcher[Any] = SyncEventDispatcher()
    listener = Partial()
    sync_listener_register.register_task_runner_listener(listener, runner)
    sync_listener_register.register_workflow_listener(listener, workflow)
    sync_listener_register.register_task_listener(listener, task)
    counts = {e: runner.listener_count(e) for e in (PollStarted, PollCompleted, PollFailure)}
    assert counts == {PollStarted: 1, PollCompleted: 0, PollFailure: 0}
    assert runner.listener_count(TaskExecutionFailure) == 1
    assert runner.listener_count(TaskUpdateFailure) == 1  # the sync register knows it
    assert (workflow.listener_count(WorkflowStarted), workflow.listener_count(WorkflowInputPayloadSize)) == (
        1,
        0,
    )
    assert (task.listener_count(TaskPayloadUsed), task.listener_count(TaskResultPayloadSize)) == (1, 0)


async def test_the_asyncio_register_takes_the_official_methods() -> None:
    runner: EventDispatcher[Any] = EventDispatcher()
    workflow: EventDispatcher[Any] = EventDispatcher()
    task: EventDispatcher[Any] = EventDispatcher()
    listener = Partial()
    await listener_register.register_task_runner_listener(listener, runner)
    await listener_register.register_workflow_listener(listener, workflow)
    await listener_register.register_task_listener(listener, task)
    assert (runner.listener_count(PollStarted), runner.listener_count(PollCompleted)) == (1, 0)
    assert runner.listener_count(TaskExecutionFailure) == 1
    assert runner.listener_count(TaskUpdateFailure) == 0  # as the official asyncio register
    assert workflow.listener_count(WorkflowStarted) == 1
    assert task.listener_count(TaskPayloadUsed) == 1
