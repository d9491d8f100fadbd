"""JOIN without a server: the system task against workflows built by the decider, and the task
index's O(1) pending-branch count that lets a JOIN skip its scan (docs/engine.md §6.8, §8).

The workflows come from the pure decider (`decide` maps FORK_JOIN into the FORK, the first task
of each branch and the JOIN with its `joinOn`), so the JOIN sees exactly the tasks the engine
would give it; branch results are applied with `replace_task`, the one function the runner uses.
"""

from __future__ import annotations

import itertools
from typing import Any

import msgspec
import pytest

from conductor.server.clock import FakeClock
from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.domain.task_index import index_of, replace_task
from conductor.server.engine.decider import decide
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.join import Join

NOW = 1_700_000_000_000
CTX = SystemTaskContext(clock=FakeClock(NOW))


def branch(ref: str, **kw: Any) -> WorkflowTask:
    td = TaskDef(name=ref, retry_count=0, retry_delay_seconds=0, response_timeout_seconds=3600)
    return WorkflowTask(name=ref, task_reference_name=ref, type="SIMPLE", task_definition=td, **kw)


def forked(*branches: WorkflowTask) -> tuple[Workflow, Task]:
    """A started workflow FORK_JOIN(branches) -> JOIN, as the decider scheduled it; and its JOIN."""
    refs = [b.task_reference_name for b in branches]
    fork = WorkflowTask(
        name="fork", task_reference_name="fork", type="FORK_JOIN", fork_tasks=[[b] for b in branches]
    )
    join = WorkflowTask(name="join", task_reference_name="join", type="JOIN", join_on=refs)
    wf = Workflow(
        workflow_id="wf-1",
        workflow_definition=WorkflowDef(name="wf", version=1, tasks=[fork, join]),
        workflow_name="wf",
        workflow_version=1,
        status=WorkflowStatus.RUNNING,
        create_time=NOW,
        start_time=NOW,
        update_time=NOW,
    )
    counter = itertools.count(1)
    decision = decide(wf, NOW, lambda: f"t{next(counter)}")
    for seq, task in enumerate(decision.new_tasks, start=1):
        task.seq = seq
        replace_task(wf, task)
    found = wf.task_by_ref("join")
    assert found is not None
    return wf, found


def end(wf: Workflow, ref: str, status: TaskStatus, output: dict[str, Any] | None = None, **kw: Any) -> Task:
    """Record a branch's result the way the runner does (in place, through the index)."""
    current = wf.task_by_ref(ref)
    assert current is not None
    ended = msgspec.structs.replace(current, status=status, output_data=output or {}, end_time=NOW, **kw)
    replace_task(wf, ended)
    return ended


async def run(wf: Workflow, join: Task) -> Task | None:
    return await Join().execute(join, wf, CTX)


def test_the_decider_schedules_every_branch_and_a_join_on_them() -> None:
    wf, join = forked(branch("a"), branch("b"))
    assert [(t.reference_task_name, t.task_type, t.status.value) for t in wf.tasks] == [
        ("fork", "FORK", "COMPLETED"),
        ("a", "a", "SCHEDULED"),
        ("b", "b", "SCHEDULED"),
        ("join", "JOIN", "IN_PROGRESS"),
    ]
    assert join.input_data == {"joinOn": ["a", "b"]}
    assert index_of(wf).join_state(join.task_id) == (2, 0)


async def test_a_join_waits_while_branches_run() -> None:
    wf, join = forked(branch("a"), branch("b"))
    assert await run(wf, join) is None
    end(wf, "a", TaskStatus.COMPLETED, {"x": 1})
    assert index_of(wf).join_state(join.task_id) == (1, 0)
    assert await run(wf, join) is None  # one branch still running: nothing to do yet


async def test_a_join_completes_with_every_branch_output_keyed_by_reference() -> None:
    wf, join = forked(branch("a"), branch("b"), branch("c"))
    end(wf, "a", TaskStatus.COMPLETED, {"x": 1})
    end(wf, "b", TaskStatus.COMPLETED, {"y": 2})
    end(wf, "c", TaskStatus.COMPLETED)  # no output: no key
    assert index_of(wf).join_state(join.task_id) == (0, 0)
    done = await run(wf, join)
    assert done is not None
    assert done.status is TaskStatus.COMPLETED
    assert done.output_data == {"a": {"x": 1}, "b": {"y": 2}}
    replace_task(wf, done)
    assert index_of(wf).join_state(join.task_id) is None  # an ended JOIN is no longer tracked


async def test_start_runs_the_join_at_once_and_keeps_it_waiting_otherwise() -> None:
    wf, join = forked(branch("a"))
    assert await Join().start(join, wf, CTX) is join
    end(wf, "a", TaskStatus.COMPLETED, {"v": 1})
    started = await Join().start(join, wf, CTX)
    assert started is not None and started.status is TaskStatus.COMPLETED


