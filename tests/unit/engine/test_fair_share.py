"""Small workflows first (engine/fair_share.py): a large workflow's operation waits at its
checkpoints while small workflows' operations are in flight, never longer than `max_wait`."""

from __future__ import annotations

import asyncio

from conductor.server.engine.fair_share import FairShare


async def spin(turns: int = 20) -> None:
    """Give every ready callback its turns (no wall-clock wait)."""
    for _ in range(turns):
        await asyncio.sleep(0)


async def test_nothing_in_flight_means_no_wait() -> None:
    fair = FairShare(max_wait=60)
    await asyncio.wait_for(fair.yield_to_small(), 5)


async def test_a_large_operation_waits_until_the_small_ones_end() -> None:
    fair = FairShare(max_wait=60)
    fair.begin_small()
    fair.begin_small()
    waiting = asyncio.create_task(fair.yield_to_small())
    await spin()
    assert not waiting.done()
    fair.end_small()
    await spin()
    assert not waiting.done()  # one small operation is still in flight
    fair.end_small()
    await asyncio.wait_for(waiting, 5)


async def test_the_wait_is_bounded_so_a_large_workflow_cannot_starve() -> None:
    fair = FairShare(max_wait=0.01)
    fair.begin_small()
    await asyncio.wait_for(fair.yield_to_small(), 5)
    fair.end_small()


def test_large_is_counted_in_tasks() -> None:
    fair = FairShare(large_tasks=1000)
    assert not fair.is_large(999)
    assert fair.is_large(1000)


class FakeTime:
    """The pacing's clock and sleep: sleeping moves the clock, and is recorded."""

    def __init__(self) -> None:
        self.t = 100.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.t += seconds


def paced(clock: FakeTime) -> FairShare:
    # max_wait=0: the checkpoint wait (real loop time) is not what these tests look at.
    return FairShare(max_wait=0, ratio=2.0, window=0.05, max_pause=0.02, now=clock.now, sleep=clock.sleep)


async def test_a_large_workflow_alone_is_never_paced() -> None:
    clock = FakeTime()
    fair = paced(clock)
    for _ in range(3):
        began = await fair.large_turn()
        clock.t += 0.004  # the operation's work
        fair.large_done(began)
    assert clock.slept == []


async def test_while_small_workflows_are_active_large_operations_are_paced() -> None:
    clock = FakeTime()
    fair = paced(clock)
    fair.begin_small()
    fair.end_small()  # a small operation just ended: small workflows are active for 50 ms
    began = await fair.large_turn()
    assert clock.slept == []  # nothing to pace against yet
    clock.t += 0.004
    fair.large_done(began)
    # The next one starts twice the previous one's duration after it ended.
    began = await fair.large_turn()
    assert clock.slept == [0.008]
    clock.t += 0.015
    fair.large_done(began)
    fair.begin_small()  # still active (in flight), and the pause is capped at max_pause
    await fair.large_turn()
    assert clock.slept == [0.008, 0.02]
    fair.end_small()


async def test_pacing_stops_once_small_workflows_are_quiet() -> None:
    clock = FakeTime()
    fair = paced(clock)
    fair.begin_small()
    fair.end_small()
    began = await fair.large_turn()
    clock.t += 0.004
    fair.large_done(began)
    clock.t += 0.06  # no small operation for longer than the window
    await fair.large_turn()
    assert clock.slept == []
