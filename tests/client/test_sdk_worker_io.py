"""How a worker function is called and what is reported (docs/sdk.md §1.4)."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import threading
from typing import Any

import pytest

from conductor.client.automator.task_runner import execute_task
from conductor.client.context.task_context import TaskInProgress, get_task_context
from conductor.client.http.models import Task, TaskDef, TaskResult, TaskResultStatus
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.worker import Worker
from conductor.client.worker.worker_interface import WorkerInterface

from . import sdk_workers


# Types used in annotations live at module level: this module uses postponed annotations,
# which can only be resolved for names the module defines.
@dataclasses.dataclass
class Partial:
    a: int
    b: str


@dataclasses.dataclass
class Item:
    name: str
    price: float


@dataclasses.dataclass
class Strict:
    n: int


@dataclasses.dataclass
class Out:
    order_id: int
    total: float


def make_task(**input_data: Any) -> Task:
    return Task(
        task_id="t-1",
        workflow_instance_id="wf-1",
        task_def_name="probe",
        task_type="probe",
        input_data=input_data,
        retry_count=2,
        poll_count=3,
    )


def run(function: Any, task: Task | None = None, **input_data: Any) -> TaskResult:
    worker = Worker("probe", function, worker_id="worker-1")
    return execute_task(worker, task or make_task(**input_data))


# -- input side ------------------------------------------------------------------------------


def test_single_task_annotated_parameter_gets_the_task() -> None:
    def f(task: Task) -> dict[str, Any]:
        return {"id": task.task_id, "type": type(task).__name__}

    assert run(f).output_data == {"id": "t-1", "type": "Task"}


def test_single_object_annotated_parameter_gets_the_task() -> None:
    def f(anything: object) -> dict[str, Any]:
        return {"type": type(anything).__name__}

    assert run(f, name="x").output_data == {"type": "Task"}


def test_single_unannotated_parameter_gets_the_task() -> None:
    def f(name):  # type: ignore[no-untyped-def]
        return {"type": type(name).__name__}

    assert run(f, name="World").output_data == {"type": "Task"}


def test_string_annotation_task_parameter() -> None:
    """Modules with postponed annotations work (the official SDK fails them)."""
    assert run(sdk_workers.whole_task).output_data == {"seen": "t-1"}


def test_parameters_by_name_simple_types_unchanged() -> None:
    def f(
        name: str, count: int, ratio: float, flag: bool, when: datetime.date, raw: object
    ) -> dict[str, Any]:
        return {"values": [name, count, ratio, flag, when, raw]}

    result = run(f, name="n", count="7", ratio=1, flag=True, when="2024-01-01", raw={"a": 1})
    assert result.output_data == {"values": ["n", "7", 1, True, "2024-01-01", {"a": 1}]}


def test_missing_inputs_take_the_default_else_none() -> None:
    def f(a: str, b: int = 5, c: str | None = "dflt") -> dict[str, Any]:
        return {"a": a, "b": b, "c": c}

    assert run(f).output_data == {"a": None, "b": 5, "c": "dflt"}


def test_dataclass_parameter_is_built_leniently() -> None:
    """An int for a float field is accepted (the official SDK's dacite rejects it)."""
    result = run(
        sdk_workers.process_order, order_info={"order_id": 7, "sku": "s", "quantity": 2, "sku_price": 3}
    )
    assert result.status == TaskResultStatus.COMPLETED
    assert result.output_data == {"result": "order: 7 x2 at 3.0"}


def test_dataclass_with_missing_fields_gets_none() -> None:
    def f(p: Partial, other: int = 0) -> dict[str, Any]:
        return {"a": p.a, "b": p.b}

    assert run(f, p={"a": "5"}).output_data == {"a": 5, "b": None}


def test_list_of_dataclasses_and_nested_models() -> None:
    def f(items: list[Item], definition: TaskDef) -> dict[str, Any]:
        return {"total": sum(i.price for i in items), "def": definition.retry_count}

    result = run(
        f, items=[{"name": "a", "price": 1}, {"name": "b", "price": 2.5}], definition={"retryCount": 4}
    )
    assert result.output_data == {"total": 3.5, "def": 4}


def test_unconvertible_input_fails_the_task() -> None:
    def f(s: Strict, x: int = 0) -> None:
        return None

    result = run(f, s={"n": "not a number"})
    assert result.status == TaskResultStatus.FAILED
    assert "cannot be converted" in (result.reason_for_incompletion or "")


def test_var_keyword_receives_the_other_inputs() -> None:
    def f(a: int, **rest: Any) -> dict[str, Any]:
        return {"a": a, "rest": rest}

    assert run(f, a=1, b=2, c=3).output_data == {"a": 1, "rest": {"b": 2, "c": 3}}


# -- output side -----------------------------------------------------------------------------


def test_dict_result() -> None:
    result = run(lambda name, other=None: {"hello": name}, name="World")
    assert result.to_json_dict() == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-1",
        "workerId": "worker-1",
        "status": "COMPLETED",
        "outputData": {"hello": "World"},
        "extendLease": False,
    }