async def test_a_failed_branch_fails_the_join_without_waiting_for_the_others() -> None:
    wf, join = forked(branch("a"), branch("b"))
    end(wf, "a", TaskStatus.FAILED, reason_for_incompletion="card declined")
    assert index_of(wf).join_state(join.task_id) == (1, 1)
    result = await run(wf, join)
    assert result is not None
    assert result.status is TaskStatus.FAILED
    assert result.reason_for_incompletion == "card declined"


async def test_a_permissive_failure_waits_until_every_branch_ended() -> None:
    wf, join = forked(branch("a", permissive=True), branch("b"))
    end(wf, "a", TaskStatus.FAILED, {"e": 1}, reason_for_incompletion="soft")
    waiting = await run(wf, join)
    # Not failed yet; only the output collected so far changes.
    assert waiting is not None and waiting.status is TaskStatus.IN_PROGRESS
    assert waiting.output_data == {"a": {"e": 1}}
    end(wf, "b", TaskStatus.COMPLETED)
    result = await run(wf, join)
    assert result is not None and result.status is TaskStatus.FAILED
    assert result.reason_for_incompletion == "soft"


async def test_an_optional_branch_completed_with_errors_marks_the_join() -> None:
    wf, join = forked(branch("a", optional=True), branch("b"))
    failed_a = end(wf, "a", TaskStatus.COMPLETED_WITH_ERRORS)
    end(wf, "b", TaskStatus.COMPLETED, {"ok": True})
    result = await run(wf, join)
    assert result is not None
    assert result.status is TaskStatus.COMPLETED_WITH_ERRORS
    assert result.reason_for_incompletion == f"a/{failed_a.task_id} completed with errors"
    assert result.output_data == {"b": {"ok": True}}


async def test_branches_canceled_cancel_the_join() -> None:
    wf, join = forked(branch("a"), branch("b"))
    end(wf, "a", TaskStatus.CANCELED, reason_for_incompletion="stopped")
    end(wf, "b", TaskStatus.CANCELED, reason_for_incompletion="stopped")
    result = await run(wf, join)
    assert result is not None
    assert result.status is TaskStatus.CANCELED
    assert result.reason_for_incompletion == "stopped stopped"


async def test_a_retried_branch_is_pending_again_for_the_join() -> None:
    wf, join = forked(branch("a"), branch("b"))
    failed_a = end(wf, "a", TaskStatus.FAILED)
    assert index_of(wf).join_state(join.task_id) == (1, 1)
    retry = msgspec.structs.replace(
        failed_a, task_id="a-retry", status=TaskStatus.SCHEDULED, seq=10, retry_count=1, end_time=0
    )
    replace_task(wf, retry)  # the newest task of the reference is running again
    assert index_of(wf).join_state(join.task_id) == (2, 0)
    assert await run(wf, join) is None


async def test_the_pending_fast_path_reads_no_branch(monkeypatch: pytest.MonkeyPatch) -> None:
    """While branches run and none failed, the JOIN answers from the index's counts: the cost
    of an update stays the same for a fan-out of 1,000 (docs/engine.md §8)."""
    wf, join = forked(*(branch(f"b{i}") for i in range(1000)))
    for i in range(999):
        end(wf, f"b{i}", TaskStatus.COMPLETED, {"i": i})
    assert index_of(wf).join_state(join.task_id) == (1, 0)

    def no_scan(self: Workflow, ref: str) -> Task | None:
        raise AssertionError(f"the JOIN looked up branch {ref}")

    with monkeypatch.context() as patch:
        patch.setattr(Workflow, "task_by_ref", no_scan)
        assert await run(wf, join) is None

    end(wf, "b999", TaskStatus.COMPLETED, {"i": 999})
    done = await run(wf, join)
    assert done is not None and done.status is TaskStatus.COMPLETED
    assert len(done.output_data) == 1000 and done.output_data["b999"] == {"i": 999}


def test_join_state_equals_a_scan_of_the_branches() -> None:
    wf, join = forked(*(branch(f"b{i}") for i in range(6)))
    outcomes = [TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.IN_PROGRESS, TaskStatus.TIMED_OUT]
    for i, status in enumerate(outcomes):
        end(wf, f"b{i}", status)
        branches = [wf.task_by_ref(f"b{k}") for k in range(6)]
        pending = sum(1 for b in branches if b is not None and not b.status.is_terminal)
        failed = sum(
            1 for b in branches if b is not None and b.status.is_terminal and not b.status.is_successful
        )
        assert index_of(wf).join_state(join.task_id) == (pending, failed)
