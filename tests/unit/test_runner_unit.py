"""WorkflowRunner without HTTP: create / run / decide against an in-memory SQLite database and a
FakeClock (engine/runner.py; docs/architecture.md "Life of a task update").

What a service's `mutate` changes is decided and committed in one transaction: the next task,
its queue message, the workflow's timer; long-polls of the queue are woken after the commit; a
heartbeat is committed without a decision; a lost compare-and-set reloads and re-applies the
mutation.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import msgspec
import pytest

from conductor.server.clock import FakeClock
from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.errors import ConcurrentModification, Transient
from conductor.server.domain.execution import Workflow
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.engine import runner as runner_module
from conductor.server.engine.runner import Changes, WorkflowRunner
from conductor.server.persistence.database import Database, open_database
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.queue.names import DECIDER_QUEUE, queue_name
from conductor.server.queue.wakeup import QueueSignals
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.join import Join
from conductor.server.systasks.registry import SystemTaskRegistry

START = 1_700_000_000_000


class RecordingSignals(QueueSignals):
    """The real wake-ups, recording which queues a commit woke."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(track_empty=True, clock=clock)
        self.woken: list[str] = []

    def notify(self, queue: str, count: int = 1) -> None:
        self.woken.append(queue)
        super().notify(queue, count)


@dataclass
class Engine:
    db: Database
    clock: FakeClock
    signals: RecordingSignals
    runner: WorkflowRunner

    def other_runner(self) -> WorkflowRunner:
        """A second runner on the same database: another writer, with its own cache."""
        return make_runner(self.db, self.clock, RecordingSignals(self.clock))

    async def stored(self, workflow_id: str) -> tuple[Workflow, int]:
        loaded = await self.db.read(lambda tx: tx.get_workflow(workflow_id))
        assert loaded is not None
        return loaded

    async def queue(self, task_type: str) -> list[str]:
        """Message ids due now on the task type's queue (taking them, like a poll)."""
        now = self.clock.now_ms()
        return await self.db.write(lambda tx: tx.pop(queue_name(task_type), 10, now))

    async def timer(self, workflow_id: str) -> int | None:
        def job(tx: SqlTx) -> int | None:
            rows = tx._rows(
                "SELECT deliver_on FROM queue_message WHERE queue_name = ? AND message_id = ?",
                (DECIDER_QUEUE, workflow_id),
            )
            return int(rows[0][0]) if rows else None

        return await self.db.read(job)


def make_runner(db: Database, clock: FakeClock, signals: QueueSignals) -> WorkflowRunner:
    systasks = SystemTaskRegistry()
    systasks.register(Join())
    return WorkflowRunner(db, clock, signals, systasks, SystemTaskContext(clock=clock))


@pytest.fixture
async def engine() -> AsyncIterator[Engine]:
    clock = FakeClock(START)
    db = open_database("sqlite:///:memory:")
    signals = RecordingSignals(clock)
    try:
        yield Engine(db, clock, signals, make_runner(db, clock, signals))
    finally:
        db.close()


def node(ref: str, response_timeout: int = 600) -> WorkflowTask:
    td = TaskDef(name=ref, retry_count=0, retry_delay_seconds=0, response_timeout_seconds=response_timeout)
    return WorkflowTask(name=ref, task_reference_name=ref, type="SIMPLE", task_definition=td)


def new_workflow(clock: FakeClock, *nodes: WorkflowTask) -> Workflow:
    now = clock.now_ms()
    definition = WorkflowDef(name="wf", version=1, tasks=list(nodes))
    return Workflow(
        workflow_id=str(uuid.uuid4()),
        workflow_definition=definition,
        workflow_name="wf",
        workflow_version=1,
        status=WorkflowStatus.RUNNING,
        create_time=now,
        start_time=now,
        update_time=now,
        input={"n": 1},
    )


def finish(ref: str, output: dict[str, Any], status: TaskStatus = TaskStatus.COMPLETED) -> Any:
    """A service-style `mutate`: the worker's result for the task `ref`."""

    def mutate(wf: Workflow, changes: Changes) -> str:
        task = wf.task_by_ref(ref)
        assert task is not None
        changes.put(msgspec.structs.replace(task, status=status, output_data=output, end_time=wf.update_time))
        return task.task_id

    return mutate


def refs(wf: Workflow) -> list[tuple[str, str]]:
    return [(t.reference_task_name, t.status.value) for t in sorted(wf.tasks, key=lambda t: t.seq)]


