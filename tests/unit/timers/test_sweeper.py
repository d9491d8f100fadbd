"""The sweeper sleeps until something is due; a poke for a past instant must not make it spin."""

from __future__ import annotations

import asyncio
from typing import Any

from conductor.server.clock import SystemClock
from conductor.server.timers.sweeper import Sweeper


class _QuietDatabase:
    """Nothing is ever due; counts how often the sweeper looks."""

    shared = False

    def __init__(self) -> None:
        self.leases = 0
        self.reads = 0

    async def write(self, job: Any) -> Any:
        self.leases += 1
        await asyncio.sleep(0)  # a real database answers from another thread: the loop runs on
        return []

    async def read(self, job: Any) -> Any:
        self.reads += 1
        await asyncio.sleep(0)
        return None


async def test_a_poke_in_the_past_is_used_once() -> None:
    db = _QuietDatabase()
    clock = SystemClock()
    sweeper = Sweeper(db, runner=None, clock=clock)  # type: ignore[arg-type]
    sweeper.start()
    try:
        sweeper.poke(clock.now_ms() - 1000)  # e.g. a workflow's next check that has just passed
        await asyncio.sleep(0.3)  # an observation window: a spinning sweeper makes thousands of passes
    finally:
        await sweeper.stop()
    assert db.leases <= 4, f"the sweeper made {db.leases} passes in 0.3 s with nothing due"
