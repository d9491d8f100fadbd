"""Deeply nested JSON: the depth checks, and readers that no longer recurse per level."""

from __future__ import annotations

import time
from typing import Any

import msgspec
import pytest

from conductor.server.clock import SystemClock
from conductor.server.config import Settings
from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.nesting import DEFAULT_MAX_JSON_DEPTH, json_too_deep, value_too_deep
from conductor.server.domain.status import TaskStatus
from conductor.server.expressions.javastring import JsonArray, java_to_string, json_smart_to_string
from conductor.server.systasks.base import SystemTaskContext, completed
from conductor.server.systasks.registry import SystemTaskRegistry


def nested(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = {"a": value} if i % 2 else [value]
    return value


@pytest.mark.parametrize("depth", [0, 1, 127, 128, 129, 600, 5000])
def test_depth_of_values_and_text(depth: int) -> None:
    value = nested(depth)
    expected = depth > 128
    assert value_too_deep(value, 128) is expected
    text = "[" * depth + "1" + "]" * depth
    assert json_too_deep(text.encode(), 128) is expected


def test_brackets_inside_strings_are_not_structure() -> None:
    doc = {"s": "[" * 500, "t": '\\"{{{{' * 300, "u": "]" * 500, "v": nested(10)}
    assert not json_too_deep(msgspec.json.encode(doc), 128)
    doc["w"] = nested(129)
    assert json_too_deep(msgspec.json.encode(doc), 128)


def test_wide_documents_are_checked_quickly() -> None:
    body = msgspec.json.encode([{"a": [1, {"b": "c[{"}]} for _ in range(200_000)])
    started = time.monotonic()
    assert not json_too_deep(body, 128)
    assert time.monotonic() - started < 2.0


def test_java_strings_of_deep_values_do_not_recurse() -> None:
    """Search summaries print inputs with java_to_string, which broke at ~330 levels."""
    value = nested(20_000)
    text = java_to_string({"k": value})
    assert text.startswith("{k={a=[{a=[") and text.count("[") == 10_000
    assert json_smart_to_string(JsonArray([value])).startswith('[{"a":[{"a":[')
    assert (
        java_to_string({"a": [1, 2.0, None, True, {"b": JsonArray(["/"])}]})
        == '{a=[1, 2.0, null, true, {b=["\\/"]}]}'
    )


def test_max_json_depth_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().max_json_depth == DEFAULT_MAX_JSON_DEPTH == 128
    monkeypatch.setenv("PYCONDUCTOR_MAX_JSON_DEPTH", "64")
    assert Settings.from_env().max_json_depth == 64


class DeepOutput:
    """A system task whose output nests as deep as asked."""

    task_type = "INLINE"
    is_async = False

    def __init__(self, depth: int) -> None:
        self.depth = depth

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return completed(task, {"result": nested(self.depth)})

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return None

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None:
        return None


@pytest.mark.parametrize(("depth", "fails"), [(100, False), (127, False), (128, True), (2000, True)])
async def test_too_deep_system_task_outputs_fail_the_task(depth: int, fails: bool) -> None:
    registry = SystemTaskRegistry()
    registry.register(DeepOutput(depth))
    impl = registry.get("INLINE")
    assert impl is not None
    task = Task(
        task_id="t",
        task_type="INLINE",
        reference_task_name="inl",
        workflow_instance_id="w",
        status=TaskStatus.IN_PROGRESS,
    )
    workflow = Workflow(workflow_id="w", workflow_definition=WorkflowDef(name="wf"))
    result = await impl.start(task, workflow, SystemTaskContext(clock=SystemClock()))
    assert result is not None
    if fails:
        assert result.status is TaskStatus.FAILED_WITH_TERMINAL_ERROR
        assert result.output_data == {}
        assert result.reason_for_incompletion == (
            "The output of INLINE task inl is nested more than 128 levels deep (PYCONDUCTOR_MAX_JSON_DEPTH)"
        )
    else:
        assert result.status is TaskStatus.COMPLETED
