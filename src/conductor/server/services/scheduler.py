"""Workflow schedules (/api/scheduler): definitions, the firing loop and the execution history.

Exactly once per scheduled instant: each fire claims its schedule with a compare-and-set of
`next_run_time` (`SqlTx.claim_schedule`) inside the very transaction that inserts the workflow
and its execution record (`WorkflowService.start(in_commit=...)`). Two servers (or two passes)
that saw the same due instant both try; the second claim finds the row changed (or locked, on
PostgreSQL) and raises, which rolls its whole start back. A start that fails before its commit
(unknown workflow, input too large) records a FAILED execution and advances the schedule with
the same claim instead.

The one thing outside that transaction: system tasks that run synchronously during the first
decision and act through their own transactions (a SUB_WORKFLOW's child start). A losing claim
normally gives up before any work (the due row is re-read just before starting), so this needs
two fires of the same instant racing within milliseconds on a shared database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import msgspec

from conductor.server.clock import Clock, watch
from conductor.server.domain.cron import CronError, fires_between, next_fire, spring_to_croniter, zone
from conductor.server.domain.errors import ConductorError, NotFound, ValidationFailed, Violation
from conductor.server.domain.ids import new_id
from conductor.server.domain.requests import BulkResponse, StartWorkflowRequest
from conductor.server.domain.schedules import (
    ExecutionSearchResult,
    ScheduleExecution,
    ScheduleSearchResult,
    WorkflowSchedule,
)
from conductor.server.persistence.database import Database
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.services.workflows import WorkflowService

log = logging.getLogger("conductor.server.scheduler")

# Without runCatchupScheduleInstances a fire this late is still made (the loop was busy or the
# server restarted quickly); a later one is a missed instant and is skipped.
MISFIRE_GRACE_MS = 60_000
_encode = msgspec.json.Encoder().encode


class _LostClaim(Exception):
    """Another fire of the same instant committed first: roll this start back."""


def _not_found(name: str) -> NotFound:
    return NotFound(f"Schedule with name {name} not found")


class SchedulerService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        workflows: WorkflowService,
        on_next: Callable[[int], None] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.workflows = workflows
        # Wakes the firing loop (SchedulerLoop.poke) when a schedule's next run moves earlier.
        self.on_next: Callable[[int], None] = on_next or (lambda at_ms: None)

    # ---- definitions ----------------------------------------------------------------------

    async def save(self, data: WorkflowSchedule, user: str | None = None) -> WorkflowSchedule:
        """Create or update by name; validated as a whole before anything is stored."""
        violations: list[Violation] = []
        if not data.name or not data.name.strip():
            violations.append(Violation("name", "Schedule name cannot be null or empty"))
        if data.cron_schedules:
            for i, entry in enumerate(data.cron_schedules):
                violations.extend(
                    _cron_violations(entry.cron_expression, entry.zone_id, f"cronSchedules[{i}].")
                )
        else:
            violations.extend(_cron_violations(data.cron_expression, data.zone_id, ""))
        request = data.start_workflow_request
        if request is None or not request.name:
            violations.append(Violation("startWorkflowRequest.name", "Workflow name cannot be null or empty"))
        else:
            wf_name, wf_version = request.name, request.version
            found = await self.db.read(lambda tx: tx.get_workflow_def(wf_name, wf_version))
            if found is None:
                violations.append(
                    Violation(
                        "startWorkflowRequest.name",
                        f"No such workflow defined. name={wf_name}, version={wf_version}",
                        wf_name,
                    )
                )
        start, end = data.schedule_start_time, data.schedule_end_time
        if start is not None and end is not None and end < start:
            violations.append(
                Violation("scheduleEndTime", "Schedule end time must be after the start time", str(end))
            )
        if violations:
            raise ValidationFailed(violations)
        assert data.name is not None and request is not None and request.name is not None
        now = self.clock.now_ms()
        name = data.name
        existing = await self.db.read(lambda tx: tx.get_schedule(name))
        schedule = msgspec.structs.replace(
            data,
            zone_id=data.zone_id or "UTC",
            paused=bool(data.paused),
            run_catchup_schedule_instances=bool(data.run_catchup_schedule_instances),
            create_time=existing.create_time if existing else now,
            created_by=existing.created_by if existing else (data.created_by or user),
            updated_time=now,
            updated_by=data.updated_by or user,
        )
        schedule.next_run_time = self._first_run(schedule, now)
        workflow_name = request.name
        await self.db.write(lambda tx: tx.upsert_schedule(schedule, workflow_name))
        self._poke(schedule)
        return schedule

    def _first_run(self, schedule: WorkflowSchedule, now: int) -> int | None:
        """The next instant at or after now (or the window's start) inside the window."""
        after = now - 1
        if schedule.schedule_start_time is not None and schedule.schedule_start_time - 1 > after:
            after = schedule.schedule_start_time - 1
        return self._within_window(schedule, next_of(schedule, after))

    @staticmethod
    def _within_window(schedule: WorkflowSchedule, at: int | None) -> int | None:
        if at is None or (schedule.schedule_end_time is not None and at > schedule.schedule_end_time):
            return None
        return at

    def _poke(self, schedule: WorkflowSchedule) -> None:
        if schedule.next_run_time is not None and not schedule.paused:
            self.on_next(schedule.next_run_time)

    async def get(self, name: str) -> WorkflowSchedule:
        found = await self.db.read(lambda tx: tx.get_schedule(name))
        if found is None:
            raise _not_found(name)
        return found

    async def all(self, workflow_name: str | None = None) -> list[WorkflowSchedule]:
        return await self.db.read(lambda tx: tx.list_schedules(workflow_name or None))

    async def delete(self, name: str) -> None:
        if not await self.db.write(lambda tx: tx.delete_schedule(name)):
            raise _not_found(name)

    async def search(
        self,
        workflow_name: str | None,
        schedule_name: str | None,
        paused: bool | None,
        free_text: str | None,
        start: int,
        size: int,
    ) -> ScheduleSearchResult:
        schedules = await self.all(workflow_name)
        text = (free_text or "").strip()
        matched = [
            s
            for s in schedules
            if (not schedule_name or s.name == schedule_name)
            and (paused is None or bool(s.paused) == paused)
            and (
                text in ("", "*")
                or text.lower() in (s.name or "").lower()
                or text.lower() in (s.description or "").lower()
            )
        ]
        start, size = max(start, 0), max(size, 0)
        return ScheduleSearchResult(total_hits=len(matched), results=matched[start : start + size])

    async def pause(self, name: str, reason: str | None = None) -> None:
        schedule = await self.get(name)
        schedule.paused = True
        schedule.paused_reason = reason
        schedule.updated_time = self.clock.now_ms()
        await self._store_paused(schedule, set_next=False)

    async def resume(self, name: str) -> None:
        schedule = await self.get(name)
        schedule.paused = False
        schedule.paused_reason = None
        now = self.clock.now_ms()
        schedule.updated_time = now
        # Instants missed while paused are caught up only when the schedule asks for it.
        recompute = not schedule.run_catchup_schedule_instances or schedule.next_run_time is None
        if recompute:
            schedule.next_run_time = self._first_run(schedule, now)
        await self._store_paused(schedule, set_next=recompute)
        self._poke(schedule)

    async def _store_paused(self, schedule: WorkflowSchedule, set_next: bool) -> None:
        name = schedule.name or ""
        json = _encode(msgspec.structs.replace(schedule, next_run_time=None)).decode()
        paused, nxt = bool(schedule.paused), schedule.next_run_time
        if not await self.db.write(lambda tx: tx.set_schedule_paused(name, paused, json, nxt, set_next)):
            raise _not_found(name)

    async def bulk(self, names: list[str], pause: bool) -> BulkResponse:
        result = BulkResponse()
        for name in names:
            try:
                await (self.pause(name) if pause else self.resume(name))
                result.bulk_successful_results.append(name)
            except ConductorError as exc:
                result.bulk_error_results[name] = exc.message
        return result

    def next_few(self, cron: str, start: int | None, end: int | None, limit: int) -> list[int]:
        """Preview of the next fires (UTC, as Conductor's default schedulerTimeZone)."""
        if not cron:
            raise ValidationFailed([Violation("cronExpression", "Cron expression cannot be null or empty")])
        try:
            spring_to_croniter(cron)
        except CronError as exc:
            raise ValidationFailed([Violation("cronExpression", str(exc), cron)]) from exc
        after = max(self.clock.now_ms(), start if start is not None else 0) - 1
        until = end if end is not None else 2**62
        return fires_between(cron, "UTC", after, until, max(0, min(limit, 5)))

    async def executions(
        self, schedule_name: str | None, state: str | None, start: int, size: int
    ) -> ExecutionSearchResult:
        total, found = await self.db.read(
            lambda tx: tx.search_schedule_executions(schedule_name, state, max(start, 0), max(size, 0))
        )
        return ExecutionSearchResult(total_hits=total, results=found)

    # ---- firing ---------------------------------------------------------------------------

    async def run_now(self, name: str) -> str:
        """Start the schedule's workflow now, outside its cron (the schedule is not advanced)."""
        schedule = await self.get(name)
        now = self.clock.now_ms()
        execution = await self._start(schedule, now, now, claim=None)
        if execution.state != "EXECUTED":
            raise ValidationFailed([Violation("startWorkflowRequest", execution.reason or "start failed")])
        return execution.workflow_id or ""

    async def fire_due(self, now: int | None = None, batch: int = 64) -> int:
        """One pass: fire every due schedule once; returns how many fires were attempted."""
        now = self.clock.now_ms() if now is None else now
        due = await self.db.read(lambda tx: tx.due_schedules(now, batch))
        for schedule in due:
            try:
                await self.fire(schedule, now)
            except Exception:
                log.exception("schedule %s could not fire", schedule.name)
        return len(due)

    async def fire(self, schedule: WorkflowSchedule, now: int) -> bool:
        """Fire one due instant of `schedule` (as read, with its `next_run_time`); false when
        another fire of the same instant won, or the instant was skipped."""
        due = schedule.next_run_time
        if due is None or due > now:
            return False
        scheduled = due
        if not schedule.run_catchup_schedule_instances:
            # Only the latest missed instant may still fire, and only if it is recent.
            latest = due
            while True:
                nxt = next_of(schedule, latest)
                if nxt is None or nxt > now:
                    break
                latest = nxt
            if now - latest > MISFIRE_GRACE_MS:
                new_next = self._within_window(schedule, next_of(schedule, now))
                name = schedule.name or ""
                await self.db.write(lambda tx: tx.claim_schedule(name, due, new_next))
                if new_next is not None:
                    self.on_next(new_next)
                return False
            scheduled = latest
        after = scheduled if schedule.run_catchup_schedule_instances else max(scheduled, now)
        new_next = self._within_window(schedule, next_of(schedule, after))
        execution = await self._start(schedule, scheduled, now, claim=(due, new_next))
        if new_next is not None:
            self.on_next(new_next)
        return execution.state != "LOST"

    async def _start(
        self, schedule: WorkflowSchedule, scheduled: int, now: int, claim: tuple[int, int | None] | None
    ) -> ScheduleExecution:
        name = schedule.name or ""
        base = schedule.start_workflow_request or StartWorkflowRequest()
        execution = ScheduleExecution(
            execution_id=new_id(),
            schedule_name=name,
            scheduled_time=scheduled,
            execution_time=now,
            workflow_name=base.name or "",
            workflow_id=new_id(),
            zone_id=schedule.zone_id,
            start_workflow_request=base,
        )
        request = msgspec.structs.replace(
            base,
            input={
                **(base.input or {}),
                "_startedByScheduler": name,
                "_scheduledTime": scheduled,
                "_executedTime": now,
                "_executionId": execution.execution_id,
                "_schedulerCron": cron_at(schedule, scheduled),
            },
        )

        def commit(tx: SqlTx) -> None:
            if claim is not None and not tx.claim_schedule(name, claim[0], claim[1]):
                raise _LostClaim(name)
            tx.add_schedule_execution(execution)

        if claim is not None:
            # Cheap early exit for a fire another pass already made (no work started at all).
            current = await self.db.read(lambda tx: tx.get_schedule(name))
            if current is None or current.paused or current.next_run_time != claim[0]:
                execution.state = "LOST"
                return execution
        try:
            await self.workflows.start(request, workflow_id=execution.workflow_id, in_commit=commit)
        except _LostClaim:
            execution.state = "LOST"
            return execution
        except ConductorError as exc:
            execution.state = "FAILED"
            execution.workflow_id = None
            execution.reason = exc.message
            try:
                await self.db.write(commit)
            except _LostClaim:
                execution.state = "LOST"
        return execution


class SchedulerLoop:
    """Fires due schedules without any client traffic: sleeps until the earliest next run (or
    until poked with an earlier one), at most `max_idle_s` (5 s with a shared database, whose
    other servers change schedules without telling this one). A clock that jumps (a test's
    `FakeClock`) wakes it at once, so a fire the jump passed is made now."""

    def __init__(self, service: SchedulerService, shared: bool, max_idle_s: float = 60.0) -> None:
        self.service = service
        self.max_idle_s = 5.0 if shared else max_idle_s
        self._wake = asyncio.Event()
        self._stopped = False
        self._task: asyncio.Task[None] | None = None
        self._unwatch: Callable[[], None] | None = None

    def poke(self, at_ms: int) -> None:
        self._wake.set()

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._task = loop.create_task(self.run(), name="scheduler")

        def clock_moved(now_ms: int) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to wake
                loop.call_soon_threadsafe(self._wake.set)

        self._unwatch = watch(self.service.clock, clock_moved)

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
            self._wake.clear()
            try:
                await self.service.fire_due()
                nxt = await self.service.db.read(lambda tx: tx.next_schedule_time())
            except Exception:
                log.exception("scheduler pass failed")
                nxt = None
            delay = self.max_idle_s
            if nxt is not None:
                delay = min(max((nxt - self.service.clock.now_ms()) / 1000, 0.0), self.max_idle_s)
            if self._stopped:
                break
            # A floor: a schedule that keeps failing to fire must not spin the loop.
            delay = max(delay, 0.05)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)


