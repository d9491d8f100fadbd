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
from conductor.server.engine.params import task_input
from conductor.server.engine.task_types import RUNTIME_TYPE, is_system_type

# Ad-hoc definitions used when no TaskDef is registered (engine.md §4.1).
DEFAULT_WORKER_TASK_DEF = TaskDef(name="")
DEFAULT_SYSTEM_TASK_DEF = TaskDef(name="", retry_count=0, response_timeout_seconds=0)


class MappingError(Exception):
    """The node cannot be turned into a task; the workflow fails with this message."""


@dataclass
class MapContext:
    workflow: Workflow
    doc: dict[str, Any]
    now: int
    new_id: Callable[[], str]
    nav: Any = None
    # Registered task definitions by name (DYNAMIC and dynamic forks look names up at runtime).
    task_defs: dict[str, TaskDef] | None = None
    strict_dynamic: bool = False
    retry_count: int = 0
    iteration: int = 0
    # Filled in by container mappers that schedule children in the same pass.
    extra: list[Task] = field(default_factory=list)


Mapper = Callable[[WorkflowTask, MapContext], list[Task]]


def task_def_of(node: WorkflowTask) -> TaskDef:
    if node.task_definition is not None:
        return node.task_definition
    return DEFAULT_SYSTEM_TASK_DEF if is_system_type(node.type) else DEFAULT_WORKER_TASK_DEF


def new_task(node: WorkflowTask, ctx: MapContext, task_type: str, status: TaskStatus) -> Task:
    """A task record with the fields every mapper sets (TaskMapperContext.createTaskModel)."""
    wf = ctx.workflow
    task_id = ctx.new_id()
    td = task_def_of(node)
    ref = node.task_reference_name
    if ctx.iteration > 0:
        ref = f"{ref}__{ctx.iteration}"
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
    task_type = node.name if node.type == "SIMPLE" else node.type
    return [new_task(node, ctx, task_type, TaskStatus.SCHEDULED)]


def map_system(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    """Generic system task: created SCHEDULED; the runner starts and executes it."""
    task_type = RUNTIME_TYPE.get(node.type, node.type)
    return [new_task(node, ctx, task_type, TaskStatus.SCHEDULED)]


# Filled in by the operator modules (engine/operators/*) at import of `engine.decider`.
MAPPERS: dict[str, Mapper] = {}


def map_node(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    mapper = MAPPERS.get(node.type)
    if mapper is not None:
        return mapper(node, ctx)
    if is_system_type(node.type):
        return map_system(node, ctx)
    return map_worker(node, ctx)
