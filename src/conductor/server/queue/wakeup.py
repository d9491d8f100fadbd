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
from typing import Any, Protocol

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


class HandOff(Protocol):
    """Work claimed for a waiting long-poll inside another operation's transaction.

    The commit that makes a task pollable claims it for a poll already waiting on its queue:
    the poll is answered without a second transaction and the hop to it (about a third of a
    step's latency when consecutive steps have different task types)."""

    #: After `run`: the queue held no more visible messages than were claimed.
    drained: bool

    def run(self, tx: Any) -> list[Any]:
        """In the committing transaction: claim, returning what was claimed."""
        ...

    def finish(self, claimed: list[Any]) -> None:
        """After the commit, on the event loop: the claim's bookkeeping (metrics, marks)."""
        ...

    def orphaned(self, claimed: list[Any]) -> None:
        """The poll ended before the commit answered (disconnected, cancelled): give back."""
        ...


class Reservation:
    """A waiting poll taken out of its queue's line by a commit that will claim for it.

    Exactly one of `deliver` (after the commit) and `release` (the commit failed) ends it."""

    __slots__ = ("_future", "claimed", "hand_off", "queue")

    def __init__(self, queue: str, future: asyncio.Future[Any], hand_off: HandOff) -> None:
        self.queue = queue
        self._future = future
        self.hand_off = hand_off
        self.claimed: list[Any] = []

    def run(self, tx: Any) -> None:
        self.claimed = self.hand_off.run(tx)

    def deliver(self) -> int:
        """Answer the poll with what was claimed; returns how many tasks it got."""
        claimed = self.claimed
        try:
            self.hand_off.finish(claimed)
        finally:  # the poll is answered whatever its bookkeeping raised (its timer is off)
            if not self._future.done():
                self._future.set_result(claimed)
            elif claimed:
                self.hand_off.orphaned(claimed)
        return len(claimed)

    def release(self) -> None:
        """The commit failed: the poll looks for work itself, as if notified."""
        self.claimed = []
        if not self._future.done():
            self._future.set_result(None)


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
        # Waiting polls that accept work claimed for them (`reserve`), with their timers.
        self._claimers: dict[asyncio.Future[Any], tuple[Callable[[], HandOff], asyncio.TimerHandle]] = {}

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

    def reserve(self, queue: str, count: int) -> list[Reservation]:
        """Take up to `count` polls waiting on `queue` that accept hand-offs, oldest first
        (a commit about to make `count` messages of it visible claims for them)."""
        waiters = self._waiters.get(queue)
        taken: list[Reservation] = []
        while waiters and len(taken) < count:
            fut = waiters[0]
            if fut.done():
                waiters.popleft()
                continue
            entry = self._claimers.pop(fut, None)
            if entry is None:
                break  # a plain waiter: left for `notify`, in its turn
            waiters.popleft()
            make, timer = entry
            # Its answer now comes from the commit (milliseconds), not from the poll's timeout.
            timer.cancel()
            taken.append(Reservation(queue, fut, make()))
        if waiters is not None and not waiters:
            del self._waiters[queue]
            self._dead.pop(queue, None)
        return taken

    async def wait(
        self,
        queue: str,
        seconds: float,
        gone: Gone | None = None,
        claimer: Callable[[], HandOff] | None = None,
    ) -> bool | list[Any]:
        """Wait until notified, `gone` is set, or `seconds` pass: False on timeout, True when
        woken, or (with `claimer`, see `reserve`) the list of what a commit claimed for us."""
        if seconds <= 0 or self.closing:
            return False
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Any] = loop.create_future()
        waiters = self._waiters.setdefault(queue, deque())
        waiters.append(fut)
        if gone is not None:
            gone.attach(fut)
        # A plain timer instead of asyncio.wait_for: this runs for every idle poll.
        timer = loop.call_later(seconds, _expire, fut)
        if claimer is not None:
            self._claimers[fut] = (claimer, timer)
        try:
            woken = await fut
        finally:
            timer.cancel()
            if claimer is not None:
                self._claimers.pop(fut, None)
            if fut.cancelled():  # the poll itself was cancelled
                self._sweep(queue)
        if woken is False or (gone is not None and gone.is_set):
            # Timed out or abandoned: left in the deque (notify skips done futures), counted
            # for _sweep. A future notify already removed is counted too; _sweep checks.
            self._sweep(queue)
        if isinstance(woken, list):
            return woken
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