def test_dataclass_result() -> None:
    assert run(lambda a, b=0: Out(7, 7.5), a=1).output_data == {"order_id": 7, "total": 7.5}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Hello World", "Hello World"),
        (42, 42),
        ([1, "a"], [1, "a"]),
        (None, None),
        (datetime.date(2024, 1, 2), "2024-01-02"),
    ],
)
def test_other_values_are_wrapped_in_result(value: Any, expected: Any) -> None:
    result = run(lambda a, b=0: value, a=1)
    assert result.status == TaskResultStatus.COMPLETED
    assert result.output_data == {"result": expected}


def test_object_result_gives_its_attributes() -> None:
    class Thing:
        def __init__(self) -> None:
            self.x = 1
            self.y = None

    assert run(lambda a, b=0: Thing(), a=1).output_data == {"x": 1}


def test_task_result_is_passed_through_with_ids_forced() -> None:
    def f(task: Task) -> TaskResult:
        result = TaskResult(task_id="wrong", workflow_instance_id="wrong", status=TaskResultStatus.FAILED)
        result.add_output_data("k", "v")
        return result

    result = run(f)
    assert (result.task_id, result.workflow_instance_id) == ("t-1", "wf-1")
    assert result.status == TaskResultStatus.FAILED
    assert result.output_data == {"k": "v"}
    assert result.worker_id is None


def test_to_task_result_of_a_task_without_worker_id_has_none() -> None:
    result = run(lambda task: task.to_task_result().add_output_data("seen_id", task.task_id))
    assert result.to_json_dict() == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-1",
        "status": "COMPLETED",
        "outputData": {"seen_id": "t-1"},
        "extendLease": False,
    }


def test_task_in_progress_with_context_log() -> None:
    def f(name: str, other: int = 0) -> TaskInProgress:
        get_task_context().add_log("still going")
        return TaskInProgress(7, {"progress": 50})

    result = run(f, name="x")
    assert result.status == TaskResultStatus.IN_PROGRESS
    assert result.callback_after_seconds == 7
    assert result.output_data == {"progress": 50}
    assert result.logs is not None and [log.log for log in result.logs] == ["still going"]
    assert result.logs[0].task_id == "t-1"
    assert result.logs[0].created_time is not None and result.logs[0].created_time > 1_600_000_000_000


def test_non_retryable_exception() -> None:
    def f(name: str, other: int = 0) -> None:
        raise NonRetryableException("no retry please")

    result = run(f, name="x")
    assert result.to_json_dict() == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-1",
        "workerId": "worker-1",
        "status": "FAILED_WITH_TERMINAL_ERROR",
        "reasonForIncompletion": "no retry please",
        "outputData": {"result": None},
        "extendLease": False,
    }


