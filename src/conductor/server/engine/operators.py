"""Mappers of the operators whose task records are built at schedule time (docs/engine.md §6).

FORK_JOIN and FORK_JOIN_DYNAMIC create the FORK task (completed at once), the first task of
every branch and the JOIN in one pass; JOIN carries its `joinOn` list (suffixed inside loops);
DYNAMIC resolves its task name from the input; SUB_WORKFLOW resolves its parameters into the
task input that the SUB_WORKFLOW system task starts the child from. Everything else uses the
generic mappers.
"""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.definitions import SubWorkflowParams, WorkflowTask, without_nulls
from conductor.server.domain.execution import Task
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_index import iteration_ref
from conductor.server.domain.task_types import TaskType
from conductor.server.engine.mappers import (
    MAPPERS,
    MapContext,
    MappingError,
    map_node,
    new_task,
    registered_task_def,
)
from conductor.server.engine.params import resolve_map
from conductor.server.engine.task_types import is_system_type
from conductor.server.expressions.javastring import java_to_string
from conductor.server.systasks.sub_workflow import child_version


def _join_for(node: WorkflowTask, ctx: MapContext, message: str) -> WorkflowTask:
    join: WorkflowTask | None = ctx.nav.next_node(node.task_reference_name) if ctx.nav is not None else None
    if join is None or join.type != TaskType.JOIN:
        raise MappingError(message)
    return join


def _join_task(join: WorkflowTask, ctx: MapContext, join_on: list[str], dynamic: bool = False) -> Task:
    """The JOIN, IN_PROGRESS; its input is `joinOn` (plus the node's raw input after a dynamic fork)."""
    task = new_task(join, ctx, TaskType.JOIN, TaskStatus.IN_PROGRESS)
    task.input_data = {**join.input_parameters, "joinOn": join_on} if dynamic else {"joinOn": join_on}
    task.task_def_name = TaskType.JOIN
    task.start_time = ctx.now
    return task


def _suffixed(refs: list[str], ctx: MapContext) -> list[str]:
    return [iteration_ref(r, ctx.iteration) for r in refs]


