"""Schedule storage (/api/scheduler) on SQLite and PostgreSQL: CRUD, due order, the claim."""

from __future__ import annotations

import asyncio

import pytest

from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.schedules import ScheduleExecution, WorkflowSchedule

pytestmark = pytest.mark.timeout(60)


def schedule(name: str, next_run: int | None, paused: bool = False) -> WorkflowSchedule:
    return WorkflowSchedule(
        name=name,
        cron_expression="0 * * * * *",
        start_workflow_request=StartWorkflowRequest(name="wf"),
        paused=paused,
        next_run_time=next_run,
    )


def test_crud_and_due_order(write, read):
    write(lambda tx: tx.upsert_schedule(schedule("b", 2_000), "wf"))
    write(lambda tx: tx.upsert_schedule(schedule("a", 1_000), "wf"))
    write(lambda tx: tx.upsert_schedule(schedule("p", 500, paused=True), "wf"))
    write(lambda tx: tx.upsert_schedule(schedule("never", None), "other"))
    assert [s.name for s in read(lambda tx: tx.list_schedules())] == ["a", "b", "never", "p"]
    assert [s.name for s in read(lambda tx: tx.list_schedules("other"))] == ["never"]
    assert [s.name for s in read(lambda tx: tx.due_schedules(2_000, 10))] == ["a", "b"]
    assert [s.name for s in read(lambda tx: tx.due_schedules(1_500, 10))] == ["a"]
    assert read(lambda tx: tx.next_schedule_time()) == 1_000
    got = read(lambda tx: tx.get_schedule("p"))
    assert got.paused is True and got.next_run_time == 500
    assert write(lambda tx: tx.delete_schedule("p")) is True
    assert write(lambda tx: tx.delete_schedule("p")) is False
    assert read(lambda tx: tx.get_schedule("p")) is None


def test_claim_is_a_compare_and_set(write, read):
    write(lambda tx: tx.upsert_schedule(schedule("s", 1_000), "wf"))
    assert write(lambda tx: tx.claim_schedule("s", 1_000, 2_000)) is True
    assert write(lambda tx: tx.claim_schedule("s", 1_000, 2_000)) is False
    assert read(lambda tx: tx.get_schedule("s")).next_run_time == 2_000
    write(lambda tx: tx.set_schedule_paused("s", True, '{"name":"s"}', None, False))
    assert read(lambda tx: tx.get_schedule("s")).next_run_time == 2_000  # kept
    assert write(lambda tx: tx.claim_schedule("s", 2_000, 3_000)) is False  # paused: never claimed
    write(lambda tx: tx.set_schedule_paused("s", False, '{"name":"s"}', 5_000, True))
    assert read(lambda tx: tx.get_schedule("s")).next_run_time == 5_000


def test_executions_newest_first_and_filtered(write, read):
    for i, state in enumerate(["EXECUTED", "FAILED", "EXECUTED"]):
        record = ScheduleExecution(
            execution_id=f"e{i}",
            schedule_name="s" if i < 2 else "t",
            scheduled_time=i,
            execution_time=10 + i,
            workflow_name="wf",
            state=state,
        )
        write(lambda tx, r=record: tx.add_schedule_execution(r))
    total, found = read(lambda tx: tx.search_schedule_executions(None, None, 0, 10))
    assert total == 3 and [e.execution_id for e in found] == ["e2", "e1", "e0"]
    total, found = read(lambda tx: tx.search_schedule_executions("s", "FAILED", 0, 10))
    assert total == 1 and found[0].execution_id == "e1"
    total, found = read(lambda tx: tx.search_schedule_executions(None, None, 1, 1))
    assert total == 3 and [e.execution_id for e in found] == ["e1"]


async def test_concurrent_claims_only_one_wins(db):
    """Several transactions claiming the same instant at once (a pool of connections on
    PostgreSQL): exactly one succeeds."""
    await db.write(lambda tx: tx.upsert_schedule(schedule("race", 1_000), "wf"))
    results = await asyncio.gather(
        *(db.write(lambda tx: tx.claim_schedule("race", 1_000, 2_000)) for _ in range(6))
    )
    assert sorted(results) == [False] * 5 + [True]


@pytest.mark.postgres
async def test_two_servers_firing_together_start_one_workflow(pg_url):
    """Two server processes' schedulers on one PostgreSQL database see the same due instant:
    one workflow, one execution record."""
    import msgspec

    from conductor.server.bootstrap import build
    from conductor.server.clock import FakeClock
    from conductor.server.config import Settings
    from conductor.server.domain.definitions import WorkflowDef

    clock = FakeClock(1_893_456_000_000 - 1_000)
    servers = [build(Settings(db_url=pg_url), clock=clock) for _ in range(2)]
    try:
        wf = msgspec.convert(
            {"name": "wf", "version": 1, "tasks": [{"name": "w", "taskReferenceName": "w", "type": "WAIT"}]},
            WorkflowDef,
        )
        await servers[0].services.metadata.register_workflow_def(wf, overwrite=True)
        schedulers = [s.services.scheduler for s in servers]
        await schedulers[0].save(
            msgspec.convert(
                {"name": "race", "cronExpression": "0 0 * * * *", "startWorkflowRequest": {"name": "wf"}},
                WorkflowSchedule,
            )
        )
        clock.advance(2)
        for _ in range(3):
            await asyncio.gather(*(s.fire_due() for s in schedulers for _ in range(2)))
        found = await schedulers[1].executions("race", None, 0, 10)
        assert [e.state for e in found.results] == ["EXECUTED"]
        running = await servers[1].db.read(lambda tx: tx.running_workflow_ids("wf", None))
        assert running == [found.results[0].workflow_id]
    finally:
        for server in servers:
            server.db.close()
