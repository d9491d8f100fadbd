"""In-process wake-ups so long-polls wait for work instead of spinning on the database.

A push wakes at most as many waiting pollers as it added messages (no thundering herd when a
thousand idle workers poll one queue); a delayed push arms a timer that wakes a poller when the
message becomes visible. Another server process's pushes are not seen here: those pollers
find the work on their next attempt, and the PostgreSQL backend bridges LISTEN/NOTIFY into
`notify()` so they do not have to wait that long.

Delivery times are on the server's `Clock`. A clock that jumps (a test's `FakeClock`) makes the
messages it passed visible at once: every armed wake-up now due fires, and the "known empty"
marks are dropped (they may hide a message that just became visible).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from conductor.server.clock import Clock, SystemClock, watch

EMPTY_MARK_TTL_S = 1.0
# Queues whose push generation / empty mark are remembered. Queue names come from clients (any
# task type a worker polls), so this state is bounded: the least recently used entries go.
MAX_TRACKED_QUEUES = 10_000


class Gone:
    """Set when a long-poll's client disconnects; wakes the poll that is waiting for work."""

    __slots__ = ("_waiters", "is_set")

    def __init__(self) -> None:
        self.is_set = False
        self._waiters: list[asyncio.Future[bool | None]] = []

    def set(self) -> None:
        self.is_set = True
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()

    def attach(self, fut: asyncio.Future[bool | None]) -> None:
        self._waiters.append(fut)


