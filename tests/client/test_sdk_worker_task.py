"""@worker_task / WorkerTask, the registry, environment overrides and pickling of workers."""

from __future__ import annotations

import pickle
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from conductor.client.automator import task_handler
from conductor.client.http.models import Task, TaskDef
from conductor.client.worker import worker_task as worker_task_module
from conductor.client.worker.worker import Worker
from conductor.client.worker.worker_config import apply_worker_config, resolve_worker_config
from conductor.client.worker.worker_interface import WorkerInterface
from conductor.client.worker.worker_task import WorkerTask, get_registered_workers, worker_task

from . import sdk_workers


@pytest.fixture
def registry() -> Iterator[dict[Any, Any]]:
    """The decorator registry, restored after the test."""
    saved = dict(worker_task_module._decorated_functions)
    worker_task_module._decorated_functions.clear()
    yield worker_task_module._decorated_functions
    worker_task_module._decorated_functions.clear()
    worker_task_module._decorated_functions.update(saved)


def test_decorator_records_and_keeps_the_function_callable(registry: dict[Any, Any]) -> None:
    template = TaskDef(retry_count=1)

    @worker_task(
        task_definition_name="double",
        poll_interval_millis=250,
        domain="d1",
        worker_id="w",
        thread_count=4,
        register_task_def=True,
        poll_timeout=3000,
        lease_extend_enabled=True,
        task_def=template,
        overwrite_task_def=False,
    )
    def double(x: int) -> int:
        return 2 * x

    assert double(4) == 8
    assert double.__name__ == "double"
    record = registry[("double", "d1")]
    assert record["func"](5) == 10
    assert (record["poll_interval"], record["thread_count"], record["poll_timeout"]) == (250, 4, 3000)
    assert record["register_task_def"] and record["lease_extend_enabled"] and not record["overwrite_task_def"]
    assert record["task_def"] is template
    # Registration is shared with the official location in task_handler.
    assert task_handler._decorated_functions is registry


def test_same_name_in_two_domains_are_two_workers(registry: dict[Any, Any]) -> None:
    @worker_task(task_definition_name="t")
    def plain() -> None: ...

    @worker_task(task_definition_name="t", domain="x")
    def in_domain() -> None: ...

    workers = get_registered_workers()
    assert [(w.get_task_definition_name(), w.get_domain()) for w in workers] == [("t", None), ("t", "x")]


def test_legacy_worker_task_spelling(registry: dict[Any, Any]) -> None:
    @WorkerTask("legacy", poll_interval=50, poll_interval_seconds=2, thread_count=3)
    def legacy(a: int) -> int:
        return a

    assert legacy(1) == 1
    record = registry[("legacy", None)]
    assert (record["poll_interval"], record["thread_count"]) == (2000, 3)
    (worker,) = get_registered_workers()
    assert isinstance(worker, Worker)
    assert worker.poll_interval == 2000
    assert worker.execute_function is record["func"]


def test_task_ref_name_needs_the_dsl(registry: dict[Any, Any]) -> None:
    @worker_task(task_definition_name="dsl")
    def f(a: int) -> int:
        return a

    try:
        task = f(task_ref_name="ref", a="${workflow.input.a}")
    except NotImplementedError:
        return  # the workflow DSL is not installed yet
    assert task.input_parameters == {"a": "${workflow.input.a}"}


def test_worker_defaults() -> None:
    worker = Worker("w", lambda task: None)
    assert worker.get_identity() == socket.gethostname()
    assert worker.get_polling_interval_in_seconds() == 0.1
    assert (worker.thread_count, worker.poll_timeout, worker.paused, worker.domain) == (1, 100, False, None)


def test_task_definition_name_round_robin() -> None:
    class Multi(WorkerInterface):
        def execute(self, task: Task) -> Any:
            return None

    worker = Multi(["a", "b"])
    assert worker.get_task_definition_name() == "a"
    assert worker.get_task_definition_name() == "a"  # cached until cleared
    worker.clear_task_definition_name_cache()
    assert worker.get_task_definition_name() == "b"
    assert worker.task_definition_names == ["a", "b"]


def test_decorated_worker_pickles_by_module_reference() -> None:
    """@worker_task rebinds the name to a wrapper; the Worker still travels to a process."""
    (record,) = [
        r for (name, _), r in worker_task_module._decorated_functions.items() if name == "sdk_test_greet"
    ]
    worker = Worker("sdk_test_greet", record["func"], thread_count=2)
    copy = pickle.loads(pickle.dumps(worker))
    assert copy.execute_function is record["func"]
    assert copy.thread_count == 2
    assert copy.execute(Task(task_id="t", input_data={"name": "x"})).worker_id == worker.worker_id
    plain = pickle.loads(pickle.dumps(Worker("p", sdk_workers.process_order)))
    assert plain.execute_function is sdk_workers.process_order


ENV_CASES = [
    ({"CONDUCTOR_WORKER_ALL_DOMAIN": "all"}, {"domain": "all"}),
    ({"CONDUCTOR_WORKER_ALL_DOMAIN": "all", "CONDUCTOR_WORKER_ORDERS_DOMAIN": "mine"}, {"domain": "mine"}),
    (
        {"conductor.worker.orders.domain": "dotted", "CONDUCTOR_WORKER_ORDERS_DOMAIN": "upper"},
        {"domain": "dotted"},
    ),
    ({"conductor.worker.all.thread_count": "8"}, {"thread_count": 8}),
    ({"CONDUCTOR_WORKER_ORDERS_POLL_INTERVAL": "250"}, {"poll_interval": 250.0}),
    ({"CONDUCTOR_WORKER_ORDERS_POLLING_INTERVAL": "300"}, {"poll_interval": 300.0}),
    ({"CONDUCTOR_WORKER_WORKER_ID": "global-id"}, {"worker_id": "global-id"}),
    ({"CONDUCTOR_WORKER_ORDERS_PAUSED": "true"}, {"paused": True}),
    ({"conductor_worker_orders_paused": "no"}, {"paused": False}),
    ({"CONDUCTOR_WORKER_ORDERS_THREAD_COUNT": "many"}, {}),
]


@pytest.mark.parametrize(("env", "expected"), ENV_CASES)
def test_environment_overrides(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: dict[str, Any]
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    worker = Worker("orders", lambda task: None, domain="code", thread_count=1, worker_id="code-id")
    assert apply_worker_config(worker) == expected
    for prop, value in expected.items():
        assert getattr(worker, prop) == value
    resolved = resolve_worker_config("orders", domain="code")
    assert resolved["domain"] == expected.get("domain", "code")
