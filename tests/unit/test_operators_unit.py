"""Operator mapping without a server: the task records FORK_JOIN, FORK_JOIN_DYNAMIC (its three
input styles), DYNAMIC and SUB_WORKFLOW schedule (engine/operators.py; docs/engine.md §6).

Each test gives the pure decider a definition, a workflow input and (when the mapping looks
definitions up by name) a `MetadataView`, and reads the new tasks of the first decision.
"""

from __future__ import annotations

import itertools
from typing import Any

from conductor.server.domain.definitions import SubWorkflowParams, TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import WorkflowStatus
from conductor.server.engine.decider import Decision, decide
from conductor.server.engine.mappers import MetadataView

NOW = 1_700_000_000_000


def simple(ref: str, name: str | None = None, **kw: Any) -> WorkflowTask:
    name = name or ref
    td = TaskDef(name=name, retry_count=0, response_timeout_seconds=3600)
    return WorkflowTask(name=name, task_reference_name=ref, type="SIMPLE", task_definition=td, **kw)


def join(ref: str = "join", *join_on: str, **kw: Any) -> WorkflowTask:
    return WorkflowTask(name=ref, task_reference_name=ref, type="JOIN", join_on=list(join_on), **kw)


def first_decision(
    nodes: list[WorkflowTask], wf_input: dict[str, Any] | None = None, metadata: MetadataView | None = None
) -> Decision:
    wf = Workflow(
        workflow_id="wf-1",
        workflow_definition=WorkflowDef(name="wf", version=1, tasks=nodes),
        workflow_name="wf",
        workflow_version=1,
        status=WorkflowStatus.RUNNING,
        create_time=NOW,
        start_time=NOW,
        update_time=NOW,
        input=wf_input or {},
    )
    counter = itertools.count(1)
    return decide(wf, NOW, lambda: f"t{next(counter)}", metadata)


def scheduled(decision: Decision) -> list[tuple[str, str, str]]:
    assert decision.termination is None, decision.termination
    return [(t.reference_task_name, t.task_type, t.status.value) for t in decision.new_tasks]


def by_ref(decision: Decision, ref: str) -> Task:
    return next(t for t in decision.new_tasks if t.reference_task_name == ref)


def failure(decision: Decision) -> str:
    assert decision.termination is not None, "expected the mapping to fail the workflow"
    assert decision.termination.status is WorkflowStatus.FAILED
    return decision.termination.reason


# ---- FORK_JOIN -----------------------------------------------------------------------------------


def test_fork_schedules_the_first_task_of_each_branch_and_the_join_in_one_pass() -> None:
    fork = WorkflowTask(
        name="fork",
        task_reference_name="fork",
        type="FORK_JOIN",
        fork_tasks=[[simple("a1"), simple("a2")], [simple("b1")], []],
    )
    decision = first_decision([fork, join("join", "a2", "b1")])
    assert scheduled(decision) == [
        ("fork", "FORK", "COMPLETED"),
        ("a1", "a1", "SCHEDULED"),
        ("b1", "b1", "SCHEDULED"),
        ("join", "JOIN", "IN_PROGRESS"),
    ]
    fork_task, join_task = by_ref(decision, "fork"), by_ref(decision, "join")
    assert fork_task.start_time == fork_task.end_time == NOW
    assert join_task.input_data == {"joinOn": ["a2", "b1"]}
    assert join_task.start_time == NOW


def test_fork_without_a_join_after_it_fails_the_workflow() -> None:
    fork = WorkflowTask(name="fork", task_reference_name="fork", type="FORK_JOIN", fork_tasks=[[simple("a")]])
    assert (
        failure(first_decision([fork, simple("after")]))
        == "Fork task definition is not followed by a join task.  Check the blueprint"
    )


# ---- FORK_JOIN_DYNAMIC ---------------------------------------------------------------------------


def dynamic_fork(**kw: Any) -> WorkflowTask:
    return WorkflowTask(name="dyn", task_reference_name="dyn", type="FORK_JOIN_DYNAMIC", **kw)


def test_dynamic_fork_simple_style_makes_one_branch_per_input() -> None:
    node = dynamic_fork(
        input_parameters={"forkTaskName": "work", "forkTaskInputs": "${workflow.input.items}"}
    )
    metadata = MetadataView(task_defs={"work": TaskDef(name="work", response_timeout_seconds=60)})
    decision = first_decision([node, join("join")], {"items": [{"n": 1}, {"n": 2}]}, metadata)
    assert scheduled(decision) == [
        ("dyn", "FORK", "COMPLETED"),
        ("_work_0", "work", "SCHEDULED"),
        ("_work_1", "work", "SCHEDULED"),
        ("join", "JOIN", "IN_PROGRESS"),
    ]
    assert by_ref(decision, "_work_0").input_data == {"n": 1, "__index": 0}
    assert by_ref(decision, "_work_1").input_data == {"n": 2, "__index": 1}
    assert by_ref(decision, "_work_1").response_timeout_seconds == 60  # the registered definition
    assert by_ref(decision, "dyn").input_data["forkedTasks"] == ["_work_0", "_work_1"]
    assert by_ref(decision, "join").input_data["joinOn"] == ["_work_0", "_work_1"]