class QueueSignals:
    def __init__(self, track_empty: bool = True, clock: Clock | None = None) -> None:
        self._waiters: dict[str, deque[asyncio.Future[bool | None]]] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self.clock: Clock = clock or SystemClock()
        # queue -> the delivery time (clock ms) its armed timer stands for.
        self._timer_due: dict[str, int] = {}
        # The loop this object lives on, learnt from its first use there: a clock jump is
        # announced on the mover's thread and handed over to it.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._unwatch: Callable[[], None] = watch(self.clock, self._clock_moved)
        # Queues a claim found empty and that nothing was pushed to since: polls of those need
        # no database round trip. Only sound when every push goes through this object (one
        # server on its own database), so a shared database turns it off.
        self._track_empty = track_empty
        # queue -> when it was found empty. A mark is trusted for a second only: a wake-up lost
        # to some unforeseen path then costs at most one more database check, never a stall.
        # Dropping a mark is always safe (one more database check).
        self._empty: OrderedDict[str, float] = OrderedDict()
        # Set by every notify to a fresh value of one counter: a claim that found a queue empty
        # may only mark it so if nothing was pushed since the claim began (its database job runs
        # while the loop goes on). A forgotten queue reads as the highest value ever forgotten,
        # so forgetting can make a claim skip its mark but never mark over a newer push.
        self._generation: OrderedDict[str, int] = OrderedDict()
        self._counter = itertools.count(1)
        self._forgotten_generation = 0
        self.max_tracked = MAX_TRACKED_QUEUES
        self.closing = False
        # Timed-out waiters still in a queue's deque (compacted in _sweep).
        self._dead: dict[str, int] = {}

    def generation(self, queue: str) -> int:
        return self._generation.get(queue, self._forgotten_generation)

    def mark_empty(self, queue: str, since: int) -> None:
        if self._track_empty and self.generation(queue) == since:
            self._loop = self._loop or asyncio.get_running_loop()
            self._empty[queue] = time.monotonic()
            self._empty.move_to_end(queue)
            if len(self._empty) > self.max_tracked:
                self._empty.popitem(last=False)

    def known_empty(self, queue: str) -> bool:
        marked = self._empty.get(queue)
        return marked is not None and time.monotonic() - marked < EMPTY_MARK_TTL_S

    def notify(self, queue: str, count: int = 1) -> None:
        self._empty.pop(queue, None)
        self._generation[queue] = next(self._counter)
        self._generation.move_to_end(queue)
        if len(self._generation) > self.max_tracked:
            _, forgotten = self._generation.popitem(last=False)
            self._forgotten_generation = max(self._forgotten_generation, forgotten)
        waiters = self._waiters.get(queue)
        while waiters and count > 0:
            fut = waiters.popleft()
            if not fut.done():
                fut.set_result(None)
                count -= 1
        if waiters is not None and not waiters:
            del self._waiters[queue]
            self._dead.pop(queue, None)

    def notify_at(self, queue: str, deliver_on_ms: int) -> None:
        """Wake a poller of `queue` when a delayed message becomes visible."""
        loop = self._loop = asyncio.get_running_loop()
        # A few ms late rather than early: a poll woken before the message is due finds nothing.
        delay = max(0.0, (deliver_on_ms - self.clock.now_ms()) / 1000) + 0.005
        existing = self._timers.get(queue)
        when = loop.time() + delay
        if existing is not None and not existing.cancelled() and existing.when() <= when:
            return
        if existing is not None:
            existing.cancel()
        self._timers[queue] = loop.call_at(when, self._fire, queue)
        self._timer_due[queue] = deliver_on_ms

    def _fire(self, queue: str) -> None:
        self._timers.pop(queue, None)
        self._timer_due.pop(queue, None)
        self.notify(queue, count=1 << 30)

    def _clock_moved(self, now_ms: int) -> None:
        """The clock jumped (called on the mover's thread): hand it over to our loop."""
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
                loop.call_soon_threadsafe(self._passed, now_ms)

    def _passed(self, now_ms: int) -> None:
        # A mark may hide a message the jump made visible; dropping one costs one database check.
        self._empty.clear()
        for queue, due in list(self._timer_due.items()):
            if due <= now_ms:
                handle = self._timers.get(queue)
                if handle is not None:
                    handle.cancel()
                self._fire(queue)

    def has_waiters(self, queue: str) -> bool:
        return bool(self._waiters.get(queue))

    async def wait(self, queue: str, seconds: float, gone: Gone | None = None) -> bool:
        """Wait until notified, `gone` is set, or `seconds` pass; True when woken."""
        if seconds <= 0 or self.closing:
            return False
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[bool | None] = loop.create_future()
        waiters = self._waiters.setdefault(queue, deque())
        waiters.append(fut)
        if gone is not None:
            gone.attach(fut)
        # A plain timer instead of asyncio.wait_for: this runs for every idle poll.
        timer = loop.call_later(seconds, _expire, fut)
        try:
            woken = await fut
        finally:
            timer.cancel()
            if fut.cancelled():  # the poll itself was cancelled
                self._sweep(queue)
        if woken is False or (gone is not None and gone.is_set):
            # Timed out or abandoned: left in the deque (notify skips done futures), counted
            # for _sweep. A future notify already removed is counted too; _sweep checks.
            self._sweep(queue)
        return woken is not False

    def _sweep(self, queue: str) -> None:
        """Drop finished futures once they are most of a queue's waiters, or all of them (the
        last poller of a task type gone: nothing of that queue stays behind). Amortised O(1):
        a compaction scans no more futures than were counted dead since the last one."""
        waiters = self._waiters.get(queue)
        if waiters is None:
            self._dead.pop(queue, None)
            return
        dead = self._dead.get(queue, 0) + 1
        if (dead > 32 and dead * 2 > len(waiters)) or dead >= len(waiters):
            live = deque(f for f in waiters if not f.done())
            if live:
                self._waiters[queue] = live
            else:
                del self._waiters[queue]
                self._dead.pop(queue, None)
                return
            dead = 0
        self._dead[queue] = dead

    def shutdown(self) -> None:
        """The server is stopping: every waiting long-poll returns now, and none waits again."""
        self.closing = True
        for waiters in self._waiters.values():
            for fut in waiters:
                if not fut.done():
                    fut.set_result(None)
        self._waiters.clear()
        self._dead.clear()

    def close(self) -> None:
        self._unwatch()
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()
        self._timer_due.clear()
        for waiters in self._waiters.values():
            for fut in waiters:
                if not fut.done():
                    fut.cancel()
        self._waiters.clear()


def _expire(fut: asyncio.Future[bool | None]) -> None:
    if not fut.done():
        fut.set_result(False)
