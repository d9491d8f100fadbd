"""Time as an injected dependency: the engine asks a Clock, tests move a FakeClock.

Every wall-clock read that decides *when* something happens (task and workflow timeouts, WAIT
ends, retry delays, queue visibility, schedules) goes through a `Clock`. Monotonic readings
that only bound how long a piece of work may run (a decide pass, a script, a long-poll held
open) stay real.

Timer loops sleep in real time until the next deadline they computed from the clock. A clock
that can jump (`FakeClock`) tells its listeners after every move, so those loops wake up and
look again (`watch`): the sweeper, the scheduler loop and the long-poll wake-ups subscribe.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

ClockListener = Callable[[int], None]


class Clock(Protocol):
    def now_ms(self) -> int:
        """Wall-clock time in epoch milliseconds (Conductor's unit on the wire)."""
        ...


@runtime_checkable
class MovableClock(Protocol):
    """A clock that can jump: it calls its listeners (with the new time) after each move."""

    def now_ms(self) -> int: ...

    def add_listener(self, listener: ClockListener) -> Callable[[], None]:
        """Subscribe; returns the function that unsubscribes."""
        ...


class SystemClock:
    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000


class FakeClock:
    """A clock that moves only when told to, and never backwards.

    Thread-safe: a test moves it from its own thread while the server reads it on another.
    Listeners run on the thread that moved the clock, after the move; they must only hand the
    news over to their own thread (`loop.call_soon_threadsafe`), never block.
    """

    def __init__(self, start_ms: int = 1_700_000_000_000) -> None:
        self._now = start_ms
        self._lock = threading.Lock()
        self._listeners: list[ClockListener] = []

    def now_ms(self) -> int:
        return self._now

    def advance(self, seconds: float) -> int:
        """Move forward by `seconds` (negative values are ignored); returns the new time."""
        return self.advance_ms(int(seconds * 1000))

    def advance_ms(self, ms: int) -> int:
        with self._lock:
            target = self._now + max(ms, 0)
        return self.set_ms(target)

    def set_ms(self, at_ms: int) -> int:
        """Move to `at_ms` when it is later than now (a clock never goes back); returns now."""
        with self._lock:
            moved = at_ms > self._now
            if moved:
                self._now = at_ms
            now = self._now
            listeners = list(self._listeners)
        if moved:
            for listener in listeners:
                listener(now)
        return now

    def add_listener(self, listener: ClockListener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return remove


def watch(clock: Clock, listener: ClockListener) -> Callable[[], None]:
    """Call `listener(now_ms)` whenever `clock` jumps; a no-op for clocks that cannot jump.

    Returns the function that unsubscribes (always safe to call).
    """
    if isinstance(clock, MovableClock):
        return clock.add_listener(listener)
    return _nothing


def _nothing() -> None:
    return None