def test_other_exception_fails_with_traceback_log() -> None:
    def f(name: str, other: int = 0) -> None:
        raise RuntimeError(f"boom {name}")

    result = run(f, name="World")
    assert result.status == TaskResultStatus.FAILED
    assert result.reason_for_incompletion == "boom World"
    assert result.output_data == {"result": None}
    assert result.logs is not None and len(result.logs) == 1
    assert "Traceback" in (result.logs[0].log or "") and "RuntimeError: boom World" in (
        result.logs[0].log or ""
    )


def test_context_exposes_the_task() -> None:
    def f(name: str, other: int = 0) -> dict[str, Any]:
        ctx = get_task_context()
        ctx.set_callback_after(3)
        return {
            "id": ctx.get_task_id(),
            "wf": ctx.get_workflow_instance_id(),
            "retry": ctx.get_retry_count(),
            "poll": ctx.get_poll_count(),
            "input": ctx.get_input(),
        }

    result = run(f, name="x")
    assert result.output_data == {"id": "t-1", "wf": "wf-1", "retry": 2, "poll": 3, "input": {"name": "x"}}
    assert result.callback_after_seconds == 3
    with pytest.raises(RuntimeError):
        get_task_context()


def test_context_output_is_the_base_of_the_returned_output() -> None:
    def f(a: int, b: int = 0) -> dict[str, Any]:
        get_task_context().set_output({"partial": True, "a": "old"})
        return {"a": a}

    assert run(f, a=1).output_data == {"partial": True, "a": 1}


def test_async_worker() -> None:
    """``async def`` workers run on a background loop and still see their task context."""

    async def f(name: str, other: int = 0) -> dict[str, Any]:
        await asyncio.sleep(0)
        get_task_context().add_log("async log")
        return {"hello": name, "thread": threading.current_thread().name}

    result = run(f, name="World")
    assert result.status == TaskResultStatus.COMPLETED
    assert result.output_data is not None and result.output_data["hello"] == "World"
    assert result.output_data["thread"] == "conductor-async-workers"
    assert result.logs is not None and result.logs[0].log == "async log"


def test_async_worker_exception() -> None:
    async def f(name: str, other: int = 0) -> None:
        raise ValueError("async boom")

    result = run(f, name="x")
    assert (result.status, result.reason_for_incompletion) == (TaskResultStatus.FAILED, "async boom")


def test_decorated_function_still_works_as_a_worker_and_a_function() -> None:
    result = run(sdk_workers.greet, name="Ann")
    assert result.output_data == {"result": "Hello, Ann"}
    assert result.logs is not None and result.logs[0].log is not None
    assert result.logs[0].log.startswith("greeting Ann")


class ClassWorker(WorkerInterface):
    def __init__(self, outcome: Any) -> None:
        super().__init__("class_probe")
        self.outcome = outcome

    def execute(self, task: Task) -> TaskResult:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome  # type: ignore[no-any-return]


def test_custom_worker_interface_outcomes() -> None:
    """execute_task normalises whatever a hand-written worker returns or raises."""
    task = make_task()
    in_progress = execute_task(ClassWorker(TaskInProgress(5, {"p": 1})), task)
    assert (in_progress.status, in_progress.callback_after_seconds) == (TaskResultStatus.IN_PROGRESS, 5)
    plain = execute_task(ClassWorker({"k": 1}), task)
    assert (plain.status, plain.output_data) == (TaskResultStatus.COMPLETED, {"k": 1})
    terminal = execute_task(ClassWorker(NonRetryableException("stop")), task)
    assert (terminal.status, terminal.reason_for_incompletion) == (
        TaskResultStatus.FAILED_WITH_TERMINAL_ERROR,
        "stop",
    )
    failed = execute_task(ClassWorker(KeyError("k")), task)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.worker_id == ClassWorker(None).get_identity()
