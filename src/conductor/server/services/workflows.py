"""Workflow use cases behind /api/workflow: start, read, search; the lifecycle operations come
from `services.lifecycle`."""

from __future__ import annotations

import contextlib
import copy
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from conductor.server.clock import Clock
from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.errors import (
    BadRequest,
    ConductorError,
    Conflict,
    NotFound,
    ValidationFailed,
    Violation,
)
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.ids import new_id
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import IdempotencyStrategy, WorkflowStatus
from conductor.server.engine.payloads import PayloadTooLarge, workflow_payload_error
from conductor.server.engine.runner import Changes, WorkflowRunner
from conductor.server.metrics import Metrics
from conductor.server.persistence.database import Database
from conductor.server.persistence.search import SearchQuery, WorkflowSearchResult
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.services.lifecycle import WorkflowLifecycle
from conductor.server.services.metadata import MetadataService, _java
from conductor.server.systasks.sub_workflow import sync_from_child

MAX_SEARCH_SIZE = 5000


class WorkflowService(WorkflowLifecycle):
    def __init__(
        self,
        db: Database,
        clock: Clock,
        runner: WorkflowRunner,
        metadata: MetadataService,
        metrics: Metrics | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.runner = runner
        self.metadata = metadata
        self.metrics = metrics

    # ---- start ----------------------------------------------------------------------------

    async def start(
        self,
        request: StartWorkflowRequest,
        *,
        not_found_style: str = "start",
        parent: tuple[str, str] | None = None,
        workflow_id: str | None = None,
        in_commit: Callable[[SqlTx], None] | None = None,
    ) -> str:
        """Start a workflow; `in_commit` runs in the transaction that inserts it (the
        scheduler claims its fire there, so the run and the claim commit or fail together)."""
        try:
            return await self._start(
                request,
                not_found_style=not_found_style,
                parent=parent,
                workflow_id=workflow_id,
                in_commit=in_commit,
            )
        except ConductorError:
            if self.metrics is not None:
                name = request.name or (request.workflow_def.name if request.workflow_def else "")
                self.metrics.inc("workflow_start_error", workflowName=name)
            raise

    async def _start(
        self,
        request: StartWorkflowRequest,
        *,
        not_found_style: str,
        parent: tuple[str, str] | None,
        workflow_id: str | None,
        in_commit: Callable[[SqlTx], None] | None = None,
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
        limits = self.runner.limits
        too_large = workflow_payload_error(
            "input", workflow_input, limits.workflow_input_warn, limits.workflow_input_max, definition.name
        )
        if too_large is not None:
            raise PayloadTooLarge(too_large)
        workflow = Workflow(
            workflow_id=workflow_id or new_id(),
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
        await self.runner.create(workflow, in_commit=in_commit)
        self.runner.status_listener.notify(workflow, "STARTED")
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
            await self.metadata.check_sub_workflow_cycles(
                [(definition, "startWorkflowRequest.workflowDef")], registering=False
            )
            return definition
        name = request.name or ""
        found = await self.db.read(lambda tx: tx.get_workflow_def(name, request.version))
        if found is None:
            if style == "by_name":
                raise NotFound(f"No such workflow found by name: {name}, version: {_java(request.version)}")
            raise NotFound(f"No such workflow defined. name={name}, version={_java(request.version)}")
        return found

    async def _populate_task_defs(self, definition: WorkflowDef) -> None:
        """Snapshot each node's registered TaskDef into the run (docs/engine.md §4.1)."""
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
                    latest = await self.db.read(partial(_latest_def, name=param.name))
                    latest_cache[param.name] = latest.version if latest else 0
                if latest_cache[param.name]:
                    param.version = latest_cache[param.name]

    # ---- synchronous execution ------------------------------------------------------------

    async def blocking_path(self, workflow: Workflow, wait_refs: set[str], depth: int = 0) -> list[Workflow]:
        """The chain of workflows down to one that waits for a signal (empty when none does).

        Blocked means: a non-terminal WAIT without a timer, in this workflow or in a running
        descendant, or a task named in `wait_refs` that has ended (docs/engine.md §7.8)."""
        for task in workflow.tasks:
            if task.task_type == "WAIT" and not task.status.is_terminal and task.wait_timeout == 0:
                return [workflow]
            if wait_refs and task.reference_task_name in wait_refs and task.status.is_terminal:
                return [workflow]
        if depth < 10:
            for task in workflow.tasks:
                if task.task_type == "SUB_WORKFLOW" and task.sub_workflow_id and not task.status.is_terminal:
                    child = await self.db.read(partial(_workflow, workflow_id=task.sub_workflow_id))
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
            # A commit that left the workflow running with nothing able to block it needs no
            # read (a chain of tasks wakes this loop at every step); the answer always comes
            # from a read.
            while (
                await self.runner.wait_for_change(workflow_id, min(deadline - time.monotonic(), cap))
                and not wait_refs
                and self.runner.still_running_unblocked(workflow_id)
            ):
                pass

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
        with contextlib.suppress(Conflict, NotFound):  # already completed, or removed
            await self.terminate(workflow_id, reason)

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

        with contextlib.suppress(NotFound):  # the parent was removed
            await self.runner.run(parent_id, mutate)

    # ---- reads ----------------------------------------------------------------------------

    async def get(self, workflow_id: str, include_tasks: bool = True) -> Workflow:
        loaded = await self.db.read(lambda tx: tx.get_workflow(workflow_id, include_tasks))
        if loaded is None:
            raise NotFound(f"No such workflow found by id: {workflow_id}")
        return loaded[0]

    async def status(self, workflow_id: str) -> Workflow:
        """The workflow without tasks, input or definition (its status summary's fields)."""
        row = await self.db.read(lambda tx: tx.get_workflow_row(workflow_id))
        if row is None:
            raise NotFound(f"No such workflow found by id: {workflow_id}")
        return row

    async def tasks_page(
        self, workflow_id: str, start: int, count: int, statuses: list[str]
    ) -> tuple[int, list[Task]]:
        page = await self.db.read(lambda tx: tx.tasks_page(workflow_id, start, count, statuses))
        if page is None:
            raise NotFound(f"No such workflow found by id: {workflow_id}")
        return page

    async def task_outline(self, workflow_id: str) -> list[tuple[str, int, str, str, str, str, int]]:
        """(task id, seq, reference name, task type, task def name, status, update time) of every
        task, in seq order, without decoding any task (`SqlTx.task_outline`); [] for no tasks
        or no such workflow."""
        return await self.db.read(lambda tx: tx.task_outline(workflow_id))

    async def tasks_trimmed(
        self, task_ids: list[str], input_keys: tuple[str, ...] = (), output_keys: tuple[str, ...] = ()
    ) -> list[Task]:
        """Tasks by id, in no particular order, with only the named input and output keys."""
        if not task_ids:
            return []
        return await self.db.read(lambda tx: tx.get_tasks_trimmed(task_ids, input_keys, output_keys))

    async def running_counts(self) -> dict[str, int]:
        """RUNNING workflows by name (the `workflow_running` gauge)."""
        return await self.db.read(lambda tx: tx.running_workflow_counts())

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


def _latest_def(tx: SqlTx, name: str) -> WorkflowDef | None:
    return tx.get_workflow_def(name, None)


def _workflow(tx: SqlTx, workflow_id: str) -> tuple[Workflow, int] | None:
    return tx.get_workflow(workflow_id)
