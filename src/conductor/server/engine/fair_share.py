"""Small workflows first: operations on a large workflow yield while small ones are in flight.

One event loop serves every workflow. A 10,000-branch fan-out keeps it busy with one update
after another (its updates queue on the workflow's lock, so one is always running), and each
await of a small workflow's operation (its database commit, its response) lined up behind a
piece of that work: a 5-step chain took three times as long next to a fan-out as on an idle
server. A large workflow's operation therefore pauses at its checkpoints while operations on
small workflows are in flight, for at most `max_wait` each time so it cannot starve: the large
workflow slows down a little, the small ones keep their latency (docs/engine.md §8).
"""

from __future__ import annotations

import asyncio
from typing import Final

#: A workflow with at least this many tasks yields to small ones.
DEFAULT_LARGE_TASKS: Final = 1000
#: The longest a large workflow's operation waits at one checkpoint.
DEFAULT_MAX_WAIT_SECONDS: Final = 0.005


class FairShare:
    def __init__(
        self, large_tasks: int = DEFAULT_LARGE_TASKS, max_wait: float = DEFAULT_MAX_WAIT_SECONDS
    ) -> None:
        self.large_tasks = large_tasks
        self.max_wait = max_wait
        self._small_in_flight = 0
        self._waiters: list[asyncio.Future[None]] = []

    def is_large(self, task_count: int) -> bool:
        return task_count >= self.large_tasks

    @property
    def small_in_flight(self) -> int:
        return self._small_in_flight

    def begin_small(self) -> None:
        self._small_in_flight += 1

    def end_small(self) -> None:
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
