"""Mappers of the control-flow operators that create several tasks in one pass (engine.md §6).

FORK_JOIN and FORK_JOIN_DYNAMIC create the FORK task (completed at once), the first task of
every branch and the JOIN; DYNAMIC resolves its task name from the input; JOIN carries its
`joinOn` list (suffixed inside loops). Everything else uses the generic mappers.
"""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.definitions import WorkflowTask
from conductor.server.domain.execution import Task
from conductor.server.domain.status import TaskStatus
from conductor.server.engine.mappers import MAPPERS, MapContext, MappingError, map_node, new_task
from conductor.server.engine.params import resolve_map


def _join_for(node: WorkflowTask, ctx: MapContext) -> WorkflowTask:
    join = ctx.nav.next_node(node.task_reference_name) if ctx.nav is not None else None
    if join is None or join.type != "JOIN":
        raise MappingError("Fork task definition is not followed by a join task")
    return join


def _join_task(join: WorkflowTask, ctx: MapContext, join_on: list[str]) -> Task:
    task = new_task(join, ctx, "JOIN", TaskStatus.IN_PROGRESS)
    task.input_data = {**task.input_data, "joinOn": join_on}
    task.start_time = ctx.now
    return task


def _suffixed(refs: list[str], ctx: MapContext) -> list[str]:
    return [f"{r}__{ctx.iteration}" for r in refs] if ctx.iteration > 0 else list(refs)


def map_fork(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    fork = new_task(node, ctx, "FORK", TaskStatus.COMPLETED)
    fork.start_time = fork.end_time = ctx.now
    tasks = [fork]
    for branch in node.fork_tasks:
        if branch:
            tasks.extend(map_node(branch[0], ctx))
    join = _join_for(node, ctx)
    tasks.append(_join_task(join, ctx, _suffixed(join.join_on, ctx)))
    return tasks


def map_join(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    return [_join_task(node, ctx, _suffixed(node.join_on, ctx))]


def _dynamic_branches(node: WorkflowTask, ctx: MapContext) -> tuple[list[WorkflowTask], dict[str, Any]]:
    """The branch nodes and their inputs, from whichever of the three input styles is used."""
    params = resolve_map(node.input_parameters, ctx.doc)
    if "forkTaskInputs" in params:
        inputs = params.get("forkTaskInputs")
        if not isinstance(inputs, list):
            raise MappingError(f"Input 'forkTaskInputs' of {node.task_reference_name} must be a list")
        name = params.get("forkTaskName") or params.get("forkTaskType") or node.task_reference_name
        kind = params.get("forkTaskType") or "SIMPLE"
        sub_name = params.get("forkTaskWorkflow")
        nodes: list[WorkflowTask] = []
        branch_inputs: dict[str, Any] = {}
        for i, item in enumerate(inputs):
            ref = f"_{name}_{i}"
            item_input = dict(item) if isinstance(item, dict) else {"input": item}
            item_input["__index"] = i
            if sub_name:
                version = params.get("forkTaskWorkflowVersion")
                branch = WorkflowTask(
                    name=str(sub_name),
                    task_reference_name=ref,
                    type="SUB_WORKFLOW",
                    sub_workflow_param=msgspec.convert(
                        {"name": sub_name, "version": int(version) if version else None},
                        type=_SubParams,
                    ),
                )
            else:
                branch = WorkflowTask(name=str(name), task_reference_name=ref, type=str(kind))
            branch.optional = node.optional
            nodes.append(branch)
            branch_inputs[ref] = item_input
        return nodes, branch_inputs
    if node.dynamic_fork_join_tasks_param:
        holder = params.get(node.dynamic_fork_join_tasks_param) or {}
        dynamic = holder.get("dynamicTasks", []) if isinstance(holder, dict) else []
        nodes, branch_inputs = [], {}
        for entry in dynamic:
            ref = entry.get("referenceName")
            nodes.append(
                WorkflowTask(
                    name=entry.get("taskName", ref), task_reference_name=ref, type=entry.get("type", "SIMPLE")
                )
            )
            branch_inputs[ref] = entry.get("input", {})
        return nodes, branch_inputs
    param = node.dynamic_fork_tasks_param or ""
    raw = params.get(param)
    try:
        nodes = msgspec.convert(raw, type=list[WorkflowTask], strict=False)
    except msgspec.ValidationError as exc:
        raise MappingError(
            f"Input '{param}' is invalid. Cannot deserialize a list of Workflow Tasks from '{raw}'"
        ) from exc
    if any(not n.task_reference_name for n in nodes):
        raise MappingError(
            f"Input '{param}' is invalid. Cannot deserialize a list of Workflow Tasks from '{raw}'"
        )
    input_param = node.dynamic_fork_tasks_input_param_name or ""
    branch_inputs = params.get(input_param, {})
    if not isinstance(branch_inputs, dict):
        raise MappingError("Input to the dynamically forked tasks is not a map")
    return nodes, branch_inputs


class _SubParams(msgspec.Struct, rename="camel"):
    name: str | None = None
    version: int | None = None


def map_dynamic_fork(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    nodes, branch_inputs = _dynamic_branches(node, ctx)
    refs = [n.task_reference_name for n in nodes]
    if len(set(refs)) != len(refs):
        raise MappingError(
            f"Dynamic fork {node.task_reference_name} has duplicate task reference names: {refs}"
        )
    fork = new_task(node, ctx, "FORK", TaskStatus.COMPLETED)
    fork.start_time = fork.end_time = ctx.now
    fork.input_data = {**fork.input_data, "forkedTasks": refs}
    tasks = [fork]
    for branch in nodes:
        branch_input = branch_inputs.get(branch.task_reference_name, {})
        merged = {**branch.input_parameters, **(branch_input if isinstance(branch_input, dict) else {})}
        branch.input_parameters = merged
        if branch.task_definition is None and ctx.task_defs is not None:
            branch.task_definition = ctx.task_defs.get(branch.name)
        mapped = map_node(branch, ctx)
        for task in mapped:
            task.workflow_task = branch
        tasks.extend(mapped)
    join = _join_for(node, ctx)
    tasks.append(_join_task(join, ctx, _suffixed(refs, ctx)))
    return tasks


def map_dynamic(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    params = resolve_map(node.input_parameters, ctx.doc)
    name = params.get(node.dynamic_task_name_param or "")
    if not isinstance(name, str) or not name:
        raise MappingError(
            f"Cannot map a dynamic task based on the parameter and input. Parameter= "
            f"{node.dynamic_task_name_param}, input= {params}"
        )
    task_def = ctx.task_defs.get(name) if ctx.task_defs is not None else None
    if ctx.task_defs is not None and task_def is None and ctx.strict_dynamic:
        raise MappingError(f"Invalid task specified. Cannot find task by name {name} in the task definitions")
    resolved = msgspec.structs.replace(node, name=name, type="SIMPLE", task_definition=task_def)
    tasks = map_node(resolved, ctx)
    for task in tasks:
        task.task_type = name
        task.task_def_name = name
    return tasks


MAPPERS.update(
    {
        "FORK_JOIN": map_fork,
        "JOIN": map_join,
        "FORK_JOIN_DYNAMIC": map_dynamic_fork,
        "DYNAMIC": map_dynamic,
    }
)
