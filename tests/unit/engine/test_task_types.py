"""Task types: the `TaskType` enum, the system-task registry as the single source of the
sync / async sets, the `__N` iteration suffix and the merged helpers (docs/engine.md §6, §6.13)."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from conductor.server.domain.definitions import WorkflowTask, without_nulls
from conductor.server.domain.execution import Task
from conductor.server.domain.task_index import base_ref, iteration_ref
from conductor.server.domain.task_types import REFUSED_TYPES, TaskType
from conductor.server.engine.task_types import (
    ASYNC_SYSTEM_TYPES,
    BUILT_IN_TYPES,
    SYNC_SYSTEM_TYPES,
    SYSTEM_TYPES,
    is_system_type,
    is_worker_type,
)
from conductor.server.systasks.do_while import body_refs, has_nested_loop
from conductor.server.systasks.registry import SYSTEM_TASK_CLASSES, SYSTEM_TASK_TYPES, SystemTaskRegistry


def test_task_type_members_equal_hash_and_encode_as_their_names() -> None:
    for member in TaskType:
        assert member.name == member.value
        assert member == member.value and hash(member) == hash(member.value)
        assert str(member) == f"{member}" == member.value
    assert {"WAIT": 1}[TaskType.WAIT] == 1
    assert msgspec.json.encode({"type": TaskType.DO_WHILE}) == b'{"type":"DO_WHILE"}'
    assert json.dumps([TaskType.SUB_WORKFLOW]) == '["SUB_WORKFLOW"]'
    assert msgspec.json.encode(WorkflowTask(name="a")) == msgspec.json.encode(
        msgspec.json.decode(b'{"name":"a","type":"SIMPLE"}', type=WorkflowTask)
    )


def test_sync_and_async_sets_are_unchanged() -> None:
    assert {
        "SWITCH",
        "DECISION",
        "FORK",
        "FORK_JOIN",
        "FORK_JOIN_DYNAMIC",
        "INLINE",
        "LAMBDA",
        "SET_VARIABLE",
        "TERMINATE",
        "NOOP",
        "JSON_JQ_TRANSFORM",
        "EVENT",
        "HUMAN",
        "DO_WHILE",
        "EXCLUSIVE_JOIN",
        "JOIN",
        "WAIT",
        "SUB_WORKFLOW",
        "START_WORKFLOW",
    } == SYNC_SYSTEM_TYPES
    assert {"HTTP", "KAFKA_PUBLISH"} == ASYNC_SYSTEM_TYPES
    assert SYSTEM_TYPES == SYNC_SYSTEM_TYPES | ASYNC_SYSTEM_TYPES
    assert {"DECISION", "SWITCH", "FORK", "JOIN", "EXCLUSIVE_JOIN", "DO_WHILE"} == BUILT_IN_TYPES
    assert is_system_type("WAIT") and not is_worker_type("HTTP")
    assert is_worker_type("SIMPLE") and is_worker_type("my_task") and is_worker_type("HTTP_POLL")


def test_the_registry_classes_are_the_source_of_the_system_types() -> None:
    assert len(SYSTEM_TASK_TYPES) == len(SYSTEM_TASK_CLASSES)  # one class per type
    for cls in SYSTEM_TASK_CLASSES:
        assert cls.task_type in TaskType.__members__
        assert cls.task_type in (ASYNC_SYSTEM_TYPES if cls.is_async else SYNC_SYSTEM_TYPES)
    assert [cls.task_type for cls in SYSTEM_TASK_CLASSES if cls.is_async] == ["HTTP"]
    assert not REFUSED_TYPES & set(SYSTEM_TASK_TYPES)


class Unlisted:
    task_type = "UPPERCASE"
    is_async = False

    async def start(self, task: Task, workflow: Any, ctx: Any) -> Task | None:
        return None

    async def execute(self, task: Task, workflow: Any, ctx: Any) -> Task | None:
        return None

    async def cancel(self, task: Task, workflow: Any, ctx: Any) -> None:
        return None


def test_register_refuses_a_system_task_missing_from_the_class_list() -> None:
    registry = SystemTaskRegistry()
    with pytest.raises(ValueError, match="System task UPPERCASE is not in SYSTEM_TASK_CLASSES"):
        registry.register(Unlisted())
    assert "UPPERCASE" not in registry
    for cls in SYSTEM_TASK_CLASSES:
        registry.register(cls())
    assert registry.async_types() == ["HTTP"]


def test_bootstrap_registers_every_listed_class() -> None:
    from conductor.server.bootstrap import system_task_registry

    registry = system_task_registry()
    assert all(cls.task_type in registry for cls in SYSTEM_TASK_CLASSES)


@pytest.mark.parametrize(
    ("ref", "iteration", "expected"), [("t", 0, "t"), ("t", 1, "t__1"), ("a__b", 12, "a__b__12")]
)
def test_iteration_ref(ref: str, iteration: int, expected: str) -> None:
    assert iteration_ref(ref, iteration) == expected


def test_base_ref_undoes_iteration_ref() -> None:
    task = Task(
        task_id="t",
        workflow_instance_id="w",
        task_type="SIMPLE",
        reference_task_name=iteration_ref("x__2", 3),
        iteration=3,
    )
    assert base_ref(task) == "x__2"
    loop = Task(
        task_id="l",
        workflow_instance_id="w",
        task_type="DO_WHILE",
        reference_task_name="loop__3",
        iteration=3,
    )
    assert base_ref(loop) == "loop__3"  # a DO_WHILE's own iteration is no suffix


def test_without_nulls_drops_nulls_from_maps_at_every_depth() -> None:
    assert without_nulls({"a": None, "b": [{"c": None, "d": 1}, None], "e": {"f": None}}) == {
        "b": [{"d": 1}, None],
        "e": {},
    }


def test_body_refs_and_nested_loops() -> None:
    inner = WorkflowTask(
        name="inner",
        task_reference_name="inner",
        type="DO_WHILE",
        loop_over=[WorkflowTask(task_reference_name="c")],
    )
    switch = WorkflowTask(
        task_reference_name="sw",
        type="SWITCH",
        decision_cases={"x": [WorkflowTask(task_reference_name="b")]},
        default_case=[inner],
    )
    loop = WorkflowTask(
        task_reference_name="loop", type="DO_WHILE", loop_over=[WorkflowTask(task_reference_name="a"), switch]
    )
    assert body_refs(loop) == {"a", "sw", "b", "inner", "c"}
    assert has_nested_loop(loop.loop_over)
    assert not has_nested_loop([WorkflowTask(task_reference_name="a"), WorkflowTask(type="SWITCH")])
