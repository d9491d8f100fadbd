"""Workflow use cases behind /api/workflow: start, read, search and every lifecycle operation."""

from __future__ import annotations

import copy
import time
import uuid
from typing import Any

from msgspec.structs import replace

from conductor.server.clock import Clock
from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.errors import (
    BadRequest,
    Conflict,
    InvalidState,
    NotFound,
    ValidationFailed,
    Violation,
)
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import RerunWorkflowRequest, SkipTaskRequest, StartWorkflowRequest
from conductor.server.domain.snapshot import workflow_doc
from conductor.server.domain.status import IdempotencyStrategy, TaskStatus, WorkflowStatus
from conductor.server.engine.decider import Termination
from conductor.server.engine.params import task_input
from conductor.server.engine.runner import Changes, WorkflowRunner
from conductor.server.engine.task_types import ASYNC_SYSTEM_TYPES, SYNC_SYSTEM_TYPES, is_worker_type
from conductor.server.metrics import Metrics
from conductor.server.persistence.database import Database
from conductor.server.persistence.search import SearchQuery, WorkflowSearchResult
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.queue.names import queue_name
from conductor.server.services.metadata import MetadataService, _java
from conductor.server.systasks.sub_workflow import sync_from_child

MAX_SEARCH_SIZE = 5000


