"""``Worker``: runs a plain function (sync or ``async def``) as a Conductor worker.

Inputs are bound as described in :mod:`conductor.client.worker.input_binding`. What the
function returns or raises becomes the reported result:

==========================================  ============================  ===========================
function outcome                            status                        outputData
==========================================  ============================  ===========================
``dict``                                    COMPLETED                     the dict
dataclass instance                          COMPLETED                     its fields (``asdict``)
wire model (``TaskDef``, ...)               COMPLETED                     its camelCase JSON
other object with attributes                COMPLETED                     its non-None attributes
any other value (str, int, list, None ...)  COMPLETED                     ``{"result": value}``
``TaskResult``                              as set                        as set (ids forced)
``TaskInProgress(n, out)``                  IN_PROGRESS                   ``out``, callbackAfterSeconds n
raises ``NonRetryableException(msg)``       FAILED_WITH_TERMINAL_ERROR    ``{"result": None}``, reason msg
raises anything else                        FAILED                        ``{"result": None}``, reason
                                                                          ``str(exc)``, traceback log
==========================================  ============================  ===========================
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import importlib
import inspect
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from conductor.client.context.task_context import TaskInProgress
from conductor.client.http.models._serde import WireModel, to_json_value
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.worker.background_loop import BackgroundEventLoop, run_awaitable
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.input_binding import InputBinder
from conductor.client.worker.worker_interface import DEFAULT_POLLING_INTERVAL, WorkerInterface

if TYPE_CHECKING:
    from conductor.client.http.api_client import ApiClient
    from conductor.client.http.models.task_def import TaskDef

__all__ = [
    "BackgroundEventLoop",
    "ExecuteTaskFunction",
    "Worker",
    "is_callable_input_parameter_a_task",
    "is_callable_return_value_of_type",
    "output_data_from",
]

logger = logging.getLogger(__name__)

ExecuteTaskFunction = Callable[..., Any]

#: A finished background execution: (task id, its result, submit time (epoch s), the task).
CompletedAsyncTask = tuple[str, TaskResult, float, Task]


def is_callable_input_parameter_a_task(callable: ExecuteTaskFunction, object_type: Any) -> bool:
    """Whether ``callable`` takes the whole task: exactly one parameter, annotated
    ``object_type``, ``object`` or not at all (the official test for a ``Task`` parameter)."""
    parameters = list(inspect.signature(callable).parameters.values())
    if len(parameters) != 1:
        return False
    annotation = parameters[0].annotation
    return annotation == object_type or annotation is inspect.Parameter.empty or annotation is object


def is_callable_return_value_of_type(callable: ExecuteTaskFunction, object_type: Any) -> bool:
    """Whether ``callable``'s return annotation is ``object_type``."""
    return bool(inspect.signature(callable).return_annotation == object_type)


