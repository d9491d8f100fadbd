"""In-process wake-ups so long-polls wait for work instead of spinning on the database.

A push wakes at most as many waiting pollers as it added messages (no thundering herd when a
thousand idle workers poll one queue); a delayed push arms a timer that wakes a poller when the
message becomes visible. Another server process's pushes are not seen here: those pollers
find the work on their next attempt, and the PostgreSQL backend bridges LISTEN/NOTIFY into
`notify()` so they do not have to wait that long.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque

EMPTY_MARK_TTL_S = 1.0


class Gone:
    """Set when a long-poll's client disconnects; wakes the poll that is waiting for work."""

    __slots__ = ("_waiters", "is_set")

    def __init__(self) -> None:
        self.is_set = False
        self._waiters: list[asyncio.Future[None]] = []

    def set(self) -> None:
        self.is_set = True
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()

    def attach(self, fut: asyncio.Future[None]) -> None:
        self._waiters.append(fut)


class QueueSignals:
    def __init__(self, track_empty: bool = True) -> None:
        self._waiters: dict[str, deque[asyncio.Future[None]]] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        # Queues a claim found empty and that nothing was pushed to since: polls of those need
        # no database round trip. Only sound when every push goes through this object (one
        # server on its own database), so a shared database turns it off.
        self._track_empty = track_empty
        # queue -> when it was found empty. A mark is trusted for a second only: a wake-up lost
        # to some unforeseen path then costs at most one more database check, never a stall.
        self._empty: dict[str, float] = {}
        # Bumped by every notify: a claim that found a queue empty may only mark it so if nothing
        # was pushed since the claim began (its database job runs while the loop goes on).
        self._generation: dict[str, int] = {}
        self.closing = False

    def generation(self, queue: str) -> int:
        return self._generation.get(queue, 0)

    def mark_empty(self, queue: str, since: int) -> None:
        if self._track_empty and self._generation.get(queue, 0) == since:
            self._empty[queue] = time.monotonic()

    def known_empty(self, queue: str) -> bool:
        marked = self._empty.get(queue)
        return marked is not None and time.monotonic() - marked < EMPTY_MARK_TTL_S

    def notify(self, queue: str, count: int = 1) -> None:
        self._empty.pop(queue, None)
        self._generation[queue] = self._generation.get(queue, 0) + 1
        waiters = self._waiters.get(queue)
        while waiters and count > 0:
            fut = waiters.popleft()
            if not fut.done():
                fut.set_result(None)
                count -= 1
        if waiters is not None and not waiters:
            del self._waiters[queue]

    def notify_at(self, queue: str, deliver_on_ms: int) -> None:
        """Wake a poller of `queue` when a delayed message becomes visible."""
        loop = asyncio.get_running_loop()
        # A few ms late rather than early: a poll woken before the message is due finds nothing.
        delay = max(0.0, deliver_on_ms / 1000 - time.time()) + 0.005
        existing = self._timers.get(queue)
        when = loop.time() + delay
        if existing is not None and not existing.cancelled() and existing.when() <= when:
            return
        if existing is not None:
            existing.cancel()
        self._timers[queue] = loop.call_at(when, self._fire, queue)

    def _fire(self, queue: str) -> None:
        self._timers.pop(queue, None)
        self.notify(queue, count=1 << 30)

    def has_waiters(self, queue: str) -> bool:
        return bool(self._waiters.get(queue))

    async def wait(self, queue: str, seconds: float, gone: Gone | None = None) -> bool:
        """Wait until notified, `gone` is set, or `seconds` pass; True when woken."""
        if seconds <= 0 or self.closing:
            return False
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(queue, deque()).append(fut)
        if gone is not None:
            gone.attach(fut)
        try:
            await asyncio.wait_for(fut, seconds)
            return True
        except TimeoutError:
            return False
        finally:
            waiters = self._waiters.get(queue)
            if waiters is not None:
                with contextlib.suppress(ValueError):  # already taken by notify()
                    waiters.remove(fut)
                if not waiters:
                    del self._waiters[queue]

    def shutdown(self) -> None:
        """The server is stopping: every waiting long-poll returns now, and none waits again."""
        self.closing = True
        for waiters in self._waiters.values():
            for fut in waiters:
                if not fut.done():
                    fut.set_result(None)
        self._waiters.clear()

    def close(self) -> None:
        for handle in self._timers.values():
            handle.cancel()
        self._timers.clear()
        for waiters in self._waiters.values():
            for fut in waiters:
                if not fut.done():
                    fut.cancel()
        self._waiters.clear()
