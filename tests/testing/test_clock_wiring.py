"""The server's timers read the injected clock and wake when a FakeClock jumps: the sweeper,
long-poll wake-ups of delayed messages, "known empty" marks (docs/testing.md §2,
docs/engine.md §5.7)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import helpers
from conductor.server.clock import FakeClock, SystemClock, watch
from conductor.server.queue.wakeup import QueueSignals
from conductor.server.timers.sweeper import Sweeper

MINUTE_MS = 60_000


def test_a_fake_clock_tells_its_listeners_about_forward_moves_only() -> None:
    clock = FakeClock(1_000)
    seen: list[int] = []
    unwatch = watch(clock, seen.append)
    clock.advance(2)
    clock.set_ms(500)  # backwards: ignored
    clock.set_ms(3_000)  # no move: not announced
    clock.advance_ms(7)
    unwatch()
    clock.advance(1)
    assert seen == [3_000, 3_007]
    assert clock.now_ms() == 4_007
    watch(SystemClock(), seen.append)()  # a system clock never jumps: subscribing is a no-op


class _TimerDatabase:
    """One workflow timer due at `due`; leases it once the clock says so."""

    shared = False

    def __init__(self, due: int) -> None:
        self.due = due
        self.leased_at: list[int] = []
        self.sleeping = asyncio.Event()

    async def write(self, job: Any) -> Any:
        return job(self)

    async def read(self, job: Any) -> Any:
        self.sleeping.set()  # the sweeper asks for the next delivery right before it sleeps
        return job(self)

    def lease(self, queue: str, count: int, now: int, until: int) -> list[str]:
        if now >= self.due and not self.leased_at:
            self.leased_at.append(now)
            return ["wf-1"]
        return []

    def next_delivery(self, queue: str) -> int | None:
        return None if self.leased_at else self.due


class _Runner:
    def __init__(self) -> None:
        self.decided: list[str] = []

    async def decide(self, workflow_id: str) -> None:
        self.decided.append(workflow_id)


async def _until(predicate: Any, within: float = 5.0) -> None:
    await helpers.eventually(predicate, within=within, interval=0.005)


async def test_the_sweeper_wakes_when_the_clock_jumps_past_a_timer() -> None:
    clock = FakeClock(0)
    db = _TimerDatabase(due=24 * 60 * MINUTE_MS)  # a day ahead: an hour-long real sleep
    runner = _Runner()
    sweeper = Sweeper(db, runner, clock)  # type: ignore[arg-type]
    sweeper.start()
    try:
        await asyncio.wait_for(db.sleeping.wait(), 5)
        assert runner.decided == []
        clock.advance(24 * 3600)
        await _until(lambda: runner.decided == ["wf-1"])
        assert db.leased_at == [24 * 60 * MINUTE_MS]
    finally:
        await sweeper.stop()


async def test_a_delayed_message_wakes_its_long_poll_when_the_clock_passes_it() -> None:
    clock = FakeClock(0)
    signals = QueueSignals(clock=clock)
    try:
        signals.notify_at("charge", 10 * MINUTE_MS)  # a retry 10 minutes from now
        waiting = asyncio.get_running_loop().create_task(signals.wait("charge", 5.0))
        await asyncio.sleep(0)
        clock.advance(9 * 60)
        for _ in range(5):  # let the loop run the hand-over of the clock move
            await asyncio.sleep(0)
        assert not waiting.done(), "woken before the message is visible"
        started = time.monotonic()
        clock.advance(60)
        assert await asyncio.wait_for(waiting, 5) is True
        assert time.monotonic() - started < 1.0
    finally:
        signals.close()


async def test_a_clock_jump_drops_the_known_empty_marks() -> None:
    clock = FakeClock(0)
    signals = QueueSignals(clock=clock)
    try:
        signals.mark_empty("charge", signals.generation("charge"))
        assert signals.known_empty("charge")
        clock.advance(600)
        await _until(lambda: not signals.known_empty("charge"))
    finally:
        signals.close()
