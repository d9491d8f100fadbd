"""Time skipping: decide when nothing can run, find the next timer, move the fake clock to it.

The server reads a `FakeClock`; this module moves it. A move is safe only when the system is
*idle*: nothing would happen without time passing. `TimeSkipper.snapshot` asks the server (on
its own loop, so it also drains what that loop had queued) and is idle when all of these hold:

- no HTTP request is being handled, long-polls excepted (`server.InFlight`);
- the sweeper is not deciding (`Sweeper.active`) and no asynchronous system task runs;
- no message is due in `_deciderQueue` (the sweeper is about to decide it), in the queue of a
  task type this environment serves (a worker or mock would poll it now) or in an asynchronous
  system task's queue; due messages in queues nobody here serves do not count: no one would
  ever take them, and only time makes them change (their poll timeouts);
- no task of a served type is IN_PROGRESS (a worker is executing it; time does not pass while
  a worker works, so a task never times out just because the test machine is slow);
- no schedule is due.

The next timer is the earliest of: a delayed message in a served queue (a retry delay, a
`callbackAfterSeconds`), a schedule's next run, and the next deadline of a running workflow
(task timeouts, WAIT ends, the workflow timeout: `runner.next_check` minus the one millisecond
of margin the runner adds). Deadlines fire *at* their instant: after moving the clock to one,
the skipper asks the runner to decide the workflows whose deadline it is (as the sweeper would
one millisecond later), so `sleep(timedelta(hours=2))` ends a 2-hour WAIT. The workflow's
hourly re-check (`IDLE_RECHECK_MS`) is not a timer: nothing would change then, so a workflow
blocked on something that never comes is reported as stuck instead of skipped through forever.

Idle is confirmed twice in a row, with the database unchanged in between (SQLite's change
counter), before the clock moves; a background step the probe cannot see (a parent being told
its child ended) shows up as a change and restarts the wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conductor.server.clock import FakeClock

if TYPE_CHECKING:
    from conductor.server.domain.execution import Workflow
    from conductor.server.persistence.sql.store import SqlTx
    from conductor.testing.server import ServerThread

# How often a busy system is probed again (real seconds).
PROBE_INTERVAL_S = 0.002


class NotIdle(AssertionError):
    """The system did not become idle in time (a worker still running, a request in flight)."""


@dataclass(frozen=True)
class Snapshot:
    """One look at the server: `busy` says why it is not idle (None when it is)."""

    now_ms: int
    busy: str | None
    next_timer_ms: int | None
    changes: int
    running_workflows: int
    # Workflows whose deadline is `next_timer_ms` (decided right after the clock moves there).
    due_workflows: tuple[str, ...] = ()

    @property
    def idle(self) -> bool:
        return self.busy is None


class TimeSkipper:
    def __init__(
        self,
        server: ServerThread,
        clock: FakeClock,
        served: Callable[[], Iterable[tuple[str, str | None]]],
    ) -> None:
        self.server = server
        self.clock = clock
        self.served = served
        self.lock = threading.RLock()  # one mover at a time (the test and the auto-skip thread)

    # ---- looking --------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        return self.server.call(self._snapshot(), timeout=30)

    async def _snapshot(self) -> Snapshot:
        from conductor.server.queue.names import queue_name

        components = self.server.components
        in_flight = self.server.in_flight
        assert components is not None and in_flight is not None
        now = self.clock.now_ms()
        reason: str | None = None
        if in_flight.count:
            reason = f"{in_flight.count} request(s) being handled"
        elif components.sweeper.active:
            reason = "the sweeper is deciding workflows"
        elif getattr(components.async_tasks, "_running", None):
            reason = "an asynchronous system task is running"
        served = list(self.served())
        async_types = set(components.systasks.async_types())
        queues = {queue_name(t, d) for t, d in served} | async_types
        types = {t for t, _ in served} | async_types
        snap, running = await components.db.read(lambda tx: _look(tx, now, reason, queues, types))
        if not snap.idle:
            return snap
        # On this loop, not the database thread: the runner's code runs where it always does.
        from conductor.server.engine.runner import IDLE_RECHECK_MS

        deadlines: dict[str, int] = {}
        for workflow in running:
            check = components.runner.next_check(workflow, now)
            if check != now + IDLE_RECHECK_MS and check - 1 > now:
                deadlines[workflow.workflow_id] = check - 1  # the runner adds a millisecond of margin
        timers = [t for t in (snap.next_timer_ms, *deadlines.values()) if t is not None]
        nxt = min(timers) if timers else None
        due = tuple(sorted(wid for wid, at in deadlines.items() if at == nxt))
        return Snapshot(now, None, nxt, snap.changes, len(running), due)

    def wait_idle(self, timeout: float = 30.0) -> Snapshot:
        """Wait until the system is idle (confirmed twice, nothing written in between)."""
        deadline = time.monotonic() + timeout
        previous: Snapshot | None = None
        while True:
            snap = self.snapshot()
            if snap.idle:
                if previous is not None and previous == snap:
                    return snap
                previous = snap
            else:
                previous = None
            if time.monotonic() >= deadline:
                raise NotIdle(f"the test server did not become idle within {timeout} s: {snap.busy}")
            time.sleep(PROBE_INTERVAL_S)

    # ---- moving ---------------------------------------------------------------------------

    def advance_to(self, target_ms: int, timeout: float = 30.0) -> None:
        """Move the clock to `target_ms` one timer at a time, letting each fire (and whatever
        it makes runnable finish) before the next; then wait until idle at `target_ms`."""
        with self.lock:
            while True:
                snap = self.wait_idle(timeout)
                nxt = snap.next_timer_ms
                if nxt is None or nxt > target_ms or nxt <= snap.now_ms:
                    break
                self.jump(snap)
            self.clock.set_ms(target_ms)
            self.wait_idle(timeout)

    def skip_to_next_timer(self, timeout: float = 30.0, horizon_ms: int | None = None) -> Snapshot:
        """When idle, jump to the next timer (not beyond `horizon_ms`); returns the idle snapshot
        taken before the jump (its `next_timer_ms` is None when there was nothing to jump to)."""
        with self.lock:
            snap = self.wait_idle(timeout)
            nxt = snap.next_timer_ms
            if nxt is not None and nxt > snap.now_ms and (horizon_ms is None or nxt <= horizon_ms):
                self.jump(snap)
            return snap

    def jump(self, snap: Snapshot) -> None:
        """Move the clock to `snap`'s next timer and decide the workflows whose deadline it is."""
        assert snap.next_timer_ms is not None
        with self.lock:
            self.clock.set_ms(snap.next_timer_ms)
            if snap.due_workflows:
                self.server.call(self._decide(snap.due_workflows), timeout=30)

    async def _decide(self, workflow_ids: tuple[str, ...]) -> None:
        import asyncio

        components = self.server.components
        assert components is not None
        await asyncio.gather(*(components.runner.decide(wid) for wid in workflow_ids), return_exceptions=True)


