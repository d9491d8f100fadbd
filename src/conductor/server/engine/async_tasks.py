"""Runs asynchronous system tasks (HTTP, ...) from their queues, outside any workflow lock.

A task's queue message is leased (invisible, not deleted) while the call runs; the result is
applied through the workflow runner, which removes the message in the same transaction. If the
server dies mid-call the lease expires and the task runs again (at-least-once, as Conductor).
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from msgspec.structs import replace

from conductor.server.clock import Clock
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.engine.runner import Changes, WorkflowRunner
from conductor.server.engine.store import WorkflowStore
from conductor.server.persistence.database import Database
from conductor.server.queue.wakeup import QueueSignals
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.http import DEFAULT_MAX_DURATION_S, call_budget_ms
from conductor.server.systasks.registry import SystemTaskRegistry

log = logging.getLogger("conductor.server.systasks")

LEASE_MS = 120_000
LEASE_MARGIN_MS = 30_000
# A task of a workflow that already has its share of calls in flight waits this long in its
# queue (behind other workflows' tasks, which are leased in delivery order).
SHARE_RETRY_MS = 1_000


class AsyncTaskRunner:
    def __init__(
        self,
        db: Database,
        runner: WorkflowRunner,
        registry: SystemTaskRegistry,
        ctx: SystemTaskContext,
        signals: QueueSignals,
        clock: Clock,
        concurrency: int = 64,
        per_workflow: int = 16,
    ) -> None:
        self.db = db
        self.runner = runner
        self.registry = registry
        self.ctx = ctx
        self.signals = signals
        self.clock = clock
        self._slots = asyncio.Semaphore(concurrency)
        self._concurrency = concurrency
        # One workflow (a fork of a thousand calls to a slow endpoint) may hold only this many of
        # the slots, so other workflows' calls still run.
        self.per_workflow = per_workflow
        self._in_flight: dict[str, int] = {}
        self._loops: list[asyncio.Task[None]] = []
        self._running: set[asyncio.Task[None]] = set()
        self._stopped = False

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        for task_type in self.registry.async_types():
            self._loops.append(loop.create_task(self._poll(task_type), name=f"systask-{task_type}"))

    async def stop(self) -> None:
        self._stopped = True
        for t in self._loops:
            t.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)
        if self._running:
            await asyncio.wait(self._running, timeout=5)

    async def _poll(self, queue: str) -> None:
        idle_s = 5.0 if self.db.shared else 60.0
        while not self._stopped:
            try:
                free = max(1, self._concurrency - len(self._running))
                now = self.clock.now_ms()
                ids = await self.db.write(partial(_lease, queue=queue, count=free, now=now))
            except Exception:
                log.exception("polling system task queue %s failed", queue)
                await asyncio.sleep(1.0)
                continue
            if not ids:
                await self.signals.wait(queue, idle_s)
                continue
            for task_id in ids:
                await self._slots.acquire()
                job = asyncio.get_running_loop().create_task(self._run_one(queue, task_id))
                self._running.add(job)
                job.add_done_callback(self._done)

    def _done(self, job: asyncio.Task[None]) -> None:
        self._running.discard(job)
        self._slots.release()

    async def _run_one(self, queue: str, task_id: str) -> None:
        try:
            await self._execute(queue, task_id)
        except Exception:
            log.exception("system task %s failed unexpectedly; it will be retried after its lease", task_id)

    async def _execute(self, queue: str, task_id: str) -> None:
        task = await self.db.read(lambda tx: tx.get_task(task_id))
        if task is None or task.status.is_terminal:
            await self.db.write(lambda tx: tx.remove(queue, task_id))
            return
        workflow_id = task.workflow_instance_id
        if 0 < self.per_workflow <= self._in_flight.get(workflow_id, 0):
            later = self.clock.now_ms() + SHARE_RETRY_MS
            await self.db.write(
                lambda tx: tx.push(queue, task_id, task.workflow_priority, later, self.clock.now_ms())
            )
            self.signals.notify_at(queue, later)
            return
        self._in_flight[workflow_id] = self._in_flight.get(workflow_id, 0) + 1
        try:
            await self._call(queue, task)
        finally:
            left = self._in_flight.pop(workflow_id) - 1
            if left > 0:
                self._in_flight[workflow_id] = left

    async def _call(self, queue: str, task: Task) -> None:
        task_id = task.task_id
        loaded = await self.db.read(lambda tx: tx.get_workflow(task.workflow_instance_id))
        if loaded is None or loaded[0].status.is_terminal:
            await self.db.write(lambda tx: tx.remove(queue, task_id))
            return
        impl = self.registry.get(task.task_type)
        if impl is None:
            return
        now = self.clock.now_ms()
        needed = _expected_duration_ms(task, self.ctx.http) + LEASE_MARGIN_MS
        if needed > LEASE_MS:
            # A call allowed to run longer than the default lease must not be handed out again.
            await self.db.write(lambda tx: tx.push(queue, task_id, task.workflow_priority, now + needed, now))
        running = replace(
            task,
            status=TaskStatus.IN_PROGRESS,
            start_time=task.start_time or now,
            poll_count=task.poll_count + 1,
        )
        result = await impl.start(running, loaded[0], self.ctx) or running

        def apply(wf: Workflow, changes: Changes) -> None:
            current = wf.task_by_id(task_id)
            changes.dequeue(task_id)
            if current is None or current.status.is_terminal or wf.status.is_terminal:
                changes.decide = False
                return
            done: Task = replace(result, update_time=self.clock.now_ms())
            if done.status.is_terminal:
                done.end_time = self.clock.now_ms()
            changes.put(done)

        await self.runner.run(task.workflow_instance_id, apply)


def _lease(tx: WorkflowStore, queue: str, count: int, now: int) -> list[str]:
    return tx.lease(queue, count, now, now + LEASE_MS)


def _expected_duration_ms(task: Task, http: object) -> int:
    """How long the task's own timeouts let it run (HTTP: its overall call budget, in ms)."""
    request = task.input_data.get("http_request")
    if not isinstance(request, dict):
        request = task.input_data
    max_duration_s = getattr(http, "max_duration_s", DEFAULT_MAX_DURATION_S)
    return call_budget_ms(request, max_duration_s)