class WorkflowService:
    def __init__(self, db: Database, clock: Clock, runner: WorkflowRunner, metadata: MetadataService) -> None:
        self.db = db
        self.clock = clock
        self.runner = runner
        self.metadata = metadata
        self.metrics: Metrics | None = None  # set by bootstrap

    # ---- start ----------------------------------------------------------------------------

    async def start(
        self,
        request: StartWorkflowRequest,
        *,
        not_found_style: str = "start",
        parent: tuple[str, str] | None = None,
        workflow_id: str | None = None,
    ) -> str:
        if not request.name and request.workflow_def is None:
            raise ValidationFailed(
                [Violation("startWorkflowRequest.name", "Workflow name cannot be null or empty")]
            )
        priority = request.priority or 0
        if priority < 0 or priority > 99:
            bound = "minimum 0" if priority < 0 else "maximum 99"
            raise ValidationFailed(
                [
                    Violation(
                        "startWorkflowRequest.priority",
                        f"priority: {priority} should be {bound}",
                        str(priority),
                    )
                ]
            )
        if request.input is None and not request.external_input_payload_storage_path:
            raise BadRequest("NULL input passed when starting workflow")
        definition = await self._definition_for(request, not_found_style)
        if request.idempotency_key:
            existing = await self.db.read(
                lambda tx: tx.workflow_by_idempotency_key(definition.name, request.idempotency_key or "")
            )
            if existing is not None:
                strategy = request.idempotency_strategy or IdempotencyStrategy.FAIL
                wid, status = existing
                if strategy is IdempotencyStrategy.RETURN_EXISTING:
                    return wid
                if strategy is IdempotencyStrategy.FAIL or status in ("RUNNING", "PAUSED"):
                    raise Conflict(
                        f"Workflow with idempotency key {request.idempotency_key} already exists: {wid}"
                    )
        await self._populate_task_defs(definition)
        now = self.clock.now_ms()
        workflow_input = dict(request.input or {})
        for key, value in definition.input_template.items():
            workflow_input.setdefault(key, value)
        workflow = Workflow(
            workflow_id=workflow_id or str(uuid.uuid4()),
            workflow_definition=definition,
            workflow_name=definition.name,
            workflow_version=definition.version,
            status=WorkflowStatus.RUNNING,
            create_time=now,
            start_time=now,
            update_time=now,
            input=workflow_input,
            variables=copy.deepcopy(definition.variables),
            correlation_id=request.correlation_id,
            priority=priority,
            task_to_domain=dict(request.task_to_domain or {}),
            idempotency_key=request.idempotency_key,
            created_by=request.created_by,
            owner_app="",
            parent_workflow_id=parent[0] if parent else None,
            parent_workflow_task_id=parent[1] if parent else None,
        )
        await self.runner.create(workflow)
        if self.metrics is not None:
            self.metrics.inc(
                "workflow_start_success", workflowName=definition.name, version=definition.version
            )
        return workflow.workflow_id

    async def _definition_for(self, request: StartWorkflowRequest, style: str) -> WorkflowDef:
        if request.workflow_def is not None:
            definition = request.workflow_def
            if not definition.name:
                definition.name = request.name or ""
            self.metadata.validate(definition, "startWorkflowRequest.workflowDef")
            return definition
        name = request.name or ""
        found = await self.db.read(lambda tx: tx.get_workflow_def(name, request.version))
        if found is None:
            if style == "by_name":
                raise NotFound(f"No such workflow found by name: {name}, version: {_java(request.version)}")
            raise NotFound(f"No such workflow defined. name={name}, version={_java(request.version)}")
        return found

    async def _populate_task_defs(self, definition: WorkflowDef) -> None:
        """Snapshot each node's registered TaskDef into the run (engine.md §4.1)."""
        nodes = [n for n in definition.all_tasks() if n.task_definition is None]
        names = {n.name for n in nodes}
        registered = await self.db.read(lambda tx: tx.get_task_defs(names)) if names else {}
        for node in nodes:
            node.task_definition = registered.get(node.name)
        latest_cache: dict[str, int] = {}
        for node in definition.all_tasks():
            param = node.sub_workflow_param
            if (
                param is not None
                and param.version is None
                and param.name
                and param.workflow_definition is None
            ):
                if param.name not in latest_cache:
                    latest = await self.db.read(lambda tx, n=param.name: tx.get_workflow_def(n, None))
                    latest_cache[param.name] = latest.version if latest else 0
                if latest_cache[param.name]:
                    param.version = latest_cache[param.name]

    # ---- synchronous execution ------------------------------------------------------------

    async def blocking_path(self, workflow: Workflow, wait_refs: set[str], depth: int = 0) -> list[Workflow]:
        """The chain of workflows down to one that waits for a signal (empty when none does).

        Blocked means: a non-terminal WAIT without a timer, in this workflow or in a running
        descendant, or a task named in `wait_refs` that has ended (engine.md §7.8)."""
        for task in workflow.tasks:
            if task.task_type == "WAIT" and not task.status.is_terminal and task.wait_timeout == 0:
                return [workflow]
            if wait_refs and task.reference_task_name in wait_refs and task.status.is_terminal:
                return [workflow]
        if depth < 10:
            for task in workflow.tasks:
                if task.task_type == "SUB_WORKFLOW" and task.sub_workflow_id and not task.status.is_terminal:
                    child = await self.db.read(lambda tx, cid=task.sub_workflow_id: tx.get_workflow(cid))
                    if child is not None and not child[0].status.is_terminal:
                        below = await self.blocking_path(child[0], wait_refs, depth + 1)
                        if below:
                            return [workflow, *below]
        return []

    async def wait_until_blocked(
        self, workflow_id: str, wait_refs: set[str], timeout_s: float
    ) -> tuple[Workflow, list[Workflow], bool]:
        """Wait until the workflow ends or blocks; returns (workflow, blocking chain, timed out)."""
        deadline = time.monotonic() + max(timeout_s, 0.0)
        while True:
            workflow = await self.get(workflow_id, include_tasks=True)
            if workflow.status.is_terminal:
                return workflow, [], False
            chain = await self.blocking_path(workflow, wait_refs)
            if chain:
                return workflow, chain, False
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return workflow, [], True
            has_children = any(
                t.task_type == "SUB_WORKFLOW" and not t.status.is_terminal for t in workflow.tasks
            )
            # Children and other server processes commit without telling this watcher: re-check often then.
            cap = 0.1 if has_children or self.db.shared else 1.0
            await self.runner.wait_for_change(workflow_id, min(remaining, cap))

    # ---- parents and children -------------------------------------------------------------

    async def start_child(
        self,
        request: StartWorkflowRequest,
        parent: tuple[str, str] | None = None,
        workflow_id: str | None = None,
    ) -> str:
        """Start a workflow for a system task; an existing child with that id is reused."""
        if workflow_id is not None:
            existing = await self.find(workflow_id)
            if existing is not None:
                same_parent = parent is not None and existing.parent_workflow_id == parent[0]
                if same_parent and (existing.status.is_successful or not existing.status.is_terminal):
                    return workflow_id
                workflow_id = None  # a stale child from an earlier run: start a fresh one
        return await self.start(request, parent=parent, workflow_id=workflow_id)

    async def find(self, workflow_id: str) -> Workflow | None:
        loaded = await self.db.read(lambda tx: tx.get_workflow(workflow_id, with_tasks=False))
        return loaded[0] if loaded else None

    async def terminate_child(self, workflow_id: str, reason: str) -> None:
        try:
            await self.terminate(workflow_id, reason)
        except (Conflict, NotFound):
            pass  # already completed, or removed

    async def child_ended(self, child: Workflow) -> None:
        """Sync the parent's SUB_WORKFLOW task with its ended child, then decide the parent."""
        parent_id, task_id = child.parent_workflow_id, child.parent_workflow_task_id
        if not parent_id or not task_id:
            return

        def mutate(wf: Workflow, changes: Changes) -> None:
            task = wf.task_by_id(task_id)
            if task is None or task.status.is_terminal or wf.status.is_terminal:
                changes.skip = True
                return
            synced = sync_from_child(task, child)
            if synced is None:
                changes.skip = True
                return
            synced.end_time = self.clock.now_ms()
            changes.put(synced)

        try:
            await self.runner.run(parent_id, mutate)
        except NotFound:
            pass

    # ---- reads ----------------------------------------------------------------------------

    async def get(self, workflow_id: str, include_tasks: bool = True) -> Workflow:
        loaded = await self.db.read(lambda tx: tx.get_workflow(workflow_id, include_tasks))
        if loaded is None:
            raise NotFound(f"No such workflow found by id: {workflow_id}")
        return loaded[0]

    async def running(self, name: str, version: int, start: int | None, end: int | None) -> list[str]:
        if start and end:
            return await self.db.read(lambda tx: tx.workflow_ids_in_window(name, version, start, end))
        return await self.db.read(lambda tx: tx.running_workflow_ids(name, version))

    async def by_correlation(
        self, name: str, correlation_id: str, include_closed: bool, include_tasks: bool
    ) -> list[Workflow]:
        def job(tx: SqlTx) -> list[Workflow]:
            out = []
            for wid in tx.workflows_by_correlation(name, correlation_id, include_closed):
                loaded = tx.get_workflow(wid, include_tasks)
                if loaded is not None:
                    out.append(loaded[0])
            return out

        return await self.db.read(job)

    async def search(self, query: SearchQuery) -> WorkflowSearchResult:
        if query.size > MAX_SEARCH_SIZE:
            raise BadRequest(f"Cannot return more than {MAX_SEARCH_SIZE} workflows. Please use pagination.")
        return await self.db.read(lambda tx: query.run(tx))

    # ---- lifecycle ------------------------------------------------------------------------

    async def decide(self, workflow_id: str) -> None:
        await self.runner.run(workflow_id, lambda wf, ch: None)

    async def pause(self, workflow_id: str) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status.is_terminal:
                raise Conflict(
                    f"Workflow {wf.workflow_name}.{wf.workflow_version}/{wf.workflow_id} has ended, "
                    "status cannot be updated."
                )
            if wf.status is WorkflowStatus.PAUSED:
                changes.skip = True
                return
            wf.status = WorkflowStatus.PAUSED
            changes.decide = False

        await self.runner.run(workflow_id, mutate)

    async def resume(self, workflow_id: str) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status is not WorkflowStatus.PAUSED:
                raise InvalidState(
                    f"The workflow {workflow_id} is not PAUSED so cannot resume. Current status is {wf.status.value}"
                )
            wf.status = WorkflowStatus.RUNNING
            wf.last_retried_time = self.clock.now_ms()

        await self.runner.run(workflow_id, mutate)

    async def terminate(
        self, workflow_id: str, reason: str | None, trigger_failure_workflow: bool = False
    ) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status is WorkflowStatus.COMPLETED:
                raise Conflict("Cannot terminate a COMPLETED workflow.")
            if wf.status is WorkflowStatus.TERMINATED:
                changes.skip = True
                return
            changes.termination = Termination(WorkflowStatus.TERMINATED, reason or "")
            changes.run_failure_workflow = trigger_failure_workflow

        await self.runner.run(workflow_id, mutate)

    async def remove(self, workflow_id: str, archive: bool) -> None:
        def job(tx: SqlTx) -> None:
            loaded = tx.get_workflow(workflow_id, with_tasks=False)
            if loaded is None:
                raise NotFound(f"No such workflow found by id: {workflow_id}")
            status = loaded[0].status
            if archive and not status.is_terminal:
                raise BadRequest(f"Cannot archive workflow: {workflow_id} with status: {status.value}")
            tx.delete_workflow(workflow_id)

        async with self.runner.locks.hold(workflow_id):
            self.runner.forget(workflow_id)
            await self.db.write(job)

    async def terminate_remove(self, workflow_id: str, reason: str | None, archive: bool) -> None:
        try:
            await self.terminate(workflow_id, reason)
        except Conflict:
            pass  # a COMPLETED workflow is simply removed
        await self.remove(workflow_id, archive=False)

    async def restart(self, workflow_id: str, use_latest_definitions: bool) -> None:
        latest: WorkflowDef | None = None
        if use_latest_definitions:
            current = await self.get(workflow_id, include_tasks=False)
            latest = await self.db.read(lambda tx: tx.get_workflow_def(current.workflow_name, None))
            if latest is None:
                raise NotFound(f"No such workflow found by name: {current.workflow_name}, version: None")
            await self._populate_task_defs(latest)

        def mutate(wf: Workflow, changes: Changes) -> None:
            if not wf.status.is_terminal:
                raise Conflict(f"Workflow: {workflow_id} is not in terminal state, unable to restart.")
            if wf.status is WorkflowStatus.COMPLETED and not wf.workflow_definition.restartable:
                raise NotFound(f"Workflow: {workflow_id} is non-restartable")
            if latest is not None:
                wf.workflow_definition = latest
                wf.workflow_version = latest.version
            old_ids = [t.task_id for t in wf.tasks]
            self._reset_run(wf)
            wf.create_time = self.clock.now_ms()
            changes.removals.update(old_ids)

            def drop(tx: SqlTx) -> None:
                for task_id in old_ids:
                    tx.delete_task(task_id)

            changes.extra.insert(0, drop)

        await self.runner.run(workflow_id, mutate)

    def _reset_run(self, wf: Workflow) -> None:
        wf.tasks = []
        wf.status = WorkflowStatus.RUNNING
        wf.reason_for_incompletion = None
        wf.failed_task_id = None
        wf.failed_reference_task_names = []
        wf.failed_task_names = []
        wf.output = {}
        wf.end_time = 0
        wf.last_retried_time = 0

    async def retry(self, workflow_id: str, resume_subworkflow_tasks: bool = False) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if not wf.status.is_terminal:
                raise NotFound(f"Workflow is still running.  status={wf.status.value}")
            if not wf.tasks:
                raise Conflict("Workflow has not started yet")
            now = self.clock.now_ms()
            retriable: dict[str, Task] = {}
            for task in wf.tasks:
                if task.status in (
                    TaskStatus.FAILED,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    TaskStatus.TIMED_OUT,
                    TaskStatus.CANCELED,
                ):
                    retriable[task.reference_task_name] = task
                else:
                    retriable.pop(task.reference_task_name, None)
            if not retriable and wf.status is not WorkflowStatus.TIMED_OUT:
                raise Conflict(
                    "There are no retryable tasks! Use restart if you want to attempt entire workflow execution again."
                )
            wf.status = WorkflowStatus.RUNNING
            wf.last_retried_time = now
            wf.reason_for_incompletion = None
            wf.failed_task_id = None
            wf.end_time = 0
            wf.failed_reference_task_names = []
            wf.failed_task_names = []
            doc = workflow_doc(wf)
            for task in sorted(retriable.values(), key=lambda t: t.seq):
                if task.task_type in ("DO_WHILE", "FORK", "JOIN", "EXCLUSIVE_JOIN"):
                    changes.put(
                        replace(
                            task,
                            status=TaskStatus.IN_PROGRESS,
                            retry_count=task.retry_count + 1,
                            executed=False,
                            end_time=0,
                            reason_for_incompletion=None,
                        )
                    )
                    continue
                changes.put(replace(task, retried=True, executed=True))
                new_id = str(uuid.uuid4())
                fresh = replace(
                    task,
                    task_id=new_id,
                    retried_task_id=task.task_id,
                    status=TaskStatus.SCHEDULED,
                    retry_count=task.retry_count + 1,
                    poll_count=0,
                    seq=max(t.seq for t in wf.tasks) + 1 + len(changes.tasks),
                    scheduled_time=now,
                    start_time=0,
                    end_time=0,
                    update_time=now,
                    worker_id=None,
                    sub_workflow_id=None,
                    output_data={},
                    reason_for_incompletion=None,
                    executed=False,
                    retried=False,
                    callback_after_seconds=0,
                    input_data={
                        **task.input_data,
                        **task_input(
                            task.workflow_task.input_parameters,
                            doc,
                            new_id,
                            task.workflow_task.task_definition,
                        ),
                    },
                )
                changes.put(fresh)
                self._enqueue(wf, fresh, changes, now)

        await self.runner.run(workflow_id, mutate)

    @staticmethod
    def _enqueue(wf: Workflow, task: Task, changes: Changes, now: int) -> None:
        if is_worker_type(task.task_type) or task.task_type in ASYNC_SYSTEM_TYPES:
            queue = queue_name(task.task_type, task.domain)
            changes.pushes.append(
                (queue, task.task_id, wf.priority, now + task.callback_after_seconds * 1000)
            )

    async def rerun(self, workflow_id: str, request: RerunWorkflowRequest) -> str:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if not wf.status.is_terminal:
                raise Conflict(f"Workflow: {workflow_id} is not in terminal state, unable to rerun.")
            now = self.clock.now_ms()
            if request.re_run_from_task_id is None:
                old_ids = [t.task_id for t in wf.tasks]
                self._reset_run(wf)
                changes.removals.update(old_ids)
                if request.workflow_input is not None:
                    wf.input = dict(request.workflow_input)
                if request.correlation_id is not None:
                    wf.correlation_id = request.correlation_id

                def drop(tx: SqlTx) -> None:
                    for task_id in old_ids:
                        tx.delete_task(task_id)

                changes.extra.insert(0, drop)
                return
            target = wf.task_by_id(request.re_run_from_task_id)
            if target is None:
                raise BadRequest(f"Task {request.re_run_from_task_id} not found")
            later = [t for t in wf.tasks if t.seq > target.seq]
            wf.tasks = [t for t in wf.tasks if t.seq <= target.seq]
            wf.status = WorkflowStatus.RUNNING
            wf.reason_for_incompletion = None
            wf.failed_task_id = None
            wf.end_time = 0
            wf.output = {}
            wf.failed_reference_task_names = []
            wf.failed_task_names = []
            if request.workflow_input is not None:
                wf.input = dict(request.workflow_input)
            if request.correlation_id is not None:
                wf.correlation_id = request.correlation_id
            sync = target.task_type in SYNC_SYSTEM_TYPES
            reset = replace(
                target,
                status=TaskStatus.SCHEDULED,
                start_time=0,
                end_time=0,
                update_time=now,
                scheduled_time=now,
                output_data={},
                executed=False,
                retried=False,
                poll_count=0,
                reason_for_incompletion=None,
                sub_workflow_id=None,
                input_data=dict(request.task_input) if request.task_input is not None else target.input_data,
            )
            changes.put(reset)
            if not sync:
                self._enqueue(wf, reset, changes, now)
            for task in wf.tasks:
                if task.task_id == target.task_id or not task.status.is_terminal or task.status.is_successful:
                    continue
                again = replace(
                    task,
                    status=TaskStatus.IN_PROGRESS
                    if task.task_type in ("JOIN", "DO_WHILE")
                    else TaskStatus.SCHEDULED,
                    executed=False,
                    end_time=0,
                    sub_workflow_id=None,
                    reason_for_incompletion=None,
                )
                changes.put(again)
                if again.status is TaskStatus.SCHEDULED and task.task_type not in SYNC_SYSTEM_TYPES:
                    self._enqueue(wf, again, changes, now)
            # Parents of the target must re-evaluate their successors.
            later_ids = [t.task_id for t in later]

            def drop(tx: SqlTx) -> None:
                for task_id in later_ids:
                    tx.delete_task(task_id)

            changes.extra.insert(0, drop)
            changes.removals.update(later_ids)

        await self.runner.run(workflow_id, mutate)
        return workflow_id

    async def skip_task(self, workflow_id: str, ref: str, request: SkipTaskRequest | None) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status is not WorkflowStatus.RUNNING:
                raise InvalidState(
                    f"The workflow {workflow_id} is not running so the task referenced by {ref} cannot be skipped"
                )
            node = next((n for n in wf.workflow_definition.all_tasks() if n.task_reference_name == ref), None)
            if node is None:
                raise InvalidState(
                    f"The task referenced by {ref} does not exist in the WorkflowDefinition {wf.workflow_name}"
                )
            if wf.task_by_ref(ref) is not None:
                raise InvalidState(
                    f"The task referenced by {ref} has already been processed, cannot be skipped"
                )
            now = self.clock.now_ms()
            skipped = Task(
                task_id=str(uuid.uuid4()),
                task_type=node.name,
                task_def_name=node.name,
                reference_task_name=ref,
                workflow_instance_id=wf.workflow_id,
                workflow_type=wf.workflow_name,
                correlation_id=wf.correlation_id,
                status=TaskStatus.SKIPPED,
                input_data=dict(request.task_input or {}) if request else {},
                output_data=dict(request.task_output or {}) if request else {},
                seq=max((t.seq for t in wf.tasks), default=0) + 1,
                scheduled_time=now,
                start_time=now,
                end_time=now,
                update_time=now,
                workflow_task=replace(node, task_definition=None),
            )
            changes.put(skipped)

        await self.runner.run(workflow_id, mutate)

    async def reset_callbacks(self, workflow_id: str) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status.is_terminal:
                raise Conflict(f"Workflow is in terminal state. Status = {wf.status.value}")
            now = self.clock.now_ms()
            for task in wf.tasks:
                if (
                    task.status is TaskStatus.SCHEDULED
                    and is_worker_type(task.task_type)
                    and task.callback_after_seconds
                ):
                    changes.put(replace(task, callback_after_seconds=0))
                    changes.pushes.append(
                        (queue_name(task.task_type, task.domain), task.task_id, wf.priority, now)
                    )

        await self.runner.run(workflow_id, mutate)

    async def update_variables(self, workflow_id: str, variables: dict[str, Any]) -> Workflow:
        def mutate(wf: Workflow, changes: Changes) -> Workflow:
            wf.variables = {**wf.variables, **variables}
            return wf

        return await self.runner.run(workflow_id, mutate)

    async def record_failure_workflow(self, workflow_id: str, value: Any) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            wf.output = {**wf.output, "conductor.failure_workflow": value}
            changes.decide = False

        await self.runner.run(workflow_id, mutate)