async def test_create_commits_the_first_task_its_queue_message_and_the_workflow_timer(engine: Engine) -> None:
    wf = new_workflow(engine.clock, node("a", response_timeout=600), node("b"))
    await engine.runner.create(wf)

    stored, rev = await engine.stored(wf.workflow_id)
    assert rev == 1
    assert refs(stored) == [("a", "SCHEDULED")]
    assert stored.tasks[0].input_data == {} and stored.tasks[0].scheduled_time == START
    assert engine.signals.woken == ["a"]
    assert await engine.queue("a") == [stored.tasks[0].task_id]
    # Nothing is due before the idle re-check: the timer is an hour out (runner.next_check).
    timer = await engine.timer(wf.workflow_id)
    assert timer is not None and timer > START + 600_000


async def test_a_completion_schedules_the_next_task_and_pushes_its_message(engine: Engine) -> None:
    wf = new_workflow(engine.clock, node("a"), node("b"))
    await engine.runner.create(wf)
    await engine.queue("a")
    engine.signals.woken.clear()
    engine.clock.advance(5)

    done_id = await engine.runner.run(wf.workflow_id, finish("a", {"x": 42}))

    stored, rev = await engine.stored(wf.workflow_id)
    assert rev == 2
    assert refs(stored) == [("a", "COMPLETED"), ("b", "SCHEDULED")]
    b = stored.task_by_ref("b")
    assert b is not None and b.scheduled_time == START + 5_000
    assert stored.task_by_ref("a").task_id == done_id  # type: ignore[union-attr]
    assert await engine.queue("b") == [b.task_id]
    assert await engine.queue("a") == []  # the ended task's message is gone
    assert engine.signals.woken == ["b"]
    assert stored.update_time == START + 5_000


async def test_the_last_completion_completes_the_workflow_and_clears_its_timer(engine: Engine) -> None:
    wf = new_workflow(engine.clock, node("a"))
    await engine.runner.create(wf)
    await engine.runner.run(wf.workflow_id, finish("a", {"r": 1}))
    stored, _ = await engine.stored(wf.workflow_id)
    assert stored.status is WorkflowStatus.COMPLETED
    assert stored.output == {"r": 1}
    assert await engine.timer(wf.workflow_id) is None


