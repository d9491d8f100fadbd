"""``@worker_task`` / ``@WorkerTask``: turn a function into a worker, and the registry of them.

Decorating only records the function in a module-global registry keyed by
``(task name, domain)``; ``TaskHandler(scan_for_annotated_workers=True)`` later turns every
entry into a :class:`~conductor.client.worker.worker.Worker`. Nothing is sent to the server
at decoration time, and the decorated function can still be called normally.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, cast

if TYPE_CHECKING:
    from conductor.client.http.models.task_def import TaskDef
    from conductor.client.worker.worker import Worker

__all__ = [
    "WorkerTask",
    "get_registered_worker_names",
    "get_registered_workers",
    "register_decorated_fn",
    "worker_task",
]

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


class DecoratedWorker(TypedDict):
    """One registry entry (a dict, as in the official SDK)."""

    func: Callable[..., Any]
    poll_interval: float
    domain: str | None
    worker_id: str | None
    thread_count: int
    register_task_def: bool
    poll_timeout: int
    lease_extend_enabled: bool
    task_def: TaskDef | None
    overwrite_task_def: bool
    strict_schema: bool
    register_schema: bool | None


#: Every decorated function, keyed by (task definition name, domain).
_decorated_functions: dict[tuple[str, str | None], DecoratedWorker] = {}


def register_decorated_fn(
    name: str,
    poll_interval: float,
    domain: str | None,
    worker_id: str | None,
    func: Callable[..., Any],
    thread_count: int = 1,
    register_task_def: bool = False,
    poll_timeout: int = 100,
    lease_extend_enabled: bool = False,
    task_def: TaskDef | None = None,
    overwrite_task_def: bool = True,
    strict_schema: bool = False,
    register_schema: bool | None = None,
) -> None:
    logger.debug("Registered worker function %s for task %s (domain %s)", func.__qualname__, name, domain)
    _decorated_functions[(name, domain)] = DecoratedWorker(
        func=func,
        poll_interval=poll_interval,
        domain=domain,
        worker_id=worker_id,
        thread_count=thread_count,
        register_task_def=register_task_def,
        poll_timeout=poll_timeout,
        lease_extend_enabled=lease_extend_enabled,
        task_def=task_def,
        overwrite_task_def=overwrite_task_def,
        strict_schema=strict_schema,
        register_schema=register_schema,
    )


def get_registered_workers() -> list[Worker]:
    """A :class:`Worker` for every decorated function (environment overrides not yet applied)."""
    from conductor.client.worker.worker import Worker

    return [
        Worker(
            task_definition_name=name,
            execute_function=record["func"],
            poll_interval=record["poll_interval"],
            domain=domain,
            worker_id=record["worker_id"],
            thread_count=record["thread_count"],
            register_task_def=record["register_task_def"],
            poll_timeout=record["poll_timeout"],
            lease_extend_enabled=record["lease_extend_enabled"],
            task_def_template=record["task_def"],
            overwrite_task_def=record["overwrite_task_def"],
            strict_schema=record["strict_schema"],
            register_schema=bool(record["register_schema"]),
        )
        for (name, domain), record in _decorated_functions.items()
    ]


def get_registered_worker_names() -> list[str]:
    return [name for name, _domain in _decorated_functions]


def _decorate(task_definition_name: str, register: Callable[[Callable[..., Any]], None]) -> Callable[[F], F]:
    def decorator(func: F) -> F:
        register(func)

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if "task_ref_name" in kwargs:
                return _simple_task(task_definition_name, kwargs)
            return func(*args, **kwargs)

        # The wrapper is a plain function even around an ``async def``: this tells
        # ``is_async_worker`` what it wraps when the decorated name is passed to ``Worker``.
        wrapper._conductor_worker_function = func  # type: ignore[attr-defined]
        return cast(F, wrapper)

    return decorator


def _simple_task(task_definition_name: str, kwargs: dict[str, Any]) -> Any:
    """``fn(task_ref_name="x", a=..)`` builds a SIMPLE task for the workflow DSL."""
    try:
        module = importlib.import_module("conductor.client.workflow.task.simple_task")
    except ImportError as exc:
        raise NotImplementedError("the workflow DSL (conductor.client.workflow) is not available") from exc
    task = module.SimpleTask(
        task_def_name=task_definition_name, task_reference_name=kwargs.pop("task_ref_name")
    )
    task.input_parameters.update(kwargs)
    return task


def worker_task(
    task_definition_name: str,
    poll_interval_millis: int = 100,
    domain: str | None = None,
    worker_id: str | None = None,
    thread_count: int = 1,
    register_task_def: bool = False,
    poll_timeout: int = 100,
    lease_extend_enabled: bool = False,
    task_def: TaskDef | None = None,
    overwrite_task_def: bool = True,
    strict_schema: bool = False,
    register_schema: bool | None = None,
) -> Callable[[F], F]:
    """Register the decorated function as the worker for ``task_definition_name``.

    * ``thread_count``: tasks executed concurrently: the size of the worker's thread pool, or
      for an ``async def`` function the tasks in flight on its process's event loop (as in the
      official SDK; see ``automator/async_task_runner.py``).
    * ``poll_timeout``: how long (ms, at most 5000) the server may hold an empty poll. The
      official default, 100, selects pyconductor's long-poll default of 2000 ms.
    * ``poll_interval_millis``: pause after a failed poll (doubled on repeated failures).
    * ``domain`` / ``worker_id``: sent with every poll (worker id defaults to the host name).
    * ``register_task_def``: register ``task_def`` (or a minimal definition) at start-up;
      ``overwrite_task_def=False`` only creates it when missing.
    * ``lease_extend_enabled``: heartbeat long tasks every 0.8 x responseTimeoutSeconds.
    * ``strict_schema``, ``register_schema``: accepted; JSON schemas are not registered.

    Every setting can be overridden from the environment (see ``worker_config``), and
    ``paused`` can only be set there.
    """

    def register(func: Callable[..., Any]) -> None:
        register_decorated_fn(
            name=task_definition_name,
            poll_interval=poll_interval_millis,
            domain=domain,
            worker_id=worker_id,
            func=func,
            thread_count=thread_count,
            register_task_def=register_task_def,
            poll_timeout=poll_timeout,
            lease_extend_enabled=lease_extend_enabled,
            task_def=task_def,
            overwrite_task_def=overwrite_task_def,
            strict_schema=strict_schema,
            register_schema=register_schema,
        )

    return _decorate(task_definition_name, register)


def WorkerTask(
    task_definition_name: str,
    poll_interval: int = 100,
    domain: str | None = None,
    worker_id: str | None = None,
    poll_interval_seconds: int = 0,
    thread_count: int = 1,
    register_task_def: bool = False,
    poll_timeout: int = 100,
    lease_extend_enabled: bool = False,
    register_schema: bool | None = None,
) -> Callable[[F], F]:
    """Legacy spelling of :func:`worker_task`; ``poll_interval_seconds > 0`` wins over
    ``poll_interval`` (milliseconds)."""
    return worker_task(
        task_definition_name,
        poll_interval_millis=1000 * poll_interval_seconds if poll_interval_seconds > 0 else poll_interval,
        domain=domain,
        worker_id=worker_id,
        thread_count=thread_count,
        register_task_def=register_task_def,
        poll_timeout=poll_timeout,
        lease_extend_enabled=lease_extend_enabled,
        register_schema=register_schema,
    )