def map_fork(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    fork = new_task(node, ctx, TaskType.FORK, TaskStatus.COMPLETED)
    fork.start_time = fork.end_time = ctx.now
    tasks = [fork]
    for branch in node.fork_tasks:
        if branch:
            tasks.extend(map_node(branch[0], ctx))
    join = _join_for(node, ctx, "Fork task definition is not followed by a join task.  Check the blueprint")
    tasks.append(_join_task(join, ctx, _suffixed(join.join_on, ctx)))
    return tasks


def map_join(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    return [_join_task(node, ctx, _suffixed(node.join_on, ctx))]


# ---- FORK_JOIN_DYNAMIC -------------------------------------------------------------------

Branches = tuple[list[WorkflowTask], dict[str, Any]]


def _as_node(item: Any) -> WorkflowTask:
    """A fork input element read as WorkflowTask fields, when it is shaped like one."""
    try:
        if isinstance(item, dict):
            return msgspec.convert(without_nulls(item), WorkflowTask, strict=False)
    except msgspec.ValidationError:
        pass
    return WorkflowTask()


def _simple_style(node: WorkflowTask, params: dict[str, Any], ctx: MapContext) -> Branches | None:
    """`forkTaskName` / `forkTaskType` / `forkTaskWorkflow` with a `forkTaskInputs` list."""
    inputs = params.get("forkTaskInputs")
    if not isinstance(inputs, list):
        return None
    sub_name = params.get("forkTaskWorkflow")
    raw_version = params.get("forkTaskWorkflowVersion")
    try:
        sub_version = int(raw_version) if raw_version is not None else None
    except (TypeError, ValueError):
        sub_version = None
    kind = params.get("forkTaskType")
    name = params.get("forkTaskName")
    if kind is not None and is_system_type(str(kind)) and name is None:
        name = kind
    if name is None:
        name = node.task_reference_name
    kind = kind or TaskType.SIMPLE
    # A second dynamic fork in the same workflow prefixes its own reference, keeping refs unique.
    nested = any(t.workflow_task.type == TaskType.FORK_JOIN_DYNAMIC for t in ctx.workflow.tasks)
    nodes: list[WorkflowTask] = []
    branch_inputs: dict[str, Any] = {}
    for i, item in enumerate(inputs):
        branch = _as_node(item)
        branch_input: dict[str, Any] = dict(item) if isinstance(item, dict) else {"input": item}
        if sub_name is not None:
            branch.name = str(sub_name)
            branch.type = TaskType.SUB_WORKFLOW
            domains = branch_input.get("taskToDomain")
            branch.sub_workflow_param = SubWorkflowParams(
                name=str(sub_name),
                version=sub_version,
                task_to_domain=domains if isinstance(domains, dict) else None,
            )
        else:
            branch.name = str(name)
            branch.type = str(kind)
            branch.task_definition = registered_task_def(ctx, str(name))
        prefix = f"_{node.task_reference_name}_{name}" if nested else f"_{name}"
        branch.task_reference_name = f"{prefix}_{i}"
        branch_input["__index"] = i
        branch.input_parameters = branch_input
        if node.optional:
            branch.optional = True
        nodes.append(branch)
        branch_inputs[branch.task_reference_name] = branch_input
    return nodes, branch_inputs


def _classic_style(node: WorkflowTask, params: dict[str, Any], ctx: MapContext) -> Branches:
    """`dynamicForkTasksParam` (a list of WorkflowTask JSON) + `dynamicForkTasksInputParamName`."""
    param = node.dynamic_fork_tasks_param or ""
    raw = params.get(param)
    shown = java_to_string(raw)
    invalid = f"Input '{param}' is invalid. Cannot deserialize a list of Workflow Tasks from '{shown}'"
    try:
        nodes = msgspec.convert(without_nulls(raw), type=list[WorkflowTask], strict=False)
    except msgspec.ValidationError as exc:
        raise MappingError(invalid) from exc
    if any(not n.task_reference_name for n in nodes):
        raise MappingError(invalid)
    for branch in nodes:
        if branch.task_definition is None and branch.name:
            branch.task_definition = registered_task_def(ctx, branch.name)
    branch_inputs = params.get(node.dynamic_fork_tasks_input_param_name or "")
    if not isinstance(branch_inputs, dict):
        raise MappingError(
            "Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found "
            + java_to_string(branch_inputs)
        )
    return nodes, branch_inputs


def _legacy_style(node: WorkflowTask, params: dict[str, Any], ctx: MapContext) -> Branches:
    """`dynamicForkJoinTasksParam` holding {dynamicTasks: [{taskName, referenceName, type, input}]}."""
    param = node.dynamic_fork_join_tasks_param
    holder = params.get(param) if param else None
    entries = holder.get("dynamicTasks") if isinstance(holder, dict) else None
    if not isinstance(entries, list):
        raise MappingError(
            f"Dynamic tasks could not be created. The value of {param} from task's input "
            f"{java_to_string(params)} has no dynamic tasks to be scheduled"
        )
    nodes: list[WorkflowTask] = []
    branch_inputs: dict[str, Any] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        ref = str(entry.get("referenceName") or "")
        name = str(entry.get("taskName") or "")
        branch = WorkflowTask(
            name=name, task_reference_name=ref, type=str(entry.get("type") or TaskType.SIMPLE)
        )
        if name:
            branch.task_definition = registered_task_def(ctx, name)
        nodes.append(branch)
        branch_inputs[ref] = entry.get("input") or {}
    return nodes, branch_inputs


def map_dynamic_fork(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    params = resolve_map(node.input_parameters, ctx.doc)
    found = _simple_style(node, params, ctx)
    if found is None:
        found = (
            _classic_style(node, params, ctx)
            if node.dynamic_fork_tasks_param
            else _legacy_style(node, params, ctx)
        )
    nodes, branch_inputs = found
    refs = [n.task_reference_name for n in nodes]
    fork = new_task(node, ctx, TaskType.FORK, TaskStatus.COMPLETED)
    fork.task_def_name = TaskType.FORK
    fork.start_time = fork.end_time = ctx.now
    fork.executed = True
    fork.input_data = {
        **fork.input_data,
        "forkedTasks": refs,
        "forkedTaskDefs": msgspec.to_builtins(nodes),
    }
    tasks = [fork]
    existing = {t.reference_task_name for t in ctx.workflow.tasks}
    seen: set[str] = set()
    join_on: list[str] = []
    for branch in nodes:
        branch_input = branch_inputs.get(branch.task_reference_name)
        if branch_input is not None and not isinstance(branch_input, dict):
            raise MappingError(
                "Tasks could not be dynamically forked due to invalid input: "
                f"input of {branch.task_reference_name} is not a map"
            )
        branch.input_parameters = {**branch.input_parameters, **(branch_input or {})}
        mapped = map_node(branch, ctx)
        mapped_refs = {t.reference_task_name for t in mapped}
        duplicate = mapped_refs & (existing | seen)
        if not mapped or duplicate:
            message = (
                f"No dynamic tasks could be created for the Workflow: {ctx.workflow.workflow_name}."
                f"{ctx.workflow.workflow_version}/{ctx.workflow.workflow_id}, Dynamic Fork Task: "
                f"{branch.task_reference_name}"
            )
            if duplicate:
                message += f" attempted to create a duplicate task reference name: {sorted(duplicate)[0]}"
            raise MappingError(message)
        seen |= mapped_refs
        tasks.extend(mapped)
        join_on.append(mapped[-1].reference_task_name)
    join = _join_for(
        node, ctx, "Dynamic join definition is not followed by a join task.  Check the workflow definition."
    )
    tasks.append(_join_task(join, ctx, join_on, dynamic=True))
    return tasks


# ---- DYNAMIC -----------------------------------------------------------------------------


def map_dynamic(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    params = resolve_map(node.input_parameters, ctx.doc)
    value = params.get(node.dynamic_task_name_param or "")
    if value is None:
        raise MappingError(
            f"Cannot map a dynamic task based on the parameter and input. Parameter= "
            f"{node.dynamic_task_name_param}, input= {java_to_string(params)}"
        )
    name = value if isinstance(value, str) else java_to_string(value)
    # The node's own definition (registered under the DYNAMIC node's name) wins, as in Conductor.
    task_def = node.task_definition or registered_task_def(ctx, name)
    if task_def is None and ctx.metadata is not None:
        raise MappingError(
            f"Invalid task specified.  Cannot find task by name {name} in the task definitions"
        )
    resolved = msgspec.structs.replace(node, name=name, type=TaskType.SIMPLE, task_definition=task_def)
    tasks = map_node(resolved, ctx)
    for task in tasks:
        task.task_type = name
        task.task_def_name = name
    return tasks


# ---- SUB_WORKFLOW ------------------------------------------------------------------------


def map_sub_workflow(node: WorkflowTask, ctx: MapContext) -> list[Task]:
    """Resolve subWorkflowParam into the task input the SUB_WORKFLOW task starts its child from."""
    param = node.sub_workflow_param
    if param is None:
        raise MappingError(
            f"Task {node.name} is defined as sub-workflow and is missing subWorkflowParams. "
            "Please check the workflow definition"
        )
    raw: dict[str, Any] = {"name": param.name, "priority": param.priority}
    if param.version is not None:
        raw["version"] = param.version
    if param.task_to_domain is not None:
        raw["taskToDomain"] = param.task_to_domain
    if param.idempotency_key is not None:
        raw["idempotencyKey"] = param.idempotency_key
    if param.idempotency_strategy is not None:
        raw["idempotencyStrategy"] = param.idempotency_strategy.value
    definition = param.workflow_definition
    if isinstance(definition, str):
        # An expression such as ${builder.output.result} that yields a definition at run time.
        raw["workflowDefinition"] = definition
        params = resolve_map(raw, ctx.doc)
    else:
        params = resolve_map(raw, ctx.doc)
        if definition is not None:  # an embedded definition is never resolved
            params["workflowDefinition"] = msgspec.to_builtins(definition)
    sub_definition = params.get("workflowDefinition")
    name = params.get("name")
    if name is None and isinstance(sub_definition, dict):
        name = sub_definition.get("name")
    name_text = None if name is None else name if isinstance(name, str) else java_to_string(name)
    version: int | None = None
    if sub_definition is None:
        if params.get("version") is not None:
            version = child_version(params["version"])
        elif ctx.metadata is not None and name_text is not None:
            version = ctx.metadata.latest_version(name_text)
            if version is None:
                raise MappingError(
                    f"The Task {name_text} defined as a sub-workflow has no workflow definition available "
                )
    domains = params.get("taskToDomain")
    task = new_task(node, ctx, TaskType.SUB_WORKFLOW, TaskStatus.SCHEDULED)
    task.input_data = {
        "subWorkflowName": name_text,
        "priority": params.get("priority"),
        "subWorkflowVersion": version,
        "subWorkflowTaskToDomain": domains if isinstance(domains, dict) else None,
        "subWorkflowDefinition": sub_definition,
        "idempotencyKey": params.get("idempotencyKey"),
        "idempotencyStrategy": params.get("idempotencyStrategy"),
        "workflowInput": task.input_data,
    }
    if isinstance(param.priority, int) and not isinstance(param.priority, bool):
        task.workflow_priority = param.priority
    return [task]


MAPPERS.update(
    {
        TaskType.FORK_JOIN: map_fork,
        TaskType.JOIN: map_join,
        TaskType.FORK_JOIN_DYNAMIC: map_dynamic_fork,
        TaskType.DYNAMIC: map_dynamic,
        TaskType.SUB_WORKFLOW: map_sub_workflow,
    }
)