class Worker(WorkerInterface):
    """Adapts ``execute_function`` to :class:`WorkerInterface`.

    ``poll_interval`` is in milliseconds (default 100) and only paces retries after poll
    errors; ``poll_timeout`` is the long-poll duration in milliseconds (see ``TaskRunner``).
    Workers are pickled into worker processes: the function must be importable by its
    module and name (a module-level function, decorated or not).
    """

    def __init__(
        self,
        task_definition_name: str | list[str],
        execute_function: ExecuteTaskFunction,
        poll_interval: float | None = None,
        domain: str | None = None,
        worker_id: str | None = None,
        thread_count: int = 1,
        register_task_def: bool = False,
        poll_timeout: int = 100,
        lease_extend_enabled: bool = False,
        paused: bool = False,
        task_def_template: TaskDef | None = None,
        overwrite_task_def: bool = True,
        strict_schema: bool = False,
        register_schema: bool = False,
    ) -> None:
        super().__init__(task_definition_name)
        self.poll_interval = poll_interval if poll_interval is not None else DEFAULT_POLLING_INTERVAL
        self.domain = domain
        self.worker_id = worker_id if worker_id is not None else super().get_identity()
        self.execute_function = execute_function
        self.thread_count = thread_count
        self.register_task_def = register_task_def
        self.poll_timeout = poll_timeout
        self.lease_extend_enabled = lease_extend_enabled
        self.paused = paused
        self.task_def_template = task_def_template
        self.overwrite_task_def = overwrite_task_def
        self.strict_schema = strict_schema
        self.register_schema = register_schema
        self._api_client: ApiClient | None = None
        # Background executions started by submit_async: task id -> (future, task, submit time).
        self._pending_async_tasks: dict[str, tuple[concurrent.futures.Future[Any], Task, float]] = {}
        self._pending_tasks_lock = threading.Lock()

    @property
    def api_client(self) -> ApiClient:
        """An ``ApiClient`` (serialisation helpers), made on first use so that a worker
        pickled into a worker process carries no HTTP state."""
        if self._api_client is None:
            from conductor.client.http.api_client import ApiClient

            self._api_client = ApiClient()
        return self._api_client

    @api_client.setter
    def api_client(self, value: ApiClient) -> None:
        self._api_client = value

    @property
    def execute_function(self) -> ExecuteTaskFunction:
        return self._execute_function

    @execute_function.setter
    def execute_function(self, function: ExecuteTaskFunction) -> None:
        self._execute_function = function
        self._binder = InputBinder(function)

    def get_identity(self) -> str:
        return self.worker_id

    def invoke(self, task: Task) -> Any:
        """Call the function with ``task``'s inputs bound and return what it returns as is (a
        coroutine for an ``async def``); exceptions propagate. The async task runner awaits
        the coroutine on its own loop; :meth:`execute` is the blocking, never-raising form."""
        args, kwargs = self._binder.bind(task)
        return self._execute_function(*args, **kwargs)

    def execute(self, task: Task) -> TaskResult:
        """Call the function on ``task`` and turn the outcome into a result (never raises)."""
        try:
            output = self.invoke(task)
            if inspect.isawaitable(output):
                output = run_awaitable(output)
        except Exception as exc:
            return self._failed_result(task, exc)
        return result_from_output(output, task, self.get_task_result_from_task(task))

    # -- background executions (the official non-blocking async mode) ------------------------

    def submit_async(self, task: Task) -> TaskResult | None:
        """Start ``task`` without waiting for an ``async def`` function: its coroutine runs on
        the :class:`BackgroundEventLoop` and :meth:`check_completed_async_tasks` collects the
        result later; returns None then. A sync function runs now and its result is returned.
        """
        try:
            output = self.invoke(task)
        except Exception as exc:
            return self._failed_result(task, exc)
        if not inspect.isawaitable(output):
            return result_from_output(output, task, self.get_task_result_from_task(task))
        future = BackgroundEventLoop().submit_coroutine(output)
        with self._pending_tasks_lock:
            self._pending_async_tasks[task.task_id or ""] = (future, task, time.time())
        return None

    def check_completed_async_tasks(self) -> list[CompletedAsyncTask]:
        """The background executions that have finished since the last call (never blocks):
        ``(task_id, result, submit_time, task)`` each, removed from the pending set."""
        with self._pending_tasks_lock:
            done = [(tid, entry) for tid, entry in self._pending_async_tasks.items() if entry[0].done()]
            for task_id, _ in done:
                del self._pending_async_tasks[task_id]
        completed: list[CompletedAsyncTask] = []
        for task_id, (future, task, submitted) in done:
            # exception() raises instead of answering for a cancelled future.
            error: BaseException | None = (
                concurrent.futures.CancelledError() if future.cancelled() else future.exception()
            )
            if error is None:
                result = result_from_output(future.result(), task, self.get_task_result_from_task(task))
            elif isinstance(error, Exception):
                result = self._failed_result(task, error)
            else:  # cancelled, or a BaseException such as SystemExit inside the coroutine
                result = self._failed_result(task, RuntimeError(f"execution ended by {error!r}"))
            completed.append((task_id, result, submitted, task))
        return completed

    def _failed_result(self, task: Task, error: Exception) -> TaskResult:
        """The result of an execution that raised ``error``: a terminal failure for
        ``NonRetryableException``, else a retryable one carrying the traceback as a log."""
        result = self.get_task_result_from_task(task)
        result.reason_for_incompletion = _reason(error)
        result.output_data = {"result": None}
        if isinstance(error, NonRetryableException):
            result.status = TaskResultStatus.FAILED_WITH_TERMINAL_ERROR
            return result
        logger.error(
            "Error executing task %s (task id %s, workflow %s)",
            task.task_def_name or task.task_type,
            task.task_id,
            task.workflow_instance_id,
            exc_info=error,
        )
        result.status = TaskResultStatus.FAILED
        trace = "".join(traceback.format_exception(error))
        result.logs = [TaskExecLog(trace, task.task_id, int(time.time() * 1000))]
        return result

    # -- pickling into worker processes ---------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_binder"]  # rebuilt from the function in the child
        # Process-local state is rebuilt in the child (a lock cannot be pickled).
        state["_api_client"] = None
        state["_pending_async_tasks"] = {}
        del state["_pending_tasks_lock"]
        reference = _FunctionReference.for_function(self._execute_function)
        if reference is not None:
            state["_execute_function"] = reference
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        function = state.pop("_execute_function")
        self.__dict__.update(state)
        self._pending_tasks_lock = threading.Lock()
        self.execute_function = function.resolve() if isinstance(function, _FunctionReference) else function


