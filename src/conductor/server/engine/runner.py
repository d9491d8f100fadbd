"""The one "decide" entry point: lock, load, mutate, decide, run sync system tasks, commit.

Every change to a workflow goes through `WorkflowRunner.run(workflow_id, mutate)`: the caller's
`mutate` edits an in-memory copy (apply a task result, pause, ...), the decider loop runs on it,
and everything that changed — workflow row, task rows, queue messages, logs, the workflow's next
timer — is committed in ONE transaction before the caller answers its request.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from msgspec.structs import replace

from conductor.server.clock import Clock
from conductor.server.domain.definitions import TaskDef, WorkflowDef
from conductor.server.domain.errors import ConcurrentModification, NotFound, Transient
from conductor.server.domain.execution import Task, TaskExecLog, Workflow
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.domain.task_index import index_of, replace_task
from conductor.server.domain.task_types import TaskType
from conductor.server.engine.deadlines import tracker_of
from conductor.server.engine.decider import (
    Decision,
    Termination,
    decide,
    decision_mismatch,
    workflow_deadline,
    workflow_output,
)
from conductor.server.engine.fair_share import FairShare
from conductor.server.engine.locking import WorkflowLocks
from conductor.server.engine.mappers import MetadataView, task_def_of
from conductor.server.engine.payloads import PayloadGuard, PayloadLimits, workflow_payload_error
from conductor.server.engine.status_listener import WorkflowStatusListener
from conductor.server.engine.store import CommitJob, WorkflowStore
from conductor.server.engine.task_types import ASYNC_SYSTEM_TYPES, SYNC_SYSTEM_TYPES, is_worker_type
from conductor.server.persistence.database import Database
from conductor.server.persistence.sql.store import WorkflowChanges, static_key
from conductor.server.queue.names import DECIDER_QUEUE, queue_name
from conductor.server.queue.wakeup import QueueSignals
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.registry import SystemTaskRegistry

log = logging.getLogger("conductor.server.engine")
R = TypeVar("R")

# A workflow with nothing time-bound is still looked at hourly: a cheap safety net.
IDLE_RECHECK_MS = 3_600_000
# Bound one decide call (passes and wall time); a longer chain of system tasks, such as an
# endless loop of sync tasks, continues in an immediate re-check instead of holding the lock.
MAX_PASSES = 500
MAX_DECIDE_MS = 2_000
ACTIVE_WORKER_WINDOW_MS = 10_000
# Definitions one decision may look up by name (dynamic forks name one per distinct task).
MAX_LOOKUPS = 200
# Compare every incremental decision with a full one (the test suite turns this on).
CHECK_DECIDER = os.environ.get("PYCONDUCTOR_DECIDER_CHECK", "") not in ("", "0")


@dataclass
class Changes:
    """What one operation changed, committed together."""

    insert: bool = False
    tasks: dict[str, Task] = field(default_factory=dict)
    # Tasks deleted from the workflow (DO_WHILE keepLastN), removed after the upsert.
    deleted: set[str] = field(default_factory=set)
    logs: list[TaskExecLog] = field(default_factory=list)
    # Tasks whose queue messages the commit removes (they ended).
    removals: set[str] = field(default_factory=set)
    pushes: list[Push] = field(default_factory=list)
    # Run last in the commit's transaction (see `in_commit`).
    jobs: list[CommitJob] = field(default_factory=list)
    after_commit: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    # Skip the decider (heartbeats, no-op updates).
    decide: bool = True
    # Nothing to write at all.
    skip: bool = False
    # Termination requested by an operation (terminate API) rather than found by the decider.
    termination: Termination | None = None
    run_failure_workflow: bool = True
    # The decide loop hit its pass limit: look at the workflow again right away.
    recheck_now: bool = False
    # JSON length of the rows written (and, on a cache miss, read), by workflow / task id.
    json_sizes: dict[str, int] = field(default_factory=dict)

    def put(self, task: Task) -> None:
        """Write this task (new or changed)."""
        self.tasks[task.task_id] = task

    def delete(self, task_id: str) -> None:
        """Delete this task row and its queue messages (DO_WHILE keepLastN, rerun)."""
        self.tasks.pop(task_id, None)
        self.deleted.add(task_id)

    def enqueue(self, task: Task, at: int, *, priority: int) -> None:
        """Make `task` pollable in its queue (by type and domain) from `at` (epoch ms)."""
        self.pushes.append(Push(queue_name(task.task_type, task.domain), task.task_id, priority, at))

    def dequeue(self, task_id: str) -> None:
        """Remove the task's queue messages (it ended); a push in this same change still wins."""
        self.removals.add(task_id)

    def withdraw(self, task_id: str) -> None:
        """Remove the task's queue messages, including one this change was about to push: a
        task that failed before it was ever announced to pollers."""
        self.removals.add(task_id)
        self.pushes = [p for p in self.pushes if p.message_id != task_id]

    def log(self, task_id: str, message: str, at: int) -> None:
        self.logs.append(TaskExecLog(log=message, task_id=task_id, created_time=at))

    def in_commit(self, job: CommitJob) -> None:
        """Run `job` in the commit's transaction, after everything else this change writes (so
        it sees the tasks the decision queued); an exception from it rolls the change back."""
        self.jobs.append(job)


