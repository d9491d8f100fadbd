"""Small workflows first: operations on a large workflow yield while small ones are active.

One event loop serves every workflow. A 10,000-branch fan-out keeps it busy with one update
after another (its updates queue on the workflow's lock, so one is always running), and each
await of a small workflow's operation (its database commit, its response) lines up behind a
piece of that work: a 5-step chain took three times as long next to a fan-out as on an idle
server. So, while small workflows are active (an operation in flight, or one ended in the last
`window` seconds), a large workflow's operation

- waits at its checkpoints while small operations are in flight, at most `max_wait` each time;
- and is paced: it starts no sooner than `ratio` times the previous large operation's duration
  after that one ended (at most `max_pause`), so large workflows get at least 1 / (1 + ratio)
  of the engine's time and the loop keeps room to answer small ones at once.

Neither applies when no small workflow is active: a fan-out alone runs at full speed
(docs/engine.md §8).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Final

#: A workflow with at least this many tasks yields to small ones.
DEFAULT_LARGE_TASKS: Final = 1000
#: The longest a large workflow's operation waits at one checkpoint.
DEFAULT_MAX_WAIT_SECONDS: Final = 0.005
#: While small workflows are active, a large operation's pause is this many times the previous
#: one's duration: 2 leaves large workflows a third of the engine's time. Measured with
#: `bench/large_workflow_bench.py --sizes 10000 --fairness` (5-step chain p50 next to the
#: fan-out / idle; the fan-out's time while the chains run), quiet machine: 1.44-1.54x, 42-45 s
#: with 2; 1.63-1.77x, 27-29 s with 1; 1.81-1.82x, 20 s without pacing (alone: 14 s). With other
#: load on the machine, 1.62-1.65x with 2, up to 1.99x with 1 and 2.39x without.
DEFAULT_RATIO: Final = 2.0
#: Small workflows count as active this long after their last operation ended.
DEFAULT_WINDOW_SECONDS: Final = 0.05
#: The longest pause before one large operation.
DEFAULT_MAX_PAUSE_SECONDS: Final = 0.02


class FairShare:
    def __init__(
        self,
        large_tasks: int = DEFAULT_LARGE_TASKS,
        max_wait: float = DEFAULT_MAX_WAIT_SECONDS,
        *,
        ratio: float = DEFAULT_RATIO,
        window: float = DEFAULT_WINDOW_SECONDS,
        max_pause: float = DEFAULT_MAX_PAUSE_SECONDS,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.large_tasks = large_tasks
        self.max_wait = max_wait
        self.ratio = ratio
        self.window = window
        self.max_pause = max_pause
        self._now = now
        self._sleep = sleep
        self._small_in_flight = 0
        self._waiters: list[asyncio.Future[None]] = []
        self._last_small_end = float("-inf")
        # When the next large operation may start (pacing), on the `now` clock.
        self._next_large = float("-inf")

    def small_active(self) -> bool:
        return self._small_in_flight > 0 or self._now() - self._last_small_end < self.window

    async def large_turn(self) -> float:
        """A large workflow's operation begins: wait for its turn; returns when it began."""
        await self.yield_to_small()
        if self.small_active():
            pause = min(self._next_large - self._now(), self.max_pause)
            if pause > 0:
                await self._sleep(pause)
        return self._now()

    def large_done(self, began: float) -> None:
        """A large workflow's operation (begun at `began`) committed: pace the next one."""
        now = self._now()
        if self.small_active():
            self._next_large = now + (now - began) * self.ratio

    def is_large(self, task_count: int) -> bool:
        return task_count >= self.large_tasks

    @property
    def small_in_flight(self) -> int:
        return self._small_in_flight

    def begin_small(self) -> None:
        self._small_in_flight += 1

    def end_small(self) -> None:
        self._last_small_end = self._now()
        self._small_in_flight -= 1
        if not self._small_in_flight:
            self._wake_all()

    async def yield_to_small(self) -> None:
        """A large workflow's checkpoint: wait while small operations are in flight (bounded)."""
        if not self._small_in_flight:
            return
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.append(waiter)
        timer = loop.call_later(self.max_wait, _wake, waiter)
        try:
            await waiter
        finally:
            timer.cancel()
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def _wake_all(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            _wake(waiter)


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