def test_dynamic_fork_simple_style_wraps_non_map_inputs() -> None:
    node = dynamic_fork(input_parameters={"forkTaskName": "work", "forkTaskInputs": [7, "x"]})
    decision = first_decision([node, join("join")], metadata=MetadataView(task_defs={"work": None}))
    assert by_ref(decision, "_work_0").input_data == {"input": 7, "__index": 0}
    assert by_ref(decision, "_work_1").input_data == {"input": "x", "__index": 1}


def test_dynamic_fork_of_sub_workflows() -> None:
    node = dynamic_fork(
        input_parameters={"forkTaskWorkflow": "child", "forkTaskWorkflowVersion": "2", "forkTaskInputs": [{}]}
    )
    decision = first_decision([node, join("join")])
    assert scheduled(decision)[1] == ("_dyn_0", "SUB_WORKFLOW", "SCHEDULED")
    branch = by_ref(decision, "_dyn_0")
    assert (branch.input_data["subWorkflowName"], branch.input_data["subWorkflowVersion"]) == ("child", 2)


def test_dynamic_fork_classic_style_takes_task_list_and_input_map() -> None:
    node = dynamic_fork(
        dynamic_fork_tasks_param="tasks",
        dynamic_fork_tasks_input_param_name="inputs",
        input_parameters={"tasks": "${workflow.input.tasks}", "inputs": "${workflow.input.inputs}"},
    )
    wf_input = {
        "tasks": [
            {"name": "x", "taskReferenceName": "x1", "type": "SIMPLE"},
            {"name": "y", "taskReferenceName": "y1", "type": "SIMPLE", "inputParameters": {"keep": True}},
        ],
        "inputs": {"x1": {"v": 1}, "y1": {"v": 2}},
    }
    decision = first_decision(
        [node, join("join", input_parameters={"note": 1})],
        wf_input,
        MetadataView(task_defs={"x": None, "y": None}),
    )
    assert [r for r, _, _ in scheduled(decision)] == ["dyn", "x1", "y1", "join"]
    assert by_ref(decision, "x1").input_data == {"v": 1}
    assert by_ref(decision, "y1").input_data == {"keep": True, "v": 2}
    # After a dynamic fork the JOIN also carries the node's own input.
    assert by_ref(decision, "join").input_data == {"note": 1, "joinOn": ["x1", "y1"]}


def test_dynamic_fork_classic_style_rejects_inputs_that_are_not_a_map() -> None:
    node = dynamic_fork(
        dynamic_fork_tasks_param="tasks",
        dynamic_fork_tasks_input_param_name="inputs",
        input_parameters={"tasks": [{"name": "x", "taskReferenceName": "x1"}], "inputs": "oops"},
    )
    reason = failure(first_decision([node, join("join")], metadata=MetadataView(task_defs={"x": None})))
    assert (
        reason
        == "Input to the dynamically forked tasks is not a map -> expecting a map of K,V  but found oops"
    )


def test_dynamic_fork_legacy_style_reads_dynamic_tasks() -> None:
    node = dynamic_fork(
        dynamic_fork_join_tasks_param="plan",
        input_parameters={
            "plan": {
                "dynamicTasks": [
                    {"taskName": "p", "referenceName": "p1", "input": {"k": 1}},
                    {"taskName": "q", "referenceName": "q1", "type": "SIMPLE"},
                ]
            }
        },
    )
    decision = first_decision([node, join("join")], metadata=MetadataView(task_defs={"p": None, "q": None}))
    assert [r for r, _, _ in scheduled(decision)] == ["dyn", "p1", "q1", "join"]
    assert by_ref(decision, "p1").input_data == {"k": 1}
    assert by_ref(decision, "join").input_data["joinOn"] == ["p1", "q1"]


def test_dynamic_fork_legacy_style_without_tasks_fails_with_conductor_message() -> None:
    node = dynamic_fork(dynamic_fork_join_tasks_param="plan", input_parameters={"plan": {}})
    assert failure(first_decision([node, join("join")])).startswith(
        "Dynamic tasks could not be created. The value of plan from task's input"
    )


def test_dynamic_fork_refuses_duplicate_references() -> None:
    node = dynamic_fork(
        dynamic_fork_tasks_param="tasks",
        dynamic_fork_tasks_input_param_name="inputs",
        input_parameters={
            "tasks": [{"name": "x", "taskReferenceName": "x1"}, {"name": "x", "taskReferenceName": "x1"}],
            "inputs": {},
        },
    )
    reason = failure(first_decision([node, join("join")], metadata=MetadataView(task_defs={"x": None})))
    assert reason.endswith("attempted to create a duplicate task reference name: x1")