@dataclass(frozen=True, slots=True)
class Push:
    """A queue message the commit adds, visible to pollers from `deliver_on` (epoch ms)."""

    queue: str
    message_id: str
    priority: int
    deliver_on: int


class WorkflowRunner:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        signals: QueueSignals,
        systasks: SystemTaskRegistry,
        systask_ctx: SystemTaskContext,
        *,
        limits: PayloadLimits | None = None,
        cache_bytes: int | None = None,
        on_timer: Callable[[int], None] | None = None,
        last_poll: Callable[[str, str | None], int] | None = None,
        on_workflow_ended: Callable[[Workflow, bool], Awaitable[None]] | None = None,
        on_tasks_committed: Callable[[Workflow, list[Task]], None] | None = None,
    ) -> None:
        """The callbacks reach layers above the engine (bootstrap passes them):
        `on_timer` wakes the sweeper when a workflow's next check moves earlier; `last_poll`
        ((task type, domain) -> last poll time) drives task-to-domain mapping;
        `on_workflow_ended(workflow, failure_path)` runs the end-of-run rules (failure workflow,
        parent update) after the commit; `on_tasks_committed` sees each committed batch of
        changed tasks (metrics: timeouts, durations)."""
        self.db = db
        self.clock = clock
        self.signals = signals
        self.systasks = systasks
        self.systask_ctx = systask_ctx
        self.locks = WorkflowLocks()
        self.fair = FairShare()
        # Task and workflow payload size limits (from the settings).
        self.limits = limits or PayloadLimits()
        # Running workflows as last committed (or read), with their row version. A single
        # writer (SQLite) uses a copy as it is: the commit's compare-and-set still guards it. On a
        # shared database other servers change workflows too, so a copy first catches up with
        # the rows written since its version (`_current`): a read whose cost follows what
        # changed, not the workflow's size (docs/engine.md §8).
        self._cache: OrderedDict[str, tuple[Workflow, int]] = OrderedDict()
        self.cache_size = 4096
        # Bounded by bytes too: a few workflows with 10 MB inputs must not pin gigabytes. The
        # measure is the JSON the rows were stored as (decoded objects take a small multiple).
        self.cache_bytes = DEFAULT_CACHE_BYTES if cache_bytes is None else cache_bytes
        self._sizes: dict[str, _EntrySize] = {}
        self._cached_bytes = 0
        self._watchers: dict[str, asyncio.Event] = {}
        # Per watched workflow: its last commit here left it running with no task that could
        # block it (`still_running_unblocked`).
        self._unblocked: dict[str, bool] = {}
        self.on_timer: Callable[[int], None] = on_timer or (lambda at_ms: None)
        self.last_poll: Callable[[str, str | None], int] = last_poll or (lambda task_type, domain: 0)
        self.on_workflow_ended = on_workflow_ended
        self.on_tasks_committed = on_tasks_committed
        self.status_listener = WorkflowStatusListener(lambda: self.systask_ctx.publish_event)

    # ---- entry points ---------------------------------------------------------------------

    async def run(
        self,
        workflow_id: str,
        mutate: Callable[[Workflow, Changes], R],
        *,
        missing: Callable[[], Exception] | None = None,
    ) -> R:
        fair = self.fair
        small = False  # this is a small workflow's operation, counted as in flight
        began = 0.0
        try:
            async with self.locks.hold(workflow_id):
                for _attempt in range(8):
                    read_sizes: dict[str, int] = {}
                    loaded = await self._current(workflow_id, read_sizes)
                    if loaded is None:
                        raise (
                            missing() if missing else NotFound(f"No such workflow found by id: {workflow_id}")
                        )
                    workflow, rev = loaded
                    # Small workflows first (engine/fair_share.py).
                    if fair.is_large(len(workflow.tasks)):
                        began = await fair.large_turn()
                    elif not small:
                        small = True
                        fair.begin_small()
                    changes = Changes(json_sizes=read_sizes)
                    # Before the caller's changes: what the workflow held was checked when it
                    # arrived; only new data (a worker's output, a rerun's input, ...) is measured.
                    guard = PayloadGuard(self.limits, workflow.tasks, index_of(workflow).pos)
                    try:
                        result = mutate(workflow, changes)
                        if changes.skip:
                            return result
                        rev = await self.process(workflow, rev, changes, guard)
                    except ConcurrentModification:
                        self.forget(workflow_id)
                        log.debug("concurrent update of %s, retrying", workflow_id)
                        continue
                    except BaseException:
                        self.forget(workflow_id)  # the in-memory copy may be half-changed
                        raise
                    self._remember(workflow, rev, changes)
                    break
                else:
                    raise Transient(f"Workflow {workflow_id} is being updated concurrently, try again")
                if not small:
                    fair.large_done(began)
                    await fair.yield_to_small()
            await self._after_commit(changes, workflow_id)
            return result
        finally:
            if small:
                fair.end_small()

    def _remember(self, workflow: Workflow, rev: int, changes: Changes) -> None:
        workflow_id = workflow.workflow_id
        if workflow.status.is_terminal or self.cache_size <= 0:
            self.forget(workflow_id)
            return
        size = self._sizes.get(workflow_id)
        if size is None:
            size = self._sizes[workflow_id] = _EntrySize()
        self._cached_bytes -= size.total
        size.update(changes.json_sizes, changes.deleted)
        self._cached_bytes += size.total
        self._cache[workflow_id] = (workflow, rev)
        self._cache.move_to_end(workflow_id)
        while self._cache and (len(self._cache) > self.cache_size or self._cached_bytes > self.cache_bytes):
            self.forget(next(iter(self._cache)))

    def forget(self, workflow_id: str) -> None:
        """Drop the cached copy (after a direct database change such as a removal)."""
        self._cache.pop(workflow_id, None)
        size = self._sizes.pop(workflow_id, None)
        if size is not None:
            self._cached_bytes -= size.total

    async def _current(self, workflow_id: str, sizes: dict[str, int]) -> tuple[Workflow, int] | None:
        """The workflow as committed and its row version (None: no such workflow): the cached
        copy when there is one, else read whole (``sizes`` receives the JSON lengths read)."""
        cached = self._cache.get(workflow_id)
        if cached is None:
            return await self.db.read(partial(_load, workflow_id=workflow_id, sizes=sizes))
        if not self.db.shared:
            return cached
        workflow, rev = cached
        caught_up: dict[str, int] = {}
        found = await self.db.read(
            partial(_changes_since, workflow_id=workflow_id, rev=rev, sizes=caught_up), snapshot=False
        )
        if found is None or found.reset:
            # Gone, or tasks deleted / input or definition replaced elsewhere: read it whole.
            self.forget(workflow_id)
            if found is None:
                return None
            return await self.db.read(partial(_load, workflow_id=workflow_id, sizes=sizes))
        if found.workflow is not None and found.workflow.status.is_terminal:
            # Ended elsewhere: no longer kept. Read whole (once: an ended workflow rarely
            # changes again), so a rerun that revives it is remembered with its full size.
            self.forget(workflow_id)
            return await self.db.read(partial(_load, workflow_id=workflow_id, sizes=sizes))
        _catch_up(workflow, found)
        # The copy is current now, even if this operation ends up writing nothing (skip).
        self._cache[workflow_id] = (workflow, found.rev)
        size = self._sizes[workflow_id]
        self._cached_bytes -= size.total
        size.update(caught_up, set())
        self._cached_bytes += size.total
        return workflow, found.rev

    def cache_usage(self) -> tuple[int, int]:
        """(workflows, JSON bytes) held by the cache of running workflows."""
        return len(self._cache), self._cached_bytes

    def note_task(self, task: Task) -> None:
        """Keep a cached workflow in step with a task changed outside the runner (a poll claim)."""
        entry = self._cache.get(task.workflow_instance_id)
        if entry is not None:
            replace_task(entry[0], task)

    async def create(self, workflow: Workflow, in_commit: CommitJob | None = None) -> None:
        """Insert a new workflow and make its first decision, in one transaction (which also
        runs `in_commit`; an exception from it rolls the whole start back)."""
        changes = Changes(insert=True)
        if in_commit is not None:
            changes.in_commit(in_commit)
        # A start is a small workflow's operation (engine/fair_share.py): a fan-out only becomes
        # large once its branches are scheduled, by this very operation.
        self.fair.begin_small()
        try:
            async with self.locks.hold(workflow.workflow_id):
                try:
                    rev = await self.process(workflow, 0, changes, PayloadGuard(self.limits, []))
                except BaseException:
                    self.forget(workflow.workflow_id)
                    raise
                self._remember(workflow, rev, changes)
            await self._after_commit(changes, workflow.workflow_id)
        finally:
            self.fair.end_small()

    async def decide(self, workflow_id: str) -> Workflow | None:
        """Re-evaluate a workflow (sweeper, PUT /workflow/decide)."""
        try:
            return await self.run(workflow_id, lambda wf, ch: wf, missing=lambda: _Missing())
        except _Missing:
            await self.db.write(lambda tx: tx.remove(DECIDER_QUEUE, workflow_id))
            return None

    async def wait_for_change(self, workflow_id: str, seconds: float) -> bool:
        """Wait until this process commits a change to the workflow (or `seconds` pass)."""
        event = self._watchers.setdefault(workflow_id, asyncio.Event())
        try:
            await asyncio.wait_for(event.wait(), seconds)
            return True
        except TimeoutError:
            # Nobody may wait again (the workflow ended elsewhere, the client left): leave
            # nothing behind for a commit that may never come.
            if self._watchers.get(workflow_id) is event:
                del self._watchers[workflow_id]
            self._unblocked.pop(workflow_id, None)
            return False

    def still_running_unblocked(self, workflow_id: str) -> bool:
        """True when the commit that last woke `wait_for_change` left the workflow running with
        no WAIT and no SUB_WORKFLOW still open: a synchronous execution waiting for its end or
        for a block can keep waiting without reading it again (known from memory, once)."""
        return self._unblocked.pop(workflow_id, False)

    # ---- the decide loop ------------------------------------------------------------------

    async def process(self, workflow: Workflow, rev: int, changes: Changes, guard: PayloadGuard) -> int:
        """Decide and commit; returns the workflow row's new version. ``guard`` knows the task
        payloads the workflow held before this operation (see PayloadGuard)."""
        now = self.clock.now_ms()
        for task in changes.tasks.values():
            replace_task(workflow, task)
        self._enforce_payload_limits(workflow, changes, guard)
        if changes.termination is not None:
            await self._terminate(workflow, changes.termination, changes, now)
        elif changes.decide and not workflow.status.is_terminal:
            await self._evaluate(workflow, changes, now, guard)
        workflow.update_time = now
        return await self._commit(workflow, rev, changes, now)

    async def _evaluate(self, workflow: Workflow, changes: Changes, now: int, guard: PayloadGuard) -> None:
        started = time.monotonic()
        metadata = MetadataView()
        for _ in range(MAX_PASSES):
            decision = await self._decide(workflow, now, metadata)
            self._apply(workflow, decision, changes, now)
            if decision.termination is not None:
                await self._terminate(workflow, decision.termination, changes, now)
                return
            if decision.complete:
                await self._complete(workflow, changes, now)
                return
            # New tasks' inputs before any system task runs on them, then system tasks' outputs.
            rejected = self._enforce_payload_limits(workflow, changes, guard)
            progressed = await self._run_sync_system_tasks(workflow, changes, now)
            rejected = self._enforce_payload_limits(workflow, changes, guard) or rejected
            if not progressed and not rejected:
                return
            if (time.monotonic() - started) * 1000 > MAX_DECIDE_MS:
                break
        log.info("workflow %s: decide budget used up; continuing in a new decide", workflow.workflow_id)
        changes.recheck_now = True

    async def _decide(self, workflow: Workflow, now: int, metadata: MetadataView) -> Decision:
        """Run the pure decider, fetching the definitions it asks for by name (fresh from the
        store for each operation, so a just-registered definition is always seen)."""
        for _ in range(MAX_LOOKUPS):
            decision = decide(workflow, now, metadata=metadata)
            if CHECK_DECIDER and decision.missing is None:
                mismatch = decision_mismatch(workflow, now, metadata, decision)
                if mismatch is not None:
                    raise AssertionError(f"incremental decide differs from the full one: {mismatch}")
            need = decision.missing
            if need is None:
                return decision
            if need.kind == "taskDef":
                metadata.task_defs[need.name] = await self.db.read(partial(_task_def, name=need.name))
            else:
                latest = await self.db.read(partial(_latest_def, name=need.name))
                metadata.latest_versions[need.name] = latest.version if latest is not None else None
        raise Transient(f"Workflow {workflow.workflow_id} needs too many definitions in one decision")

    def _apply(self, workflow: Workflow, decision: Decision, changes: Changes, now: int) -> None:
        for task in decision.updated_tasks:
            replace_task(workflow, task)
            changes.put(task)
            if task.status.is_terminal:
                changes.dequeue(task.task_id)
        seq = index_of(workflow).max_seq
        for task in decision.new_tasks:
            seq += 1
            task.seq = seq
            if task.first_scheduled_time == 0:
                task.first_scheduled_time = now
            task.update_time = now
            if is_worker_type(task.task_type) or task.task_type in ASYNC_SYSTEM_TYPES:
                if is_worker_type(task.task_type):
                    task.domain = self._domain_for(workflow, task, now)
                delay = task.callback_after_seconds * 1000 + decision.jitter_ms.get(task.task_id, 0)
                changes.enqueue(task, now + delay, priority=workflow.priority)
            replace_task(workflow, task)
            changes.put(task)

    def _enforce_payload_limits(self, workflow: Workflow, changes: Changes, guard: PayloadGuard) -> bool:
        """Fail (terminally) the changed tasks whose new input or output is above its maximum;
        True when any was."""
        rejected = False
        for task in list(changes.tasks.values()):
            failed = guard.check(task)
            if failed is None:
                continue
            if failed.end_time == 0:
                failed.end_time = failed.update_time or self.clock.now_ms()
            replace_task(workflow, failed)
            changes.put(failed)
            # A worker task scheduled in this very decision must not be announced to pollers.
            changes.withdraw(failed.task_id)
            rejected = True
        return rejected

    def _domain_for(self, workflow: Workflow, task: Task, now: int) -> str | None:
        mapping = workflow.task_to_domain
        if not mapping:
            return None
        domains = mapping.get(task.task_def_name) or mapping.get(task.task_type) or mapping.get("*")
        if not domains:
            return None
        candidates = [d.strip() for d in domains.split(",") if d.strip()]
        for domain in candidates:
            if domain == "NO_DOMAIN":
                continue
            if now - self.last_poll(task.task_type, domain) <= ACTIVE_WORKER_WINDOW_MS:
                return domain
        last = candidates[-1] if candidates else None
        return None if last in (None, "NO_DOMAIN") else last

    async def _run_sync_system_tasks(self, workflow: Workflow, changes: Changes, now: int) -> bool:
        """Start / execute every non-terminal synchronous system task; True if any changed."""
        progressed = False
        ix = index_of(workflow)
        active = [ids for task_type, ids in ix.nonterminal.items() if task_type in SYNC_SYSTEM_TYPES and ids]
        for task in ix.in_order(set().union(*active)) if active else []:
            if task.status.is_terminal or task.task_type not in SYNC_SYSTEM_TYPES or task.retried:
                continue
            if workflow.tasks is not ix.tasks and workflow.task_by_id(task.task_id) is None:
                continue  # dropped by a loop's keepLastN earlier in this pass
            impl = self.systasks.get(task.task_type)
            if impl is None:
                if task.status is TaskStatus.SCHEDULED:
                    updated: Task | None = replace(
                        task,
                        status=TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                        reason_for_incompletion=f"Task type {task.task_type} is not supported by this server",
                        start_time=now,
                        end_time=now,
                    )
                else:
                    updated = None
            elif task.status is TaskStatus.SCHEDULED:
                started = replace(task, status=TaskStatus.IN_PROGRESS, start_time=now, update_time=now)
                updated = await impl.start(started, workflow, self.systask_ctx) or started
            else:
                tasks_before = workflow.tasks
                updated = await impl.execute(task, workflow, self.systask_ctx)
                if workflow.tasks is not tasks_before:
                    # The task dropped others (a system task that does so assigns a new list).
                    kept = {t.task_id for t in workflow.tasks}
                    for gone in tasks_before:
                        if gone.task_id not in kept:
                            changes.delete(gone.task_id)
            if updated is not None:
                if updated.status.is_terminal and updated.end_time == 0:
                    updated.end_time = now
                updated.update_time = now
                replace_task(workflow, updated)
                changes.put(updated)
                if (
                    updated.status.is_terminal
                    or updated.status is not task.status
                    or updated.output_data != task.output_data
                ):
                    progressed = True
        return progressed

    # ---- endings --------------------------------------------------------------------------

    async def _complete(self, workflow: Workflow, changes: Changes, now: int) -> None:
        terminate = next(
            (
                t
                for t in workflow.tasks
                if t.task_type == "TERMINATE" and t.status.is_terminal and t.status.is_successful
            ),
            None,
        )
        if terminate is not None:
            status = str(terminate.input_data.get("terminationStatus", "COMPLETED"))
            reason = terminate.input_data.get("terminationReason")
            text = str(reason) if reason else f"Workflow is {status} by TERMINATE task: {terminate.task_id}"
            if status in ("FAILED", "TERMINATED"):
                await self._terminate(
                    workflow, Termination(WorkflowStatus(status), text, terminate), changes, now
                )
                return
            workflow.reason_for_incompletion = text
        output = workflow_output(workflow)
        too_large = self._output_too_large(workflow, output)
        if too_large is not None:
            await self._terminate(workflow, Termination(WorkflowStatus.FAILED, too_large), changes, now)
            return
        workflow.status = WorkflowStatus.COMPLETED
        workflow.end_time = now
        workflow.output = output
        self._record_failed_names(workflow)
        await self._cancel_pending(workflow, changes, now, "Workflow completed")
        changes.after_commit.append(self._ended_hook(workflow, False))

    async def _terminate(self, workflow: Workflow, term: Termination, changes: Changes, now: int) -> None:
        workflow.status = term.status
        workflow.reason_for_incompletion = term.reason
        workflow.end_time = now
        if term.failed_task is not None:
            workflow.failed_task_id = term.failed_task.task_id
        self._record_failed_names(workflow)
        await self._cancel_pending(workflow, changes, now, term.reason)
        try:
            output = workflow_output(workflow)
            # Conductor empties an output above the maximum; the termination itself stands.
            workflow.output = {} if self._output_too_large(workflow, output) else output
        except Exception:  # output expressions must not block a termination
            log.exception("workflow %s: output evaluation failed during termination", workflow.workflow_id)
        changes.after_commit.append(self._ended_hook(workflow, changes.run_failure_workflow))

    def _output_too_large(self, workflow: Workflow, output: dict[str, object]) -> str | None:
        limits = self.limits
        return workflow_payload_error(
            "output", output, limits.workflow_output_warn, limits.workflow_output_max, workflow.workflow_id
        )

    def _ended_hook(self, workflow: Workflow, failure_path: bool) -> Callable[[], Awaitable[None]]:
        async def hook() -> None:
            ended = "COMPLETED" if workflow.status is WorkflowStatus.COMPLETED else "TERMINATED"
            self.status_listener.notify(workflow, ended)
            self.status_listener.notify(workflow, "FINALIZED")
            if self.on_workflow_ended is not None:
                await self.on_workflow_ended(workflow, failure_path)

        return hook

    @staticmethod
    def _record_failed_names(workflow: Workflow) -> None:
        failed = [
            t
            for t in workflow.tasks
            if t.status in (TaskStatus.FAILED, TaskStatus.FAILED_WITH_TERMINAL_ERROR, TaskStatus.TIMED_OUT)
        ]
        workflow.failed_reference_task_names = sorted({t.reference_task_name for t in failed})
        workflow.failed_task_names = sorted({t.task_def_name for t in failed})

    async def _cancel_pending(self, workflow: Workflow, changes: Changes, now: int, reason: str) -> None:
        ix = index_of(workflow)
        for task in ix.in_order(set().union(*ix.nonterminal.values())):
            if task.status.is_terminal:
                continue
            canceled = replace(task, status=TaskStatus.CANCELED, end_time=now, update_time=now)
            if task.reason_for_incompletion is None:
                canceled.reason_for_incompletion = reason
            impl = self.systasks.get(task.task_type)
            if impl is not None:
                try:
                    await impl.cancel(canceled, workflow, self.systask_ctx)
                except Exception:
                    log.exception("cancel of task %s failed", task.task_id)
            replace_task(workflow, canceled)
            changes.put(canceled)
            changes.dequeue(task.task_id)

    # ---- commit ---------------------------------------------------------------------------

    def next_check(self, workflow: Workflow, now: int) -> int:
        # A deadline already behind us that this decide left alone (an ALERT_ONLY timeout, a
        # wait in a paused workflow) will not act later either: waking for it again at once
        # would spin the sweeper. Resume and every other change decide anew anyway.
        times = [
            t for t in (workflow_deadline(workflow), tracker_of(workflow).next_after(now)) if t is not None
        ]
        times = [t for t in times if t >= now]
        return min(times) + 1 if times else now + IDLE_RECHECK_MS

    async def _commit(self, workflow: Workflow, rev: int, changes: Changes, now: int) -> int:
        terminal = workflow.status.is_terminal
        next_check = 0 if terminal else (now if changes.recheck_now else self.next_check(workflow, now))
        tasks = list(changes.tasks.values())
        released = [
            t.task_def_name
            for t in tasks
            if t.status.is_terminal and (task_def_of(t.workflow_task).concurrent_exec_limit or 0) > 0
        ]

        # Polls already waiting for the tasks this commit makes pollable get them claimed in
        # this same transaction (queue/wakeup.py `HandOff`).
        visible: dict[str, int] = {}
        for push in changes.pushes:
            if push.deliver_on <= now:
                visible[push.queue] = visible.get(push.queue, 0) + 1
        hand_offs = [r for queue, n in visible.items() for r in self.signals.reserve(queue, n)]

        def job(tx: WorkflowStore) -> int:
            if changes.insert:
                tx.insert_workflow(workflow)
                new_rev = 1
            else:
                new_rev = tx.update_workflow(workflow, rev)
            tx.upsert_tasks(tasks)
            for task_id in changes.deleted:
                tx.delete_task(task_id)
                tx.remove_message_everywhere(task_id)
            for task_id in changes.removals:
                tx.remove_message_everywhere(task_id)
            for push in changes.pushes:
                tx.push(push.queue, push.message_id, push.priority, push.deliver_on, now)
            for name in released:
                tx.make_visible_first(name, now)
            tx.add_logs(changes.logs)
            if terminal:
                tx.remove(DECIDER_QUEUE, workflow.workflow_id)
            else:
                tx.push(DECIDER_QUEUE, workflow.workflow_id, 0, next_check, now)
            for extra in changes.jobs:
                extra(tx)
            # After the change's own jobs: an update-v2's claim for its worker goes first.
            for reservation in hand_offs:
                reservation.run(tx)
            written = tx.json_sizes
            for key in (workflow.workflow_id, static_key(workflow.workflow_id), *changes.tasks):
                if key in written:
                    changes.json_sizes[key] = written[key]
            return new_rev

        try:
            new_rev = await self.db.write(job)
        except BaseException:
            for reservation in hand_offs:
                reservation.release()
            raise
        unclaimed = dict(visible)
        for reservation in hand_offs:
            # This workflow's own tasks claimed for a poll: the copy about to be cached (and
            # answered from) must show them running, as the database does.
            for claimed in reservation.claimed:
                if claimed.workflow_instance_id == workflow.workflow_id:
                    replace_task(workflow, claimed)
            queue = reservation.queue
            try:
                unclaimed[queue] -= reservation.deliver()
            except Exception:  # the commit stands: the other polls must still get their answer
                log.exception("post-commit bookkeeping of a hand-off to a poll of %s failed", queue)
            if not reservation.hand_off.drained:
                # It found older messages too: wake as many polls as if nothing had been claimed.
                unclaimed[queue] = visible[queue]
        if self.on_tasks_committed is not None and tasks:
            self.on_tasks_committed(workflow, tasks)
        watcher = self._watchers.pop(workflow.workflow_id, None)
        if watcher is not None:
            running = index_of(workflow).nonterminal
            if terminal or any(running.get(kind) for kind in _MAY_BLOCK):
                self._unblocked.pop(workflow.workflow_id, None)
            else:
                self._unblocked[workflow.workflow_id] = True
            watcher.set()
        for queue, count in unclaimed.items():
            if count > 0:
                self.signals.notify(queue, count)
        for push in changes.pushes:
            if push.deliver_on > now:
                self.signals.notify_at(push.queue, push.deliver_on)
        for name in released:
            self.signals.notify(name)
        if not terminal:
            self.on_timer(next_check)
        return new_rev

    @staticmethod
    async def _after_commit(changes: Changes, workflow_id: str) -> None:
        """Hooks run once the workflow's lock is released: they may change this workflow again
        (record the failure workflow's id) or its parent."""
        for hook in changes.after_commit:
            try:
                await hook()
            except Exception:
                log.exception("post-commit hook failed for workflow %s", workflow_id)


