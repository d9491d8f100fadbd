"""SUB_WORKFLOW (a child whose end completes this task) and START_WORKFLOW (fire and forget)
(docs/engine.md §6.9, §6.10).

Where the rest of SUB_WORKFLOW lives (the engine may import this module, not the reverse):

- validation: `domain/validation.py::_node_violations` (subWorkflowParam required);
  `services/metadata.py::MetadataService.check_sub_workflow_cycles` with
  `domain/subworkflows.py::find_cycle` (a definition that would start itself for ever);
- mapping: `engine/operators.py::map_sub_workflow` resolves subWorkflowParam into the task input
  (`child_version` below reads its version); a dynamic fork of sub workflows builds its nodes in
  `engine/operators.py` too;
- execution: `SubWorkflow` below (start the child, follow it: `sync_from_child`, cancel it),
  through `SystemTaskContext.start_workflow` / `get_workflow` / `terminate_workflow`, which
  `bootstrap.build` wires to `services/workflows.py::WorkflowService.start_child` /
  `terminate_child`; a child's end updates its parent in `WorkflowService.child_ended`
  (`bootstrap.on_ended`);
- lifecycle: `services/lifecycle.py`: `_deepest_failed` (retry goes down to the failed child),
  `_walk_up` / `_resume_sibling_children` (retry and rerun bring ancestors back to IN_PROGRESS),
  `_rerun_in_children`, `_finalize_rerun`;
- synchronous execute and signals follow running children (`services/workflows.py`,
  `services/tasks.py`); UI: `ui/diagram.py`.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from typing import Any, Final

import msgspec
from msgspec.structs import replace

from conductor.server.domain.definitions import WorkflowDef, without_nulls
from conductor.server.domain.errors import ConductorError, Transient
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import IdempotencyStrategy, TaskStatus, WorkflowStatus
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed

_STRATEGIES = {s.value for s in IdempotencyStrategy}
_MAX_REASON: Final = 2000

# Starting a child runs its first decision inside the parent's, and a child's SUB_WORKFLOW or
# START_WORKFLOW starts its own child the same way: a chain of ~150 sub workflows (or a workflow
# starting itself) overflowed the Python stack (RecursionError, a 500).  Past this many nested
# starts the task stays SCHEDULED and the workflow is decided again from a fresh task (or by the
# sweeper after a restart), which starts the next stretch of the chain.
SYNC_NESTING_LIMIT: Final = 8
_NESTING: ContextVar[int] = ContextVar("conductor_sub_workflow_nesting", default=0)
#: How many SUB_WORKFLOW levels may nest: a recursion the registration checks cannot see (a
#: conditional or computed one) fails here instead of starting workflows without end.
MAX_SUB_WORKFLOW_DEPTH: Final = 256
# workflow id -> its number of ancestors, so a deep chain is not walked again at every level.
_DEPTHS: OrderedDict[str, int] = OrderedDict()
_DEPTHS_KEPT: Final = 10_000

_CHILD_STATUS = {
    WorkflowStatus.COMPLETED: TaskStatus.COMPLETED,
    WorkflowStatus.FAILED: TaskStatus.FAILED,
    WorkflowStatus.TERMINATED: TaskStatus.CANCELED,
    WorkflowStatus.TIMED_OUT: TaskStatus.TIMED_OUT,
}


def child_version(value: Any) -> int | None:
    """subWorkflowParam.version resolved to a number (None when it is not one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    try:
        return int(str(value))
    except ValueError:
        return None


def child_workflow_id(parent_id: str, task_id: str, retry_count: int) -> str:
    """Java's UUID.nameUUIDFromBytes (MD5, version 3, no namespace) of Conductor's seed string."""
    digest = bytearray(hashlib.md5(f"subworkflow:{parent_id}:{task_id}:{retry_count}".encode()).digest())
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def sync_from_child(task: Task, child: Workflow) -> Task | None:
    """The parent task's new state once its child ended (None while the child runs)."""
    status = _CHILD_STATUS.get(child.status)
    if status is None:
        return None
    output = {**task.output_data, **child.output, "subWorkflowId": child.workflow_id}
    reason = None
    if status is not TaskStatus.COMPLETED:
        # Each level quotes its child's reason: capped, or a deep chain stores quadratic text.
        reason = (
            f"Sub workflow {child.workflow_name}.{child.workflow_version}/{child.workflow_id} "
            f"failure reason: {child.reason_for_incompletion}"
        )[:_MAX_REASON]
    return replace(task, status=status, output_data=output, reason_for_incompletion=reason)


def _defer(task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
    """Leave the task SCHEDULED for a decision of its own when starts nest too deeply (None when
    they do not, or when this server cannot decide later)."""
    decide_soon = ctx.decide_soon
    if _NESTING.get() < SYNC_NESTING_LIMIT or decide_soon is None:
        return None
    decide_soon(workflow.workflow_id)
    return replace(task, status=TaskStatus.SCHEDULED)


async def _ancestors(workflow: Workflow, ctx: SystemTaskContext) -> int:
    """How many workflows ``workflow`` is nested in (0 for a top-level one)."""
    unknown: list[str] = []  # this workflow, then its ancestors, until one of known depth
    current = workflow
    while True:
        known = _DEPTHS.get(current.workflow_id)
        if known is not None:
            depth = known
            break
        unknown.append(current.workflow_id)
        if len(unknown) > MAX_SUB_WORKFLOW_DEPTH:
            depth = MAX_SUB_WORKFLOW_DEPTH  # deep enough to refuse; no need to walk further
            break
        parent_id = current.parent_workflow_id
        if not parent_id:
            depth = -1  # `current` is a root
            break
        if parent_id in _DEPTHS:
            # Known even before it is stored: a parent starting its child inside its own first
            # decision is committed only after the child.
            depth = _DEPTHS[parent_id]
            break
        parent = await ctx.get_workflow(parent_id) if ctx.get_workflow is not None else None
        if parent is None:
            depth = -1  # the parent was removed: count from here
            break
        current = parent
    for workflow_id in reversed(unknown):
        depth += 1
        _DEPTHS[workflow_id] = depth
    while len(_DEPTHS) > _DEPTHS_KEPT:
        _DEPTHS.popitem(last=False)
    return depth


class SubWorkflow(SyncSystemTask):
    """Starts the child described by the task input the SUB_WORKFLOW mapper resolved.

    The child id is deterministic, so a repeated start attaches to the same child; the task is
    asyncComplete: the child's end (or the sweeper) brings it to its final status."""

    task_type: str = TaskType.SUB_WORKFLOW

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        if ctx.start_workflow is None:
            return failed(task, "This server cannot start sub workflows")
        inp = task.input_data
        version = inp.get("subWorkflowVersion")
        requested = (
            int(version) if isinstance(version, int | float) and not isinstance(version, bool) else None
        )
        inline: WorkflowDef | None = None
        raw_definition = inp.get("subWorkflowDefinition")
        if raw_definition is not None:
            try:
                inline = msgspec.convert(without_nulls(raw_definition), WorkflowDef, strict=False)
            except msgspec.ValidationError as exc:
                return failed(task, f"Invalid inline sub workflow definition: {exc}")
            name: str | None = inline.name
        else:
            name = inp.get("subWorkflowName")
            if name is None:
                return failed(task, "SubWorkflow name is null and no workflowDefinition supplied")
        domains = inp.get("subWorkflowTaskToDomain")
        task_to_domain = domains if isinstance(domains, dict) else workflow.task_to_domain
        child_input: dict[str, Any] = inp.get("workflowInput") or inp
        if inline is not None:
            child_input = dict(child_input)
            meta = child_input.get("_systemMetadata")
            child_input["_systemMetadata"] = {**(meta if isinstance(meta, dict) else {}), "dynamic": True}
        priority = inp.get("priority")
        strategy = inp.get("idempotencyStrategy")
        key = inp.get("idempotencyKey")
        request = StartWorkflowRequest(
            name=str(name) if name else None,
            version=requested or None,  # 0 means the latest
            input=dict(child_input),
            correlation_id=workflow.correlation_id,
            task_to_domain=dict(task_to_domain),
            workflow_def=inline,
            priority=int(priority)
            if isinstance(priority, int | float) and not isinstance(priority, bool)
            else 0,
            idempotency_key=str(key) if key is not None else None,
            idempotency_strategy=IdempotencyStrategy(strategy) if strategy in _STRATEGIES else None,
        )
        deferred = _defer(task, workflow, ctx)
        if deferred is not None:
            return deferred
        if await _ancestors(workflow, ctx) >= MAX_SUB_WORKFLOW_DEPTH:
            return failed(
                task,
                f"Sub workflow {name} not started: sub workflows nest more than {MAX_SUB_WORKFLOW_DEPTH} "
                "levels deep (a recursive sub workflow?)",
                terminal=True,
            )
        child_id = child_workflow_id(task.workflow_instance_id, task.task_id, task.retry_count)
        nesting = _NESTING.get()
        _NESTING.set(nesting + 1)
        try:
            child_id = await ctx.start_workflow(
                request, parent=(workflow.workflow_id, task.task_id), workflow_id=child_id
            )
        except Transient as exc:
            # Tried again on the next decide.
            return replace(
                task,
                status=TaskStatus.SCHEDULED,
                reason_for_incompletion=f"Transient error starting sub workflow {name}: {exc.message}",
                output_data={**task.output_data, "subWorkflowLaunchError": exc.message},
            )
        except ConductorError as exc:
            return failed(task, exc.message)
        finally:
            _NESTING.set(nesting)  # not reset(token): closing at shutdown runs this elsewhere
        started = replace(
            task,
            status=TaskStatus.IN_PROGRESS,
            sub_workflow_id=child_id,
            reason_for_incompletion=None,
            output_data={**task.output_data, "subWorkflowId": child_id},
        )
        return await self.execute(started, workflow, ctx) or started

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        if not task.sub_workflow_id or ctx.get_workflow is None:
            return None
        child = await ctx.get_workflow(task.sub_workflow_id)
        if child is None:
            return None
        return sync_from_child(task, child)

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None:
        if task.sub_workflow_id and ctx.terminate_workflow is not None:
            reason = (
                f"Parent workflow has been terminated with reason: {workflow.reason_for_incompletion}"
                if workflow.reason_for_incompletion
                else f"Parent workflow has been terminated with status {workflow.status.value}"
            )
            with contextlib.suppress(ConductorError):  # the child already ended
                await ctx.terminate_workflow(task.sub_workflow_id, reason)


class StartWorkflow(SyncSystemTask):
    task_type: str = TaskType.START_WORKFLOW

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        raw = task.input_data.get("startWorkflow")
        if not isinstance(raw, dict) or ctx.start_workflow is None:
            return failed(task, "Missing 'startWorkflow' in input data.")
        try:
            request = msgspec.convert(without_nulls(raw), StartWorkflowRequest, strict=False)
        except msgspec.ValidationError as exc:
            return failed(task, f"startWorkflow validation failed. {exc}")
        if not request.correlation_id:
            request.correlation_id = workflow.correlation_id
        if not request.task_to_domain:
            request.task_to_domain = dict(workflow.task_to_domain)
        if request.input is None:
            request.input = {}
        deferred = _defer(task, workflow, ctx)
        if deferred is not None:
            return deferred
        nesting = _NESTING.get()
        _NESTING.set(nesting + 1)
        try:
            started = await ctx.start_workflow(request)
        except ConductorError as exc:
            return failed(task, f"startWorkflow validation failed. {exc.message}")
        finally:
            _NESTING.set(nesting)  # not reset(token): closing at shutdown runs this elsewhere
        return completed(task, {"workflowId": started})
