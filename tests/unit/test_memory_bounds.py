"""Memory that grows with user input is bounded: the running-workflow cache by bytes, and the
per-task-type state (poll times, wake-up bookkeeping, metric series) by entries."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conductor.server.config import Settings
from conductor.server.domain.requests import StartWorkflowRequest, TaskResult
from conductor.server.domain.status import TaskResultStatus
from conductor.server.metrics import OTHER, Metrics
from conductor.server.queue.wakeup import QueueSignals

KB = 1024


@pytest.fixture
async def components(tmp_path: Path) -> AsyncIterator[Any]:
    from conductor.server.bootstrap import build

    built = build(Settings(db_url=f"sqlite:///{tmp_path / 'c.db'}", workflow_cache_mb=1))
    await built.startup()
    try:
        yield built
    finally:
        await built.shutdown()


def one_task_workflow(task_type: str) -> dict[str, Any]:
    return {
        "name": f"wf_{task_type}",
        "tasks": [{"name": task_type, "taskReferenceName": "t", "type": "SIMPLE"}],
    }


async def start(components: Any, task_type: str, payload: dict[str, Any]) -> str:
    request = msgspec.convert(
        {"workflowDef": one_task_workflow(task_type), "input": payload}, StartWorkflowRequest
    )
    workflow_id: str = await components.services.workflows.start(request)
    return workflow_id


async def test_running_workflow_cache_is_bounded_by_bytes(components: Any) -> None:
    runner = components.runner
    ids = [await start(components, "big", {"blob": "x" * (300 * KB)}) for _ in range(10)]
    count, used = runner.cache_usage()
    assert used <= 1024 * KB  # 10 x 300 KB were started; the budget is 1 MB
    assert 1 <= count <= 3
    # An evicted workflow is read back from the database and runs on.
    tasks = components.services.tasks
    claimed = await tasks.poll("big", "w", None, 10, 0)
    assert len(claimed) == 10
    for task in claimed:
        await tasks.update(
            TaskResult(
                workflow_instance_id=task.workflow_instance_id,
                task_id=task.task_id,
                status=TaskResultStatus.COMPLETED,
                output_data={"n": 1},
            )
        )
    for workflow_id in ids:
        workflow = await components.services.workflows.get(workflow_id, include_tasks=False)
        assert workflow.status.value == "COMPLETED"
    assert runner.cache_usage() == (0, 0)  # ended workflows leave, and their bytes with them


async def test_cache_accounts_small_workflows_by_their_json(components: Any) -> None:
    runner = components.runner
    await start(components, "small", {"a": 1})
    count, used = runner.cache_usage()
    assert count == 1
    assert 200 < used < 20 * KB  # a workflow row and one task row


async def test_poll_state_is_bounded_per_task_type(components: Any) -> None:
    tasks = components.services.tasks
    tasks.max_polled_queues = 50
    for i in range(300):
        assert await tasks.poll(f"nobody_{i}", "w", None, 1, 0) == []
    assert tasks.polled_queues() == 50
    assert len(tasks._poll_written) <= 50
    assert tasks.last_poll("nobody_299", None) > 0  # the most recent ones are kept
    assert tasks.last_poll("nobody_0", None) == 0
    assert components.services.metrics.series() <= 2 * (1000 + 1)


async def test_wakeup_state_is_bounded_per_queue() -> None:
    signals = QueueSignals()
    signals.max_tracked = 100
    for i in range(5_000):
        queue = f"type_{i}"
        since = signals.generation(queue)
        signals.notify(queue)
        signals.mark_empty(queue, signals.generation(queue))
        assert since != signals.generation(queue)
    assert len(signals._generation) <= 100
    assert len(signals._empty) <= 100
    # Long-polls that time out (or whose client left) leave nothing behind for their queue.
    await asyncio.gather(*(signals.wait(f"idle_{i}", 0.01) for i in range(500)))
    assert signals._waiters == {}
    assert signals._dead == {}


async def test_forgotten_queue_never_marks_over_a_newer_push() -> None:
    signals = QueueSignals()
    signals.max_tracked = 2
    since = signals.generation("a")  # a claim on "a" begins
    signals.notify("a")  # a push to "a" while the claim's database job runs
    signals.notify("b")
    signals.notify("c")  # "a" is forgotten
    signals.mark_empty("a", since)  # the claim ends having found nothing
    assert not signals.known_empty("a")  # the push is not hidden


async def test_cancelled_long_poll_leaves_nothing_behind() -> None:
    signals = QueueSignals()
    waiter = asyncio.ensure_future(signals.wait("gone_type", 30))
    await asyncio.sleep(0)
    assert signals.has_waiters("gone_type")
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter
    assert signals._waiters == {}


async def test_woken_waiter_still_reports_a_wake_up() -> None:
    signals = QueueSignals()
    waiter = asyncio.ensure_future(signals.wait("q", 30))
    await asyncio.sleep(0)
    signals.notify("q")
    assert await waiter is True
    assert await signals.wait("q", 0.01) is False


def test_metric_label_values_are_capped() -> None:
    metrics = Metrics(max_label_values=100)
    for i in range(5_000):
        metrics.inc("task_poll", taskType=f"type_{i}")
        metrics.inc("task_poll", taskType=f"type_{i}")
    assert metrics.series() == 101
    assert metrics.value("task_poll", taskType="type_0") == 2
    assert metrics.value("task_poll", taskType=OTHER) == 2 * 4_900
    assert len(metrics.render()) < 10 * KB


def test_long_templates_and_paths_are_not_cached() -> None:
    """A distinct megabyte string per workflow must not pile up in the parse caches."""
    from conductor.server.expressions import paths, templating

    templating._parse_cached.cache_clear()
    big = "x" * (templating.MAX_CACHED_TEMPLATE + 1) + "${workflow.input.a}"
    templating._parse(big)
    assert templating._parse_cached.cache_info().currsize == 0
    templating._parse("${workflow.input.a}")
    assert templating._parse_cached.cache_info().currsize == 1
    paths._compile_cached.cache_clear()
    long_path = "$." + ".".join(["a"] * (paths.MAX_CACHED_PATH // 2 + 1))
    paths.compile_path(long_path)
    assert paths._compile_cached.cache_info().currsize == 0
