"""Turning a definition node into the task records to schedule (Conductor's task mappers).

Mappers are pure: the workflow snapshot, the evaluation document and `now` go in, new `Task`
records come out. The decider looks them up by node type; a type without a dedicated mapper is
a system task (when it is one) or a worker task queued under its type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from conductor.server.domain.definitions import TaskDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_index import iteration_ref
from conductor.server.domain.task_types import TaskType
from conductor.server.engine.params import task_input
from conductor.server.engine.task_types import RUNTIME_TYPE, is_system_type

# Ad-hoc definitions used when no TaskDef is registered (docs/engine.md §4.1).
DEFAULT_WORKER_TASK_DEF = TaskDef(name="")
DEFAULT_SYSTEM_TASK_DEF = TaskDef(name="", retry_count=0, response_timeout_seconds=0)


class MappingError(Exception):
    """The node cannot be turned into a task; the workflow fails with this message."""


class MissingMetadata(Exception):
    """A mapper needs a definition the caller has not supplied yet.

    The decider stays pure: instead of reading a store it reports the name it needs, the runner
    fetches that definition into the `MetadataView` and decides again.
    """

    def __init__(self, kind: str, name: str) -> None:
        super().__init__(f"{kind} {name}")
        self.kind = kind
        self.name = name


@dataclass
class MetadataView:
    """Registered definitions known to one decision, by name; None records "not registered".

    Only names resolved at run time are looked up here: DYNAMIC task names, dynamic-fork branch
    tasks and sub-workflows whose version was not pinned when the workflow started."""

    task_defs: dict[str, TaskDef | None] = field(default_factory=dict)
    latest_versions: dict[str, int | None] = field(default_factory=dict)

    def task_def(self, name: str) -> TaskDef | None:
        if name not in self.task_defs:
            raise MissingMetadata("taskDef", name)
        return self.task_defs[name]

    def latest_version(self, name: str) -> int | None:
        if name not in self.latest_versions:
            raise MissingMetadata("workflowDef", name)
        return self.latest_versions[name]


@dataclass
class MapContext:
    workflow: Workflow
    # Makes the expression document on first use: mapping a JOIN that already exists, the
    # common case in a large fan-out, never needs it.
    doc_source: Callable[[], dict[str, Any]]
    now: int
    new_id: Callable[[], str]
    nav: Any = None
    # Registered definitions (None: a unit test without a store; lookups then find nothing
    # and fall back to lenient defaults).
    metadata: MetadataView | None = None
    retry_count: int = 0
    iteration: int = 0
    # Filled in by container mappers that schedule children in the same pass.
    extra: list[Task] = field(default_factory=list)
    _doc: dict[str, Any] | None = None

    @property
    def doc(self) -> dict[str, Any]:
        if self._doc is None:
            self._doc = self.doc_source()
        return self._doc


Mapper = Callable[[WorkflowTask, MapContext], list[Task]]


def registered_task_def(ctx: MapContext, name: str) -> TaskDef | None:
    return ctx.metadata.task_def(name) if ctx.metadata is not None else None


def task_def_of(node: WorkflowTask) -> TaskDef:
    if node.task_definition is not None:
        return node.task_definition
    return DEFAULT_SYSTEM_TASK_DEF if is_system_type(node.type) else DEFAULT_WORKER_TASK_DEF


def new_task(node: WorkflowTask, ctx: MapContext, task_type: str, status: TaskStatus) -> Task:
    """A task record with the fields every mapper sets (TaskMapperContext.createTaskModel)."""
    wf = ctx.workflow
    task_id = ctx.new_id()
    td = task_def_of(node)
    ref = iteration_ref(node.task_reference_name, ctx.iteration)
    return Task(
        task_id=task_id,
        task_type=task_type,
        task_def_name=node.name or task_type,
        reference_task_name=ref,
        workflow_instance_id=wf.workflow_id,
        workflow_type=wf.workflow_name,
        correlation_id=wf.correlation_id,
        status=status,
        input_data=task_input(node.input_parameters, ctx.doc, task_id, node.task_definition),
        retry_count=ctx.retry_count,
        scheduled_time=ctx.now,
        callback_after_seconds=node.start_delay,
        start_delay_in_seconds=node.start_delay,
        response_timeout_seconds=td.response_timeout_seconds,
        workflow_task=node,
        workflow_priority=wf.priority,
        rate_limit_per_frequency=td.rate_limit_per_frequency,
        rate_limit_frequency_in_seconds=td.rate_limit_frequency_in_seconds,
        isolation_group_id=td.isolation_group_id,
        execution_name_space=td.execution_name_space,
        iteration=ctx.iteration,
        loop_over_task=ctx.iteration > 0,
    )


def map_worker(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    """SIMPLE: queued under the node's name. Unknown types: queued under their type."""
    task_type = node.name if node.type == TaskType.SIMPLE else node.type
    return [new_task(node, ctx, task_type, TaskStatus.SCHEDULED)]


def map_system(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    """Generic system task: created SCHEDULED; the runner starts and executes it."""
    task_type = RUNTIME_TYPE.get(node.type, node.type)
    return [new_task(node, ctx, task_type, TaskStatus.SCHEDULED)]


# Filled in by `engine/operators.py` (the operators: SWITCH, FORK, JOIN, DO_WHILE, ...) when
# `engine.decider` imports it.
MAPPERS: dict[str, Mapper] = {}


def map_node(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    mapper = MAPPERS.get(node.type)
    if mapper is not None:
        return mapper(node, ctx)
    if is_system_type(node.type):
        return map_system(node, ctx)
    return map_worker(node, ctx)
