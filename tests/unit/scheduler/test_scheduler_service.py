"""SchedulerService with a FakeClock: catch-up, windows, pause/resume and the firing loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conductor.server.bootstrap import Components, build
from conductor.server.clock import FakeClock
from conductor.server.config import Settings
from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.errors import ValidationFailed
from conductor.server.domain.schedules import WorkflowSchedule
from conductor.server.services.scheduler import SchedulerLoop, SchedulerService

HOUR = 3_600_000
T0 = int(datetime(2030, 1, 1, tzinfo=UTC).timestamp() * 1000)  # a whole hour


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[tuple[SchedulerService, FakeClock, Components]]:
    clock = FakeClock(T0 - 1000)
    # No startup(): no background loops, every fire in these tests is explicit.
    components = build(Settings(db_url=f"sqlite:///{tmp_path / 'c.db'}"), clock=clock)
    wf = msgspec.convert(
        {"name": "wf", "version": 1, "tasks": [{"name": "t", "taskReferenceName": "t", "type": "WAIT"}]},
        WorkflowDef,
    )
    await components.services.metadata.register_workflow_def(wf, overwrite=True)
    scheduler = components.services.scheduler
    assert scheduler is not None
    try:
        yield scheduler, clock, components
    finally:
        components.db.close()


def hourly(name: str = "s", **fields: Any) -> WorkflowSchedule:
    return msgspec.convert(
        {"name": name, "cronExpression": "0 0 * * * *", "startWorkflowRequest": {"name": "wf"}, **fields},
        WorkflowSchedule,
    )


async def scheduled_times(svc: SchedulerService, name: str = "s") -> list[int]:
    found = await svc.executions(name, None, 0, 100)
    return sorted(e.scheduled_time for e in found.results if e.state == "EXECUTED")


async def test_fires_each_hour_once(env: Any) -> None:
    svc, clock, _ = env
    saved = await svc.save(hourly())
    assert saved.next_run_time == T0
    assert await svc.fire_due() == 0  # not yet
    clock.advance(1.5)
    await svc.fire_due()
    await svc.fire_due()
    assert await scheduled_times(svc) == [T0]
    assert (await svc.get("s")).next_run_time == T0 + HOUR
    clock.advance(3600)
    await svc.fire_due()
    assert await scheduled_times(svc) == [T0, T0 + HOUR]


async def test_catch_up_runs_every_missed_instant_in_order(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly(runCatchupScheduleInstances=True))
    clock.advance(3 * 3600 + 60)  # down for three hours
    while await svc.fire_due():
        pass
    assert await scheduled_times(svc) == [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]
    found = (await svc.executions("s", None, 0, 100)).results
    assert all(e.execution_time == clock.now_ms() for e in found)
    assert (await svc.get("s")).next_run_time == T0 + 4 * HOUR


async def test_without_catch_up_missed_instants_are_skipped(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly())
    clock.advance(3 * 3600 + 600)  # the latest instant was 10 minutes ago: too late
    while await svc.fire_due():
        pass
    assert await scheduled_times(svc) == []
    assert (await svc.get("s")).next_run_time == T0 + 4 * HOUR
    clock.advance(3600 - 598)  # one second past the next instant
    await svc.fire_due()
    assert await scheduled_times(svc) == [T0 + 4 * HOUR]


async def test_without_catch_up_a_slightly_late_fire_happens_once(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly())
    clock.advance(2 * 3600 + 30)  # two instants missed, the latest only 30 s ago
    while await svc.fire_due():
        pass
    assert await scheduled_times(svc) == [T0 + 2 * HOUR]
    assert (await svc.get("s")).next_run_time == T0 + 3 * HOUR


async def test_window_bounds_the_fires(env: Any) -> None:
    svc, clock, _ = env
    saved = await svc.save(hourly(scheduleStartTime=T0 + HOUR, scheduleEndTime=T0 + 2 * HOUR))
    assert saved.next_run_time == T0 + HOUR
    clock.advance(1)  # on each instant's second from here on
    for _ in range(4):
        clock.advance(3600)
        await svc.fire_due()
    assert await scheduled_times(svc) == [T0 + HOUR, T0 + 2 * HOUR]
    assert (await svc.get("s")).next_run_time is None


async def test_window_in_the_past_never_fires(env: Any) -> None:
    svc, _, _ = env
    saved = await svc.save(hourly(scheduleStartTime=T0 - 5 * HOUR, scheduleEndTime=T0 - 4 * HOUR))
    assert saved.next_run_time is None


async def test_pause_and_resume(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly())
    await svc.pause("s", "maintenance")
    clock.advance(2 * 3600)
    await svc.fire_due()
    assert await scheduled_times(svc) == []
    await svc.resume("s")  # no catch-up: the next instant after now
    assert (await svc.get("s")).next_run_time == T0 + 2 * HOUR
    clock.advance(1)
    await svc.fire_due()
    assert await scheduled_times(svc) == [T0 + 2 * HOUR]


async def test_resume_with_catch_up_keeps_missed_instants(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly(runCatchupScheduleInstances=True))
    await svc.pause("s")
    clock.advance(3600 + 10)
    await svc.resume("s")
    while await svc.fire_due():
        pass
    assert await scheduled_times(svc) == [T0, T0 + HOUR]


async def test_saved_paused_does_not_fire(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly(paused=True))
    clock.advance(3600)
    assert await svc.fire_due() == 0


async def test_bad_schedules_are_refused_with_their_field(env: Any) -> None:
    svc, _, _ = env
    cases = {
        "cronExpression": hourly(cronExpression="0 0 * * *"),
        "zoneId": hourly(zoneId="Nowhere/Land"),
        "startWorkflowRequest.name": hourly(startWorkflowRequest={"name": "missing"}),
        "scheduleEndTime": hourly(scheduleStartTime=T0 + HOUR, scheduleEndTime=T0),
    }
    for field, schedule in cases.items():
        with pytest.raises(ValidationFailed) as failed:
            await svc.save(schedule)
        assert [v.path for v in failed.value.violations] == [field]
    assert await svc.all() == []


async def test_zone_is_used_for_the_next_run(env: Any) -> None:
    svc, _, _ = env
    saved = await svc.save(hourly(cronExpression="0 0 9 * * *", zoneId="America/New_York"))
    assert saved.next_run_time == int(datetime(2030, 1, 1, 14, tzinfo=UTC).timestamp() * 1000)


async def test_two_passes_racing_fire_once(env: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly())
    clock.advance(2)
    await asyncio.gather(svc.fire_due(), svc.fire_due(), svc.fire_due())
    assert await scheduled_times(svc) == [T0]
    running = await svc.db.read(lambda tx: tx.running_workflow_ids("wf", None))
    assert len(running) == 1


async def test_loop_fires_without_being_asked(env: Any, eventually: Any) -> None:
    svc, clock, _ = env
    await svc.save(hourly())
    clock.advance(2)
    loop = SchedulerLoop(svc, shared=False)
    loop.start()
    try:
        assert await eventually(lambda: scheduled_times(svc), within=5)
    finally:
        await loop.stop()
