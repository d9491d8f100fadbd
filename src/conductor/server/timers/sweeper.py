"""The timer loop: re-decides workflows whose next check (timeout, wait, retry) has come due.

Each running workflow has one message in `_deciderQueue` whose delivery time is the earliest
moment a decide could change it without any outside event. The sweeper sleeps until the
earliest such time (or until poked by a commit that set an earlier one), leases the due
messages, and decides those workflows. There is no fixed-interval polling of the database on a
single node; with a shared database it also re-checks every few seconds, because other nodes
add timers it is not told about.

A clock that jumps (a test's `FakeClock`) wakes the sweeper at once (`clock.watch`), so a
deadline the jump passed is swept now, not when the real-time sleep computed before it ends.
`active` counts the sweeps in progress: the time-skipping test environment waits for it to be
zero before it moves the clock again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from conductor.server.clock import Clock, watch
from conductor.server.engine.runner import WorkflowRunner
from conductor.server.persistence.database import Database
from conductor.server.queue.names import DECIDER_QUEUE

log = logging.getLogger("conductor.server.sweeper")


class Sweeper:
    def __init__(
        self,
        db: Database,
        runner: WorkflowRunner,
        clock: Clock,
        batch: int = 64,
        lease_ms: int = 60_000,
        max_idle_s: float = 3600.0,
    ) -> None:
        self.db = db
        self.runner = runner
        self.clock = clock
        self.batch = batch
        self.lease_ms = lease_ms
        self.max_idle_s = 5.0 if db.shared else max_idle_s
        self._wake = asyncio.Event()
        self._next_ms: int | None = None
        self._stopped = False
        self._task: asyncio.Task[None] | None = None
        self._unwatch: Callable[[], None] | None = None
        # Passes in progress (a pass leases due workflows and decides them).
        self.active = 0

    def poke(self, at_ms: int) -> None:
        if self._next_ms is None or at_ms < self._next_ms:
            self._next_ms = at_ms
            self._wake.set()

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._task = loop.create_task(self.run(), name="sweeper")

        def clock_moved(now_ms: int) -> None:
            # Called on the thread that moved the clock.
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to wake
                loop.call_soon_threadsafe(self._wake.set)

        self._unwatch = watch(self.clock, clock_moved)

    async def stop(self) -> None:
        self._stopped = True
        if self._unwatch is not None:
            self._unwatch()
            self._unwatch = None
        self._wake.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def run(self) -> None:
        while not self._stopped:
            try:
                swept = await self.sweep_once()
            except Exception:
                log.exception("sweeper pass failed")
                swept = 0
                await asyncio.sleep(1.0)
            if swept:
                continue
            await self._sleep_until_due()

    async def sweep_once(self) -> int:
        self.active += 1
        try:
            return await self._sweep(self.clock.now_ms())
        finally:
            self.active -= 1

    async def _sweep(self, now: int) -> int:
        ids = await self.db.write(lambda tx: tx.lease(DECIDER_QUEUE, self.batch, now, now + self.lease_ms))
        if not ids:
            return 0
        results = await asyncio.gather(*(self.runner.decide(wid) for wid in ids), return_exceptions=True)
        for wid, result in zip(ids, results, strict=True):
            if isinstance(result, BaseException):
                log.error("sweep of workflow %s failed: %r", wid, result)
        return len(ids)

    async def _sleep_until_due(self) -> None:
        self._wake.clear()
        if self._stopped:  # stop() during the last sweep set the event we just cleared
            return
        # A poke is used once: kept past its time, it would make every later pass "due now"
        # while the database has nothing due (a hot loop).
        poked, self._next_ms = self._next_ms, None
        nxt = await self.db.read(lambda tx: tx.next_delivery(DECIDER_QUEUE))
        if poked is not None and (nxt is None or poked < nxt):
            nxt = poked
        delay = self.max_idle_s if nxt is None else (nxt - self.clock.now_ms()) / 1000
        delay = min(max(delay, 0.0), self.max_idle_s)
        if delay <= 0:
            return
        if self._next_ms is None or (nxt is not None and nxt < self._next_ms):
            self._next_ms = nxt  # the planned wake-up: only earlier pokes interrupt the wait
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), delay)
        self._next_ms = None