def result_from_output(output: Any, task: Task, result: TaskResult) -> TaskResult:
    """Fill ``result`` from what a worker returned (see the table in the module docstring)."""
    if isinstance(output, TaskResult):
        output.task_id = task.task_id
        output.workflow_instance_id = task.workflow_instance_id
        return output
    if isinstance(output, TaskInProgress):
        result.status = TaskResultStatus.IN_PROGRESS
        result.callback_after_seconds = output.callback_after_seconds
        result.output_data = output.output
        return result
    result.status = TaskResultStatus.COMPLETED
    result.output_data = output_data_from(output)
    return result


def output_data_from(value: Any) -> dict[str, Any]:
    """The ``outputData`` for a value a worker returned."""
    if isinstance(value, dict):
        return value
    if isinstance(value, WireModel):
        return value.to_json_dict()  # what the official SDK's serialiser sends for a model
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    plain = to_json_value(value)
    return plain if isinstance(plain, dict) else {"result": plain}


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


class _FunctionReference:
    """Stands in for a function whose module-level name now points to a wrapper.

    ``@worker_task`` registers the original function but rebinds its name to a wrapper, so
    pickle cannot find the original by name. We send (module, qualified name, how many
    ``__wrapped__`` hops lead back to it) and resolve that in the worker process.
    """

    __slots__ = ("module", "qualname", "unwrap_depth")

    def __init__(self, module: str, qualname: str, unwrap_depth: int) -> None:
        self.module = module
        self.qualname = qualname
        self.unwrap_depth = unwrap_depth

    @classmethod
    def for_function(cls, function: Any) -> _FunctionReference | None:
        """A reference when plain pickling would fail, else None."""
        module_name = getattr(function, "__module__", None)
        qualname = getattr(function, "__qualname__", None)
        if not inspect.isfunction(function) or not module_name or not qualname or "<" in qualname:
            return None
        target: Any = sys.modules.get(module_name)
        for part in qualname.split("."):
            target = getattr(target, part, None)
        if target is None or target is function:
            return None
        depth = 0
        while hasattr(target, "__wrapped__") and depth < 32:
            target = target.__wrapped__
            depth += 1
            if target is function:
                return cls(module_name, qualname, depth)
        return None

    def __getstate__(self) -> tuple[str, str, int]:
        return self.module, self.qualname, self.unwrap_depth

    def __setstate__(self, state: tuple[str, str, int]) -> None:
        self.module, self.qualname, self.unwrap_depth = state

    def resolve(self) -> Any:
        target: Any = importlib.import_module(self.module)
        for part in self.qualname.split("."):
            target = getattr(target, part)
        for _ in range(self.unwrap_depth):
            target = target.__wrapped__
        return target
