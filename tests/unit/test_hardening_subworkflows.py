"""Sub-workflow cycles: which starts always happen, and cycles among registered definitions."""

from __future__ import annotations

from conductor.server.domain.definitions import SubWorkflowParams, WorkflowDef, WorkflowTask
from conductor.server.domain.subworkflows import find_cycle, started_sub_workflows


def sub(target: str, version: int | None = None) -> WorkflowTask:
    return WorkflowTask(
        name="s",
        task_reference_name=f"s_{target}",
        type="SUB_WORKFLOW",
        sub_workflow_param=SubWorkflowParams(name=target, version=version),
    )


def test_only_unconditional_static_starts_count() -> None:
    inline = WorkflowDef(name="inline", tasks=[sub("c")])
    definition = WorkflowDef(
        name="root",
        tasks=[
            sub("a", 2),
            WorkflowTask(name="f", task_reference_name="f", type="FORK_JOIN", fork_tasks=[[sub("b")]]),
            WorkflowTask(
                name="sw", task_reference_name="sw", type="SWITCH", decision_cases={"x": [sub("never")]}
            ),
            WorkflowTask(
                name="d",
                task_reference_name="d",
                type="SUB_WORKFLOW",
                sub_workflow_param=SubWorkflowParams(name="i", workflow_definition=inline),
            ),
            sub("${workflow.input.name}"),
        ],
    )
    assert sorted(started_sub_workflows(definition), key=str) == [("a", 2), ("b", None), ("c", None)]


def test_cycles() -> None:
    registry = {
        "a": WorkflowDef(name="a", tasks=[sub("b")]),
        "b": WorkflowDef(name="b", tasks=[sub("c")]),
        "c": WorkflowDef(name="c", tasks=[]),
        "loop1": WorkflowDef(name="loop1", tasks=[sub("loop2")]),
        "loop2": WorkflowDef(name="loop2", tasks=[sub("loop1")]),
    }

    def lookup(name: str, version: int | None) -> WorkflowDef | None:
        return registry.get(name)

    assert find_cycle(WorkflowDef(name="c", tasks=[sub("a")]), lookup) == ["c", "a", "b", "c"]
    assert find_cycle(WorkflowDef(name="x", tasks=[sub("a"), sub("a")]), lookup) is None
    assert find_cycle(WorkflowDef(name="x", tasks=[sub("x")]), lookup) == ["x", "x"]
    # An inline definition is not registered: its own name means the registered one (none here).
    assert find_cycle(WorkflowDef(name="x", tasks=[sub("x")]), lookup, registering=False) is None
    # A cycle reachable without passing through the new definition is found too.
    assert find_cycle(WorkflowDef(name="y", tasks=[sub("loop1")]), lookup) == ["loop1", "loop2", "loop1"]


def test_long_chains_are_walked_without_recursion() -> None:
    registry = {f"w{i}": WorkflowDef(name=f"w{i}", tasks=[sub(f"w{i + 1}")]) for i in range(900)}

    def lookup(name: str, version: int | None) -> WorkflowDef | None:
        return registry.get(name)

    assert find_cycle(WorkflowDef(name="w0", tasks=[sub("w1")]), lookup) is None
    registry["w899"] = WorkflowDef(name="w899", tasks=[sub("w0")])
    cycle = find_cycle(WorkflowDef(name="w0", tasks=[sub("w1")]), lookup)
    assert cycle is not None and cycle[0] == cycle[-1] == "w0" and len(cycle) == 901