async def test_a_heartbeat_is_committed_without_a_decision(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    wf = new_workflow(engine.clock, node("a"), node("b"))
    await engine.runner.create(wf)
    decisions: list[str] = []
    real_decide = runner_module.decide

    def counting(workflow: Workflow, *args: Any, **kw: Any) -> Any:
        decisions.append(workflow.workflow_id)
        return real_decide(workflow, *args, **kw)

    monkeypatch.setattr(runner_module, "decide", counting)
    engine.clock.advance(3)

    def heartbeat(wf_: Workflow, changes: Changes) -> None:
        task = wf_.task_by_ref("a")
        assert task is not None
        changes.put(msgspec.structs.replace(task, status=TaskStatus.IN_PROGRESS, update_time=START + 3_000))
        changes.decide = False

    await engine.runner.run(wf.workflow_id, heartbeat)
    assert decisions == []
    stored, rev = await engine.stored(wf.workflow_id)
    assert rev == 2
    assert refs(stored) == [("a", "IN_PROGRESS")]
    assert stored.tasks[0].update_time == START + 3_000

    await engine.runner.run(wf.workflow_id, finish("a", {}))  # a real result does decide
    assert decisions and set(decisions) == {wf.workflow_id}


async def test_a_skipped_change_writes_nothing(engine: Engine) -> None:
    wf = new_workflow(engine.clock, node("a"))
    await engine.runner.create(wf)

    def noop(wf_: Workflow, changes: Changes) -> str:
        changes.skip = True
        return "unchanged"

    assert await engine.runner.run(wf.workflow_id, noop) == "unchanged"
    assert (await engine.stored(wf.workflow_id))[1] == 1


async def test_decide_acts_on_a_deadline_when_the_clock_reaches_it(engine: Engine) -> None:
    wf = new_workflow(engine.clock, node("a", response_timeout=10))
    await engine.runner.create(wf)

    def claimed(wf_: Workflow, changes: Changes) -> None:  # what a poll's claim records
        task = wf_.tasks[0]
        now = engine.clock.now_ms()
        changes.put(
            msgspec.structs.replace(task, status=TaskStatus.IN_PROGRESS, start_time=now, update_time=now)
        )

    await engine.runner.run(wf.workflow_id, claimed)
    assert await engine.timer(wf.workflow_id) == START + 10_000 + 1  # the response deadline
    engine.clock.advance(9)
    decided = await engine.runner.decide(wf.workflow_id)
    assert decided is not None and decided.status is WorkflowStatus.RUNNING
    engine.clock.advance(2)
    decided = await engine.runner.decide(wf.workflow_id)
    assert decided is not None
    assert decided.status is WorkflowStatus.TIMED_OUT
    assert refs(decided) == [("a", "TIMED_OUT")]


async def test_decide_of_a_removed_workflow_drops_its_timer(engine: Engine) -> None:
    await engine.db.write(lambda tx: tx.push(DECIDER_QUEUE, "gone", 0, START, START))
    assert await engine.runner.decide("gone") is None
    assert await engine.timer("gone") is None


async def test_a_lost_compare_and_set_reloads_and_applies_the_change_again(engine: Engine) -> None:
    """Two writers: this runner's cached copy is stale after the other one commits, so its
    commit loses the revision race (ConcurrentModification), reloads and re-applies `mutate`."""
    wf = new_workflow(engine.clock, node("a"), node("b"))
    fork = WorkflowTask(
        name="fork", task_reference_name="fork", type="FORK_JOIN", fork_tasks=[[node("a")], [node("b")]]
    )
    join = WorkflowTask(name="join", task_reference_name="join", type="JOIN", join_on=["a", "b"])
    wf.workflow_definition = WorkflowDef(name="wf", version=1, tasks=[fork, join, node("after")])
    await engine.runner.create(wf)  # this runner now caches revision 1
    other = engine.other_runner()
    await other.run(wf.workflow_id, finish("a", {"from": "other"}))  # revision 2

    calls: list[int] = []
    mutate_b = finish("b", {"from": "this"})

    def counted(wf_: Workflow, changes: Changes) -> str:
        calls.append(len(calls))
        return str(mutate_b(wf_, changes))

    await engine.runner.run(wf.workflow_id, counted)
    assert len(calls) == 2  # the stale attempt and the one after the reload
    stored, rev = await engine.stored(wf.workflow_id)
    assert rev == 3
    assert refs(stored) == [
        ("fork", "COMPLETED"),
        ("a", "COMPLETED"),
        ("b", "COMPLETED"),
        ("join", "COMPLETED"),
        ("after", "SCHEDULED"),
    ]
    join_task = stored.task_by_ref("join")
    assert join_task is not None and join_task.output_data == {"a": {"from": "other"}, "b": {"from": "this"}}


async def test_a_workflow_that_keeps_changing_under_the_runner_is_a_transient_error(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    wf = new_workflow(engine.clock, node("a"))
    await engine.runner.create(wf)
    attempts: list[int] = []

    async def always_stale(*args: Any) -> int:
        attempts.append(1)
        raise ConcurrentModification()

    monkeypatch.setattr(engine.runner, "_commit", always_stale)
    with pytest.raises(
        Transient, match=f"Workflow {wf.workflow_id} is being updated concurrently, try again"
    ):
        await engine.runner.run(wf.workflow_id, finish("a", {}))
    assert len(attempts) == 8
    monkeypatch.undo()
    stored, rev = await engine.stored(wf.workflow_id)
    assert rev == 1 and refs(stored) == [("a", "SCHEDULED")]  # nothing was half-written


async def test_a_large_workflow_s_update_waits_while_a_small_one_is_in_flight(engine: Engine) -> None:
    """engine/fair_share.py through the runner: the update of a workflow at or above the size
    threshold commits only once the small workflow's operation has ended."""
    import asyncio

    fair = engine.runner.fair
    fair.large_tasks = 2
    fair.max_wait = 60  # only the end of the small operation can let it through
    wf = new_workflow(engine.clock, node("a"), node("b"), node("c"))
    await engine.runner.create(wf)
    await engine.runner.run(wf.workflow_id, finish("a", {}))  # two tasks now: large
    fair.begin_small()
    update = asyncio.create_task(engine.runner.run(wf.workflow_id, finish("b", {})))
    for _ in range(50):
        await asyncio.sleep(0)
    assert not update.done()
    stored, _ = await engine.stored(wf.workflow_id)
    assert ("b", "SCHEDULED") in refs(stored)
    fair.end_small()
    await asyncio.wait_for(update, 5)
    stored, _ = await engine.stored(wf.workflow_id)
    assert ("b", "COMPLETED") in refs(stored)


async def test_a_small_workflow_s_operation_is_counted_only_while_in_flight(engine: Engine) -> None:
    fair = engine.runner.fair
    wf = new_workflow(engine.clock, node("a"), node("b"))
    await engine.runner.create(wf)

    def fail(_wf: Workflow, _changes: Changes) -> None:
        raise ValueError("the caller's own error")

    with pytest.raises(ValueError):
        await engine.runner.run(wf.workflow_id, fail)
    assert fair.small_in_flight == 0
    await engine.runner.run(wf.workflow_id, finish("a", {}))
    assert fair.small_in_flight == 0