def _cron_violations(expression: str | None, zone_id: str | None, prefix: str) -> list[Violation]:
    found = []
    if not expression:
        found.append(Violation(f"{prefix}cronExpression", "Cron expression cannot be null or empty"))
    else:
        try:
            spring_to_croniter(expression)
        except CronError as exc:
            found.append(Violation(f"{prefix}cronExpression", str(exc), expression))
    try:
        zone(zone_id)
    except CronError as exc:
        found.append(Violation(f"{prefix}zoneId", str(exc), zone_id))
    return found


def crons_of(schedule: WorkflowSchedule) -> list[tuple[str, str | None]]:
    """(cron, zone) pairs the schedule fires on: its `cronSchedules` when given, else its one cron."""
    if schedule.cron_schedules:
        return [(c.cron_expression or "", c.zone_id or "UTC") for c in schedule.cron_schedules]
    return [(schedule.cron_expression or "", schedule.zone_id)]


def next_of(schedule: WorkflowSchedule, after_ms: int) -> int | None:
    """The schedule's first fire strictly after `after_ms`, over all of its crons."""
    times = [
        t for cron, zone_id in crons_of(schedule) if (t := next_fire(cron, zone_id, after_ms)) is not None
    ]
    return min(times) if times else None


def cron_at(schedule: WorkflowSchedule, at_ms: int) -> str:
    """The cron that fires at `at_ms` (the first one listed, when several do)."""
    pairs = crons_of(schedule)
    for cron, zone_id in pairs:
        if next_fire(cron, zone_id, at_ms - 1) == at_ms:
            return cron
    return pairs[0][0]