class _Missing(Exception):
    pass


# Task types whose open tasks can make a synchronous execution answer before the end
# (services/workflows.py::blocking_path).
_MAY_BLOCK = (TaskType.WAIT, TaskType.SUB_WORKFLOW)

# Default byte budget of the running-workflow cache (PYCONDUCTOR_WORKFLOW_CACHE_MB).
DEFAULT_CACHE_BYTES = 128 * 1024 * 1024


class _EntrySize:
    """JSON bytes of one cached workflow: its row plus each of its task rows."""

    __slots__ = ("parts", "total")

    def __init__(self) -> None:
        self.parts: dict[str, int] = {}
        self.total = 0

    def update(self, sizes: dict[str, int], deleted: set[str]) -> None:
        parts = self.parts
        for key, size in sizes.items():
            self.total += size - parts.get(key, 0)
            parts[key] = size
        for key in deleted:
            self.total -= parts.pop(key, 0)


def _load(tx: WorkflowStore, workflow_id: str, sizes: dict[str, int]) -> tuple[Workflow, int] | None:
    return tx.get_workflow(workflow_id, sizes=sizes)


def _changes_since(
    tx: WorkflowStore, workflow_id: str, rev: int, sizes: dict[str, int]
) -> WorkflowChanges | None:
    return tx.workflow_changes(workflow_id, rev, sizes=sizes)


# Workflow fields a cached copy keeps when its row is read again: the tasks come from their own
# rows, the input and definition from the static row (which `reset` covers).
_NOT_IN_ROW = frozenset({"tasks", "input", "workflow_definition"})


def _catch_up(workflow: Workflow, found: WorkflowChanges) -> None:
    """Bring a cached copy up to date in place, keeping its task index and deadline heap: the
    workflow row's fields when its revision moved, then each task row written since (new tasks
    come in seq order after every task the copy has, so `replace_task` appends them in place)."""
    if found.workflow is not None:
        for name in Workflow.__struct_fields__:
            if name not in _NOT_IN_ROW:
                setattr(workflow, name, getattr(found.workflow, name))
    for task in found.tasks:
        replace_task(workflow, task)


def _task_def(tx: WorkflowStore, name: str) -> TaskDef | None:
    return tx.get_task_def(name)


def _latest_def(tx: WorkflowStore, name: str) -> WorkflowDef | None:
    return tx.get_workflow_def(name, None)
