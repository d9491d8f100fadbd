"""A long-poll already waiting gets its task claimed by the commit that schedules it.

One transaction per step instead of two (the commit, then the woken poll's own claim), and the
copy of the workflow the server keeps in memory shows the task running, as the database does.
When the poll is gone by the time that commit answers, the task is given back; when the commit
fails, the poll keeps waiting and gets the next task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from conductor.server.domain.errors import StorageUnavailable
from conductor.server.queue.wakeup import Gone
from driver import Driver
from helpers import eventually


def _count_writes(
    server: Any, monkeypatch: pytest.MonkeyPatch, before: Callable[[], None] | None = None
) -> list[int]:
    """Count write transactions from now on; `before` runs ahead of each one's submission."""
    db = server.components.db
    real = db.write
    counted: list[int] = []

    async def write(job: Any) -> Any:
        counted.append(1)
        if before is not None:
            before()
        return await real(job)

    monkeypatch.setattr(db, "write", write)
    return counted


async def _waiting(server: Any, task_type: str) -> None:
    signals = server.components.signals
    await eventually(lambda: signals.has_waiters(task_type), within=5, message="the poll never waited")


def _poll(api: httpx.AsyncClient, task_type: str, worker: str) -> Awaitable[httpx.Response]:
    return asyncio.ensure_future(
        api.get(f"/tasks/poll/batch/{task_type}", params={"timeout": 5000, "workerid": worker, "count": 1})
    )


async def _waiting_poll(
    api: httpx.AsyncClient, conductor: Driver, server: Any
) -> tuple[str, str, Awaitable[httpx.Response]]:
    """A one-task workflow's type and name, and worker w1's 5 s batch poll already waiting."""
    task_type = await conductor.taskdef()
    name = await conductor.simple_workflow(task_type)
    polling = _poll(api, task_type, "w1")
    await _waiting(server, task_type)
    return task_type, name, polling


async def test_waiting_poll_gets_its_task_in_the_starting_commit(
    api: httpx.AsyncClient, conductor: Driver, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_type, name, polling = await _waiting_poll(api, conductor, server)
    writes = _count_writes(server, monkeypatch)
    workflow_id = await conductor.start(name)
    response = await polling
    assert response.status_code == 200
    [task] = response.json()
    assert (task["workflowInstanceId"], task["status"], task["workerId"]) == (
        workflow_id,
        "IN_PROGRESS",
        "w1",
    )
    assert task["pollCount"] == 1 and task["startTime"] > 0
    # The start's commit claimed it: no second transaction for the poll.
    assert len(writes) == 1
    # What the server answers from memory agrees with the database.
    running = await conductor.get(workflow_id)
    [listed] = running["tasks"]
    assert (listed["status"], listed["workerId"], listed["startTime"]) == (
        "IN_PROGRESS",
        "w1",
        task["startTime"],
    )
    await conductor.complete_task(task, {"done": True})
    done = await conductor.until(workflow_id, "COMPLETED")
    [ended] = done["tasks"]
    assert ended["startTime"] == task["startTime"] and ended["pollCount"] == 1
    assert ended["outputData"] == {"done": True}


async def test_next_step_of_another_type_is_handed_to_its_waiting_poll(
    api: httpx.AsyncClient, conductor: Driver, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = await conductor.taskdef(), await conductor.taskdef()
    workflow_id = await conductor.start(await conductor.simple_workflow(first, second))
    task = await conductor.poll(first)
    polling = _poll(api, second, "w2")
    await _waiting(server, second)
    writes = _count_writes(server, monkeypatch)
    await conductor.complete_task(task, {"x": 1})
    [handed] = (await polling).json()
    assert (handed["workflowInstanceId"], handed["status"], handed["workerId"]) == (
        workflow_id,
        "IN_PROGRESS",
        "w2",
    )
    assert len(writes) == 1
    await conductor.complete_task(handed)
    await conductor.until(workflow_id, "COMPLETED")


async def test_task_claimed_for_a_poll_that_left_before_the_commit_answered_is_given_back(
    api: httpx.AsyncClient, conductor: Driver, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_type = await conductor.taskdef()
    name = await conductor.simple_workflow(task_type)
    gone = Gone()
    tasks = server.components.services.tasks
    polling = asyncio.ensure_future(tasks.poll(task_type, "w1", None, 1, 5000, gone))
    await _waiting(server, task_type)
    # The client disconnects while the commit that claims for it is in flight.
    _count_writes(server, monkeypatch, before=gone.set)
    workflow_id = await conductor.start(name)
    assert await polling == []
    monkeypatch.undo()
    # Handed back: pollable again at once, by another worker, counted as polled once.
    again = await conductor.poll(task_type, worker="w2")
    assert (again["workflowInstanceId"], again["workerId"], again["pollCount"]) == (workflow_id, "w2", 1)


async def test_failed_commit_leaves_the_poll_waiting_for_the_next_task(
    api: httpx.AsyncClient, conductor: Driver, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_type, name, polling = await _waiting_poll(api, conductor, server)
    failures = [StorageUnavailable("database error: disk I/O error")]

    def fail_once() -> None:
        if failures:
            raise failures.pop()

    _count_writes(server, monkeypatch, before=fail_once)
    refused = await api.post(f"/workflow/{name}", json={})
    assert refused.status_code >= 500
    assert not polling.done()
    await _waiting(server, task_type)
    workflow_id = await conductor.start(name)
    [task] = (await polling).json()
    assert (task["workflowInstanceId"], task["status"], task["workerId"]) == (
        workflow_id,
        "IN_PROGRESS",
        "w1",
    )