def _look(
    tx: SqlTx, now: int, reason: str | None, queues: set[str], types: set[str]
) -> tuple[Snapshot, list[Workflow]]:
    """The database half of a snapshot (on the database thread): what is due, the queue and
    schedule timers, and the running workflows (their deadlines are read on the loop)."""
    from conductor.server.queue.names import DECIDER_QUEUE

    changes = int(getattr(getattr(tx.cur, "connection", None), "total_changes", 0))
    timers: list[int] = []
    running: list[Workflow] = []
    if reason is None:
        for queue in tx.queue_sizes():
            if queue != DECIDER_QUEUE and queue not in queues:
                continue
            due = tx.next_delivery(queue)
            if due is None:
                continue
            if due <= now:
                reason = f"a message is due in queue {queue}"
                break
            if queue != DECIDER_QUEUE:  # the runner's timers are read from the workflows
                timers.append(due)
    if reason is None:
        for task_type in sorted(types):
            if tx.count_in_progress(task_type):
                reason = f"a {task_type} task is being executed"
                break
    if reason is None:
        scheduled = tx.next_schedule_time()
        if scheduled is not None:
            if scheduled <= now:
                reason = "a schedule is due"
            else:
                timers.append(scheduled)
    if reason is None:
        for name in tx.running_workflow_counts():
            for workflow_id in tx.running_workflow_ids(name, None):
                loaded = tx.get_workflow(workflow_id)
                if loaded is not None:
                    running.append(loaded[0])
    return Snapshot(now, reason, min(timers) if timers else None, changes, len(running)), running