def test_dynamic_fork_without_a_join_after_it_fails_the_workflow() -> None:
    node = dynamic_fork(input_parameters={"forkTaskName": "work", "forkTaskInputs": [{}]})
    reason = failure(first_decision([node], metadata=MetadataView(task_defs={"work": None})))
    assert reason == "Dynamic join definition is not followed by a join task.  Check the workflow definition."


# ---- DYNAMIC -------------------------------------------------------------------------------------


def test_dynamic_task_takes_its_type_from_the_input() -> None:
    node = WorkflowTask(
        name="dyn",
        task_reference_name="dyn",
        type="DYNAMIC",
        dynamic_task_name_param="taskToRun",
        input_parameters={"taskToRun": "${workflow.input.which}"},
    )
    metadata = MetadataView(task_defs={"resize": TaskDef(name="resize")})
    decision = first_decision([node], {"which": "resize"}, metadata)
    task = by_ref(decision, "dyn")
    assert (task.task_type, task.task_def_name, task.status.value) == ("resize", "resize", "SCHEDULED")


def test_dynamic_task_without_its_name_parameter_fails_the_workflow() -> None:
    node = WorkflowTask(
        name="dyn", task_reference_name="dyn", type="DYNAMIC", dynamic_task_name_param="taskToRun"
    )
    assert failure(first_decision([node])).startswith(
        "Cannot map a dynamic task based on the parameter and input. Parameter= taskToRun"
    )


def test_dynamic_task_of_an_unregistered_name_fails_the_workflow() -> None:
    node = WorkflowTask(
        name="dyn",
        task_reference_name="dyn",
        type="DYNAMIC",
        dynamic_task_name_param="taskToRun",
        input_parameters={"taskToRun": "nope"},
    )
    reason = failure(first_decision([node], metadata=MetadataView(task_defs={"nope": None, "dyn": None})))
    assert reason == "Invalid task specified.  Cannot find task by name nope in the task definitions"


# ---- SUB_WORKFLOW --------------------------------------------------------------------------------


def sub(param: SubWorkflowParams | None, **kw: Any) -> WorkflowTask:
    return WorkflowTask(
        name="sub", task_reference_name="sub", type="SUB_WORKFLOW", sub_workflow_param=param, **kw
    )


def test_sub_workflow_resolves_its_parameters_into_the_task_input() -> None:
    node = sub(
        SubWorkflowParams(
            name="${workflow.input.child}", version=2, task_to_domain={"*": "blue"}, priority=5
        ),
        input_parameters={"order": "${workflow.input.order}"},
    )
    decision = first_decision([node], {"child": "billing", "order": 17})
    task = by_ref(decision, "sub")
    assert (task.task_type, task.status.value) == ("SUB_WORKFLOW", "SCHEDULED")
    assert task.input_data == {
        "subWorkflowName": "billing",
        "priority": 5,
        "subWorkflowVersion": 2,
        "subWorkflowTaskToDomain": {"*": "blue"},
        "subWorkflowDefinition": None,
        "idempotencyKey": None,
        "idempotencyStrategy": None,
        "workflowInput": {"order": 17},
    }
    assert task.workflow_priority == 5


def test_sub_workflow_without_a_version_runs_the_latest_registered_one() -> None:
    node = sub(SubWorkflowParams(name="billing"))
    asks = first_decision([node], metadata=MetadataView())
    assert asks.missing is not None and (asks.missing.kind, asks.missing.name) == ("workflowDef", "billing")
    decision = first_decision([node], metadata=MetadataView(latest_versions={"billing": 3}))
    assert by_ref(decision, "sub").input_data["subWorkflowVersion"] == 3


def test_sub_workflow_of_an_unknown_name_fails_the_workflow() -> None:
    node = sub(SubWorkflowParams(name="ghost"))
    reason = failure(first_decision([node], metadata=MetadataView(latest_versions={"ghost": None})))
    assert reason == "The Task ghost defined as a sub-workflow has no workflow definition available "


def test_sub_workflow_with_an_embedded_definition_carries_it_unresolved() -> None:
    embedded = WorkflowDef(
        name="inline_child", version=1, tasks=[simple("c", input_parameters={"v": "${x}"})]
    )
    decision = first_decision([sub(SubWorkflowParams(workflow_definition=embedded))], metadata=MetadataView())
    data = by_ref(decision, "sub").input_data
    assert data["subWorkflowName"] == "inline_child"
    assert data["subWorkflowVersion"] is None
    assert data["subWorkflowDefinition"]["tasks"][0]["inputParameters"] == {"v": "${x}"}


def test_sub_workflow_without_parameters_fails_the_workflow() -> None:
    assert failure(first_decision([sub(None)])) == (
        "Task sub is defined as sub-workflow and is missing subWorkflowParams. Please check the workflow definition"
    )
