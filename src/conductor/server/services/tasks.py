"""Task use cases for workers and clients: long-poll, results, logs, queues, poll data."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Any

from msgspec.structs import replace

from conductor.server.clock import Clock
from conductor.server.domain.errors import BadRequest, NotFound, ValidationFailed, Violation
from conductor.server.domain.execution import PollData, Task, TaskExecLog, Workflow
from conductor.server.domain.requests import TaskResult
from conductor.server.domain.status import TaskResultStatus, TaskStatus
from conductor.server.engine.mappers import task_def_of
from conductor.server.engine.runner import Changes, WorkflowRunner
from conductor.server.engine.task_types import is_worker_type
from conductor.server.metrics import Metrics
from conductor.server.persistence.database import Database
from conductor.server.persistence.search import SearchQuery, WorkflowSearchResult
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.queue.names import DECIDER_QUEUE, queue_name
from conductor.server.queue.wakeup import Gone, QueueSignals

MAX_POLL_TIMEOUT_MS = 5000
MAX_REASON = 500
# A dispatch refused by concurrentExecLimit / rate limit is retried this much later, unless a
# completing task of the same type releases it earlier (docs/engine.md §5.5).
POSTPONE_MS = 60_000
MAX_LOGS_PER_UPDATE = 10
# (task type, domain) pairs whose last poll is remembered in memory. Task types are whatever
# workers poll for, so the least recently polled are forgotten beyond this many (their poll
# data stays in the database; only a domain idle for longer than the whole set is affected).
MAX_POLLED_QUEUES = 10_000


class TaskService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        runner: WorkflowRunner,
        signals: QueueSignals,
        metrics: Metrics | None = None,
    ) -> None:
        self.metrics = metrics or Metrics()
        self.db = db
        self.clock = clock
        self.runner = runner
        self.signals = signals
        # (task_type, domain) -> last poll time; drives task-to-domain selection without I/O.
        # Also when it was last written to the database. Least recently polled first.
        self._last_poll: OrderedDict[tuple[str, str | None], int] = OrderedDict()
        self._poll_written: dict[tuple[str, str | None], int] = {}
        self.max_polled_queues = MAX_POLLED_QUEUES
        self._handing_back: set[asyncio.Task[None]] = set()

    def last_poll(self, task_type: str, domain: str | None) -> int:
        return self._last_poll.get((task_type, domain), 0)

    # ---- polling --------------------------------------------------------------------------

    async def poll(
        self,
        task_type: str,
        worker_id: str | None,
        domain: str | None,
        count: int,
        timeout_ms: int,
        gone: Gone | None = None,
    ) -> list[Task]:
        """Long-poll for up to `count` tasks. `gone` is set when the client disconnected: a
        long-poll must never hand tasks to a worker that is no longer there."""
        if timeout_ms > MAX_POLL_TIMEOUT_MS:
            raise BadRequest("Long Poll Timeout value cannot be more than 5 seconds")
        domain = domain or None
        count = max(count, 1)
        queue = queue_name(task_type, domain)
        deadline = time.monotonic() + max(timeout_ms, 0) / 1000
        first = True  # a long-poll is one poll in `task_poll`, however often it looks
        handed: list[Task] | None = None  # what a commit claimed for this poll while it waited

        def claimer() -> _ClaimJob:
            job = self._claim_job(queue, task_type, domain, worker_id, count)
            job.counted = False
            return job

        while True:
            if handed:
                tasks = handed
            elif gone is not None and gone.is_set:
                return []
            elif self.signals.known_empty(queue):
                tasks = []
                await self._record_idle_poll(task_type, domain, worker_id, counted=first)
            else:
                tasks = await self._claim(queue, task_type, domain, worker_id, count, counted=first)
            first = False
            if tasks and gone is not None and gone.is_set:
                await self.hand_back(tasks)
                return []
            remaining = deadline - time.monotonic()
            if tasks or remaining <= 0 or self.signals.closing:
                return tasks
            woken = await self.signals.wait(queue, remaining, gone, claimer)
            handed = woken if isinstance(woken, list) else None

    def hand_back_later(self, tasks: list[Task]) -> None:
        """`hand_back` from synchronous code (a hand-off whose poll was gone by its commit)."""
        job = asyncio.get_running_loop().create_task(self.hand_back(tasks))
        self._handing_back.add(job)  # a strong reference until it is done
        job.add_done_callback(self._handing_back.discard)

    async def hand_back(self, tasks: list[Task]) -> None:
        """Undo claims whose poller vanished: the tasks become pollable again at once."""
        for claimed in tasks:

            def mutate(wf: Workflow, changes: Changes, claimed: Task = claimed) -> None:
                task = wf.task_by_id(claimed.task_id)
                if task is None or task.status is not TaskStatus.IN_PROGRESS or wf.status.is_terminal:
                    changes.skip = True
                    return
                now = self.clock.now_ms()
                changes.put(
                    replace(
                        task,
                        status=TaskStatus.SCHEDULED,
                        poll_count=max(task.poll_count - 1, 0),
                        update_time=now,
                    )
                )
                changes.enqueue(task, now, priority=wf.priority)
                changes.decide = False

            await self.runner.run(claimed.workflow_instance_id, mutate)

    async def _record_idle_poll(
        self, task_type: str, domain: str | None, worker_id: str | None, counted: bool = True
    ) -> None:
        """An empty poll answered from memory still counts as a poll (metrics, poll data)."""
        now = self.clock.now_ms()
        key = (task_type, domain)
        self._note_poll(key, now)
        if counted:
            self.metrics.inc("task_poll", taskType=task_type)
        if now - self._poll_written.get(key, 0) >= 1000:
            self._poll_written[key] = now
            await self.db.write(lambda tx: tx.record_poll(task_type, domain, worker_id, now))

    def _note_poll(self, key: tuple[str, str | None], now: int) -> None:
        self._last_poll[key] = now
        self._last_poll.move_to_end(key)
        while len(self._last_poll) > self.max_polled_queues:
            forgotten, _ = self._last_poll.popitem(last=False)
            self._poll_written.pop(forgotten, None)

    def polled_queues(self) -> int:
        """How many (task type, domain) pairs the in-memory poll state holds."""
        return len(self._last_poll)

    async def _claim(
        self,
        queue: str,
        task_type: str,
        domain: str | None,
        worker_id: str | None,
        count: int,
        counted: bool = True,
    ) -> list[Task]:
        claim = self._claim_job(queue, task_type, domain, worker_id, count)
        claim.counted = counted
        claimed = await self.db.write(claim.run)
        claim.finish(claimed)
        return claimed

    def _claim_job(
        self, queue: str, task_type: str, domain: str | None, worker_id: str | None, count: int
    ) -> _ClaimJob:
        now = self.clock.now_ms()
        key = (task_type, domain)
        self._note_poll(key, now)
        # Poll data is advisory: write it at most once a second per queue, not on every poll.
        record = now - self._poll_written.get(key, 0) >= 1000
        if record:
            self._poll_written[key] = now
        return _ClaimJob(self, queue, task_type, domain, worker_id, count, now, record)

    # ---- results --------------------------------------------------------------------------

    @staticmethod
    def _check_result(result: TaskResult) -> tuple[str, str]:
        violations = []
        if not result.workflow_instance_id:
            violations.append(
                Violation("updateTask.taskResult.workflowInstanceId", "Workflow Id cannot be null or empty")
            )
        if not result.task_id:
            violations.append(Violation("updateTask.taskResult.taskId", "Task ID cannot be null or empty"))
        if violations:
            raise ValidationFailed(violations)
        if result.status is None and not result.extend_lease:
            raise ValidationFailed([Violation("updateTask.taskResult.status", "Task status cannot be null")])
        return result.workflow_instance_id or "", result.task_id or ""

    async def update(self, result: TaskResult, then_claim: list[Task] | None = None) -> Task | None:
        """Apply a worker's result; returns the updated task (None when it was a no-op).

        With `then_claim`, a terminal result also claims the worker's next task of the same type
        and domain in the same transaction (update-v2), appending it to the list."""
        workflow_id, task_id = self._check_result(result)
        outcome: list[Task] = []
        claims: list[_ClaimJob] = []
        conflicts: list[tuple[Task, str]] = []

        def mutate(wf: Workflow, changes: Changes) -> None:
            task = wf.task_by_id(task_id)
            if task is None:
                raise NotFound(f"No such task found by id: {task_id}")
            if task.status.is_terminal or wf.status.is_terminal:
                changes.skip = True  # idempotent: late or repeated results are ignored
                conflicts[:] = [(task, wf.workflow_name)]
                return
            now = self.clock.now_ms()
            if result.extend_lease:
                changes.put(replace(task, update_time=now))
                changes.decide = False
                return
            updated = self._apply_result(wf, task, result, changes, now)
            changes.put(updated)
            outcome.append(updated)
            if then_claim is not None and updated.status.is_terminal:
                claim = self._claim_job(
                    queue_name(updated.task_type, updated.domain),
                    updated.task_type,
                    updated.domain,
                    result.worker_id or updated.worker_id,
                    1,
                )
                claims[:] = [claim]
                # Runs last in the commit, after this decision queued the workflow's next tasks.
                changes.in_commit(lambda tx: then_claim.extend(claim.run(tx)))

        await self.runner.run(workflow_id, mutate)
        if claims and then_claim is not None:
            claims[0].finish(then_claim)
        if outcome:
            self.metrics.inc("task_update", taskType=outcome[0].task_type, status=result.status)
        elif conflicts:
            task, workflow_name = conflicts[0]
            self.metrics.inc(
                "task_update_conflict",
                taskType=task.task_type,
                workflowName=workflow_name,
                taskStatus=task.status.value,
            )
        return outcome[0] if outcome else None

    def _apply_result(self, wf: Workflow, task: Task, result: TaskResult, changes: Changes, now: int) -> Task:
        status = result.status or TaskResultStatus.IN_PROGRESS
        reason = result.reason_for_incompletion
        if reason is not None and len(reason) > MAX_REASON:
            reason = reason[:MAX_REASON]
        fields: dict[str, Any] = {
            "reason_for_incompletion": reason,
            "callback_after_seconds": result.callback_after_seconds,
            "output_data": dict(result.output_data or {}),
            "update_time": now,
            "sub_workflow_id": result.sub_workflow_id,
        }
        if result.worker_id:
            fields["worker_id"] = result.worker_id
        worker_task = is_worker_type(task.task_type)
        if status is TaskResultStatus.IN_PROGRESS and worker_task:
            # "Poll me again later": back to SCHEDULED, visible after callbackAfterSeconds.
            fields["status"] = TaskStatus.SCHEDULED
            delay = max(result.callback_after_seconds, 0) * 1000
            changes.enqueue(task, now + delay, priority=wf.priority)
        else:
            fields["status"] = TaskStatus(status.value)
            if fields["status"].is_terminal:
                fields["end_time"] = now
        for entry in (result.logs or [])[:MAX_LOGS_PER_UPDATE]:
            changes.log(task.task_id, entry.log, entry.created_time or now)
        return replace(task, **fields)

    async def update_v2(self, result: TaskResult) -> Task | None:
        """Update, then hand the same worker its next task of that type and domain (claimed in
        the update's own transaction: one commit and one database round trip per step)."""
        following: list[Task] = []
        await self.update(result, then_claim=following)
        return following[0] if following else None

    async def update_by_ref(
        self,
        workflow_id: str,
        ref: str,
        status: TaskResultStatus,
        output: dict[str, Any],
        worker_id: str | None,
    ) -> str | None:
        """Complete the first pending task with this reference (or its loop iterations)."""
        found: list[str] = []

        def mutate(wf: Workflow, changes: Changes) -> None:
            task = _pending_by_ref(wf, ref)
            if task is None:
                changes.skip = True
                return
            now = self.clock.now_ms()
            result = TaskResult(
                workflow_instance_id=workflow_id,
                task_id=task.task_id,
                status=status,
                output_data={**task.output_data, **output},
                worker_id=worker_id or task.worker_id,
                reason_for_incompletion=task.reason_for_incompletion,
            )
            changes.put(self._apply_result(wf, task, result, changes, now))
            found.append(task.task_id)

        await self.runner.run(workflow_id, mutate)
        return found[0] if found else None

    async def signal(
        self, workflow_id: str, status: TaskResultStatus, output: dict[str, Any], depth: int = 0
    ) -> str | None:
        """Complete the first non-terminal WAIT task of the workflow, else of a running
        sub-workflow (recursively); None when nothing is blocked."""
        found: list[str] = []
        children: list[str] = []

        def mutate(wf: Workflow, changes: Changes) -> None:
            task = next((t for t in wf.tasks if t.task_type == "WAIT" and not t.status.is_terminal), None)
            if task is None:
                children.extend(
                    t.sub_workflow_id
                    for t in wf.tasks
                    if t.task_type == "SUB_WORKFLOW" and t.sub_workflow_id and not t.status.is_terminal
                )
                changes.skip = True
                return
            now = self.clock.now_ms()
            result = TaskResult(
                workflow_instance_id=workflow_id, task_id=task.task_id, status=status, output_data=output
            )
            changes.put(self._apply_result(wf, task, result, changes, now))
            found.append(task.task_id)

        await self.runner.run(workflow_id, mutate)
        if found:
            return found[0]
        if depth < 10:
            for child in children:
                signalled = await self.signal(child, status, output, depth + 1)
                if signalled:
                    return signalled
        return None

    # ---- reads ----------------------------------------------------------------------------

    async def get(self, task_id: str) -> Task:
        task = await self.db.read(lambda tx: tx.get_task(task_id))
        if task is None:
            raise NotFound(f"Task not found for taskId: {task_id}")
        return task

    async def add_log(self, task_id: str, text: str) -> None:
        entry = TaskExecLog(log=text, task_id=task_id, created_time=self.clock.now_ms())
        await self.db.write(lambda tx: tx.add_logs([entry]))

    async def logs(self, task_id: str) -> list[TaskExecLog]:
        return await self.db.read(lambda tx: tx.get_logs(task_id))

    async def queue_size(
        self, task_type: str, domain: str | None, isolation_group: str | None, namespace: str | None
    ) -> int:
        name = queue_name(task_type, domain or None, isolation_group or None, namespace or None)
        return await self.db.read(lambda tx: tx.queue_size(name))

    async def queue_sizes(self, task_types: list[str]) -> dict[str, int]:
        def job(tx: SqlTx) -> dict[str, int]:
            return {t: tx.queue_size(t) for t in task_types}

        return await self.db.read(job)

    async def all_queue_sizes(self) -> dict[str, int]:
        sizes = await self.db.read(lambda tx: tx.queue_sizes())
        sizes.pop(DECIDER_QUEUE, None)
        return sizes

    async def poll_data(self, task_type: str | None) -> list[PollData]:
        return await self.db.read(lambda tx: tx.poll_data(task_type))

    async def requeue(self, task_type: str) -> int:
        """Re-push every SCHEDULED task of this type (repairs a lost queue message)."""
        now = self.clock.now_ms()

        queues: dict[str, int] = {}

        def job(tx: SqlTx) -> int:
            count = 0
            for task in tx.get_tasks(tx.pending_task_ids_of_type(task_type, 10_000)):
                if task.status is TaskStatus.SCHEDULED and is_worker_type(task.task_type):
                    queue = queue_name(task.task_type, task.domain)
                    tx.push(queue, task.task_id, task.workflow_priority, now, now)
                    queues[queue] = queues.get(queue, 0) + 1
                    count += 1
            return count

        count = await self.db.write(job)
        for queue, pushed in queues.items():
            self.signals.notify(queue, pushed)
        return count

    async def search(self, query: SearchQuery) -> WorkflowSearchResult:
        """Task search (/tasks/search): no size cap, as in Conductor."""
        return await self.db.read(lambda tx: query.run(tx))

    async def pending_of_type(self, task_type: str, start: int, count: int) -> list[Task]:
        def job(tx: SqlTx) -> list[Task]:
            return tx.get_tasks(tx.pending_task_ids_of_type(task_type, count, start))

        return await self.db.read(job)


def _pending_by_ref(wf: Workflow, ref: str) -> Task | None:
    for task in wf.tasks:
        if task.reference_task_name == ref and not task.status.is_terminal:
            return task
    for task in wf.tasks:
        base = task.reference_task_name.rsplit("__", 1)[0] if task.iteration > 0 else None
        if base == ref and not task.status.is_terminal:
            return task
    return None


class _ClaimJob:
    """One poll claim: `run` is the database job (any transaction), `finish` the bookkeeping
    after its commit (cache, wake-ups, metrics)."""

    def __init__(
        self,
        service: TaskService,
        queue: str,
        task_type: str,
        domain: str | None,
        worker_id: str | None,
        count: int,
        now: int,
        record: bool,
    ) -> None:
        self.service = service
        self.queue = queue
        self.task_type = task_type
        self.domain = domain
        self.worker_id = worker_id
        self.count = count
        self.now = now
        self.record = record
        self.postponed: list[int] = []
        self.drained = False
        self.next_due: int | None = None
        self.generation = service.signals.generation(queue)
        # False for a long-poll's second look: it was counted in `task_poll` already.
        self.counted = True

    def run(self, tx: SqlTx) -> list[Task]:
        now, queue = self.now, self.queue
        if self.record:
            tx.record_poll(self.task_type, self.domain, self.worker_id, now)
        ids = tx.pop(queue, self.count, now)
        self.drained = len(ids) < self.count
        if self.drained:
            # The queue may still hold delayed messages: whoever trusts its "empty" mark must be
            # woken when the next one becomes due.
            self.next_due = tx.next_delivery(queue)
        if not ids:
            return []
        by_id = {t.task_id: t for t in tx.get_tasks(ids)}
        claimed: list[Task] = []
        for task_id in ids:
            task = by_id.get(task_id)
            if task is None or task.status is not TaskStatus.SCHEDULED:
                continue  # gone, terminal or already running: the message is dropped
            td = task_def_of(task.workflow_task)
            limit = td.concurrent_exec_limit or 0
            if limit > 0 and tx.count_in_progress(task.task_def_name) >= limit:
                tx.push(queue, task_id, task.workflow_priority, now + POSTPONE_MS, now)
                self.postponed.append(now + POSTPONE_MS)
                continue
            if td.rate_limit_per_frequency > 0:
                window = max(td.rate_limit_frequency_in_seconds, 1) * 1000
                if tx.count_started_since(task.task_def_name, now - window) >= td.rate_limit_per_frequency:
                    tx.push(queue, task_id, task.workflow_priority, now + 1000, now)
                    self.postponed.append(now + 1000)
                    continue
            running = replace(
                task,
                status=TaskStatus.IN_PROGRESS,
                start_time=task.start_time or now,
                update_time=now,
                worker_id=self.worker_id,
                poll_count=task.poll_count + 1,
                callback_after_seconds=0,
                queue_wait_time=now - task.scheduled_time if task.scheduled_time else 0,
            )
            if not tx.update_task_if_status(running, "SCHEDULED"):
                continue
            if td.response_timeout_seconds > 0:
                due = now + td.response_timeout_seconds * 1000 + 1
                tx.push_if_earlier(DECIDER_QUEUE, task.workflow_instance_id, due, now)
            claimed.append(running)
        return claimed

    def orphaned(self, claimed: list[Task]) -> None:
        """Claimed for a poll (a hand-off) that ended before the commit answered."""
        self.service.hand_back_later(claimed)

    def finish(self, claimed: list[Task]) -> None:
        service = self.service
        if self.drained:
            service.signals.mark_empty(self.queue, self.generation)
            if self.next_due is not None:
                service.signals.notify_at(self.queue, self.next_due)
        for due in self.postponed:
            service.signals.notify_at(self.queue, due)
        if self.counted:
            service.metrics.inc("task_poll", taskType=self.task_type)
        if claimed:
            service.metrics.inc("task_poll_count", len(claimed), taskType=self.task_type, domain=self.domain)
        for task in claimed:
            service.metrics.observe("task_queue_wait", task.queue_wait_time / 1000, taskType=task.task_type)
            service.runner.note_task(task)
            td = task_def_of(task.workflow_task)
            if td.response_timeout_seconds > 0:
                service.runner.on_timer(self.now + td.response_timeout_seconds * 1000 + 1)
