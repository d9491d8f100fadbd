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
