"""``AsyncTaskRunner``: the poll -> execute -> update loop for an ``async def`` worker.

A worker whose function (or ``execute``) is a coroutine function runs here instead of in
:class:`~conductor.client.automator.task_runner.TaskRunner`'s thread pool: one event loop per
worker process runs the poller, every task coroutine and every HTTP exchange
(:class:`~conductor.client.http.async_api_client.AsyncApiClient`), so a thousand tasks that
mostly wait cost a thousand coroutines, not a thousand threads. See docs/sdk.md §1.6.

Wire behaviour is the sync runner's (docs/sdk.md §2.3, §2.4):

* **Concurrency** is ``thread_count``, as in the official SDK's ``AsyncTaskRunner``: at most
  that many tasks are in flight (executing or being reported). The poller asks for the free
  capacity only, ``GET /tasks/poll/batch/{type}?count=<free>&timeout=<ms>`` (a long poll), and
  sleeps while nothing is free until a task ends.
* **Results** go to ``POST /tasks/update-v2`` without blocking the loop; the next task it
  answers is executed at once in the same slot. 404/405 switches to ``POST /tasks`` for good;
  transient failures are retried after 1, 4, 10 and 30 s.
* **Errors**: a task that raises is FAILED with the traceback as a task log
  (``NonRetryableException``: FAILED_WITH_TERMINAL_ERROR), exactly as on the sync path.
* **Response timeout**: a task still running after the polled task's
  ``responseTimeoutSeconds`` is cancelled (``asyncio`` cancellation) and *not* reported. The
  server owns that deadline: it started the clock when it handed the task out, before we
  received it, so it times the task out (TIMED_OUT, then its retry policy) no later than we
  could report it; a FAILED from us would only race with that and, when it won, hide the
  timeout as an ordinary failure. The worker only frees the slot (the coroutine would
  otherwise hold it for nothing: its result would be discarded as late) and adds a task log
  saying why. Workers with ``lease_extend_enabled`` heartbeat instead and are never cancelled.
* **Stopping** (``request_stop()``; SIGTERM in a ``TaskHandler`` process): no new poll; the
  poll in flight is awaited and what it brings is handed back (IN_PROGRESS, callback 0);
  running tasks get ``shutdown_grace_seconds`` (default 3 s, inside ``TaskHandler``'s 5 s) to
  finish and report, then are cancelled and reported FAILED (retried per their TaskDef), so no
  task is left waiting for its response timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
import threading
import time
from typing import Any

from conductor.client.automator.lease_extender import LeaseExtender
from conductor.client.automator.result_reporting import ResultReporting
from conductor.client.automator.runner_events import RunnerEvents
from conductor.client.automator.task_runner import (
    UPDATE_RETRY_DELAYS_SECONDS,
    failure_result,
    hand_back_result,
    long_poll_timeout_ms,
    poll_backoff_seconds,
    register_task_definitions,
)
from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.metrics_settings import MetricsSettings
from conductor.client.context.task_context import _clear_task_context, _set_task_context, merge_context_into
from conductor.client.http.api.metadata_resource_api import MetadataResourceApi
from conductor.client.http.api.task_resource_api import TaskResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.http.async_api_client import AsyncApiClient
from conductor.client.http.async_task_resource_api import AsyncTaskResourceApi
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.rest import ApiException
from conductor.client.worker.worker import Worker, result_from_output
from conductor.client.worker.worker_config import apply_worker_config
from conductor.client.worker.worker_interface import WorkerInterface

__all__ = [
    "SHUTDOWN_GRACE_SECONDS",
    "SHUTDOWN_REPORT_SECONDS",
    "AsyncTaskRunner",
    "execute_task_async",
    "is_async_worker",
]

logger = logging.getLogger(__name__)

#: How long running tasks may go on after a stop request before they are cancelled. Below
#: ``TaskHandler``'s 5 s stop budget, so that the cancelled tasks can still be reported.
SHUTDOWN_GRACE_SECONDS = 3.0
#: After the grace period: how long reporting the cancelled tasks may take.
SHUTDOWN_REPORT_SECONDS = 1.5


def is_async_worker(worker: WorkerInterface) -> bool:
    """True when the worker's function (a ``Worker``) or its ``execute`` is a coroutine function."""
    function: Any = worker.execute_function if isinstance(worker, Worker) else worker.execute
    # A ``@worker_task``-decorated name: its wrapper returns what the decorated function does.
    function = getattr(function, "_conductor_worker_function", function)
    while isinstance(function, functools.partial):
        function = function.func
    return inspect.iscoroutinefunction(function) or inspect.iscoroutinefunction(
        getattr(function, "__call__", None)  # noqa: B004 - an object with an ``async def __call__``
    )


async def execute_task_async(worker: WorkerInterface, task: Task) -> TaskResult:
    """Execute ``task`` on the running loop with its task context set; never raises (except
    ``CancelledError``). The outcome table is the sync path's (docs/sdk.md §1.4)."""
    return (await run_task_async(worker, task))[0]


async def run_task_async(worker: WorkerInterface, task: Task) -> tuple[TaskResult, Exception | None]:
    """:func:`execute_task_async`, also answering the exception the worker raised (or None)."""
    context_result = TaskResult(
        task_id=task.task_id, workflow_instance_id=task.workflow_instance_id, worker_id=worker.get_identity()
    )
    # Each execution is its own asyncio task with a copy of the context: this does not leak
    # into other tasks.
    _set_task_context(task, context_result)
    error: Exception | None = None
    try:
        output: Any = worker.invoke(task) if isinstance(worker, Worker) else worker.execute(task)
        if inspect.isawaitable(output):
            output = await output
        result = result_from_output(output, task, worker.get_task_result_from_task(task))
    except Exception as exc:
        error = exc
        result = failure_result(worker, task, exc)
    finally:
        _clear_task_context()
    return merge_context_into(result, context_result), error


class AsyncTaskRunner:
    """Runs one async worker: ``await run()`` returns after ``request_stop()`` (or ``await
    stop()``) and the shutdown described in the module docstring.

    ``api_client`` injects the async HTTP client (tests pass one with a recording transport).
    ``metrics_settings`` and ``event_listeners`` are accepted for compatibility and unused.
    """

    def __init__(
        self,
        worker: WorkerInterface,
        configuration: Configuration | None = None,
        metrics_settings: MetricsSettings | None = None,
        event_listeners: list[Any] | None = None,
        *,
        api_client: AsyncApiClient | None = None,
        shutdown_grace_seconds: float = SHUTDOWN_GRACE_SECONDS,
    ) -> None:
        if not isinstance(worker, WorkerInterface):
            raise TypeError(f"worker must be a WorkerInterface, not {type(worker).__name__}")
        self.worker = worker
        apply_worker_config(worker)
        self.configuration = configuration if configuration is not None else Configuration()
        self.metrics_settings = metrics_settings
        self.event_listeners = event_listeners or []
        self._events = RunnerEvents(self.event_listeners, worker.get_identity())
        #: The official runner's dispatcher: more listeners may be registered on it.
        self.event_dispatcher = self._events.event_dispatcher
        self.api_client = api_client
        self._owns_client = api_client is None
        self.concurrency = max(1, int(getattr(worker, "thread_count", 1) or 1))
        self.shutdown_grace_seconds = shutdown_grace_seconds
        #: The most tasks in flight at once so far (observability; the tests read it).
        self.max_in_flight = 0
        self._work: set[asyncio.Task[None]] = set()
        self._executions: set[asyncio.Task[tuple[TaskResult, Exception | None]]] = set()
        self._reporting = ResultReporting(self._events, logger)
        self._poll_failures = 0
        self._grace_over = False
        # Set from any thread; mirrored into _stop_event on the loop.
        self._stop_requested = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._wake: asyncio.Event | None = None
        self._task_client: AsyncTaskResourceApi | None = None
        self._lease: LeaseExtender | None = None
        if getattr(worker, "lease_extend_enabled", False):
            # Heartbeats come from the extender's own thread, so they use the sync client.
            self._lease = LeaseExtender(TaskResourceApi(ApiClient(self.configuration)).update_task)

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def long_poll_timeout_ms(self) -> int:
        return long_poll_timeout_ms(self.worker)

    @property
    def in_flight(self) -> int:
        """Tasks executing or being reported right now."""
        return len(self._work)

    @property
    def stopped(self) -> bool:
        return self._stop_requested.is_set()

    def _bind_to_running_loop(self) -> None:
        """Make the loop-bound state (events, HTTP client) for the running loop, once per loop."""
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._task_client is not None:
            return
        self._loop = loop
        self._stop_event = asyncio.Event()
        self._wake = asyncio.Event()
        if self._stop_requested.is_set():
            self._stop_event.set()
        if self.api_client is None:
            self.api_client = AsyncApiClient(self.configuration)
        self._task_client = AsyncTaskResourceApi(self.api_client)

    async def run_once(self) -> None:
        """One round of what ``run()`` repeats: poll once for as many tasks as there are free
        slots, execute them concurrently and report each result (and any task update-v2
        hands out in return). Unlike the official SDK, which leaves the tasks running on the
        loop and returns, this returns once they are reported. A paused worker does nothing;
        errors are logged, never raised. The HTTP client made here is kept for later rounds
        (``run()`` closes it when it ends)."""
        self._bind_to_running_loop()
        if getattr(self.worker, "paused", False) or len(self._work) >= self.concurrency:
            return
        try:
            tasks = await self._poll(self.concurrency - len(self._work))
        except Exception:  # as the official run_once: a round's failure is logged, not raised
            logger.exception("Unexpected error in run_once for %s", self.worker.task_definition_names)
            return
        started = [self._start(task) for task in tasks]
        if started:
            await asyncio.wait(started)

    async def run(self) -> None:
        """Register the task definition if asked, then poll, execute and report until stopped."""
        self._bind_to_running_loop()
        name = self.worker.get_task_definition_name()
        logger.info(
            "Starting async worker %s: up to %d task(s) in flight, domain %s, worker id %s, long poll %d ms",
            ",".join(self.worker.task_definition_names),
            self.concurrency,
            self.worker.get_domain(),
            self.worker.get_identity(),
            self.long_poll_timeout_ms,
        )
        try:
            if getattr(self.worker, "register_task_def", False):
                metadata = MetadataResourceApi(ApiClient(self.configuration))
                await asyncio.to_thread(register_task_definitions, self.worker, metadata)
            stop_event = self._stop_event
            assert stop_event is not None  # made by _bind_to_running_loop
            poller = asyncio.create_task(self._poll_loop(), name=f"conductor-poll-{name}")
            try:
                await stop_event.wait()
            finally:
                await self._shut_down(poller)
        finally:
            if self._owns_client and self.api_client is not None:
                await self.api_client.close()
                self.api_client = None
                self._task_client = None
            if self._lease is not None:
                self._lease.stop()
            logger.info("Stopped async worker %s", name)

    def request_stop(self) -> None:
        """Ask ``run()`` to finish (see the module docstring). Idempotent; safe from any thread
        and from signal handlers registered with the loop."""
        self._stop_requested.set()
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._signal_stop()
        else:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nothing to stop
                loop.call_soon_threadsafe(self._signal_stop)

    async def stop(self) -> None:
        """The official SDK's spelling of :meth:`request_stop`."""
        self.request_stop()

    def _signal_stop(self) -> None:
        if self._stop_event is not None:
            self._stop_event.set()
        if self._wake is not None:
            self._wake.set()

    async def _shut_down(self, poller: asyncio.Task[None]) -> None:
        waiting: set[asyncio.Task[None]] = {poller, *self._work}
        _, pending = await asyncio.wait(waiting, timeout=self.shutdown_grace_seconds)
        if not pending:
            return
        self._grace_over = True
        poller.cancel()  # the server hands back what a cancelled long poll had claimed
        running = list(self._executions)
        if running:
            logger.warning(
                "Stopping: cancelling %d task(s) still running after %.1f s; reporting them as FAILED",
                len(running),
                self.shutdown_grace_seconds,
            )
        for execution in running:
            execution.cancel()
        _, late = await asyncio.wait({poller, *self._work}, timeout=SHUTDOWN_REPORT_SECONDS)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)
        unreported = len(late - {poller})
        if unreported:
            logger.error(
                "Stopping: %d task result(s) could not be reported in time; the server will time them out",
                unreported,
            )

    # -- polling --------------------------------------------------------------------------

    async def _poll_loop(self) -> None:
        while not self.stopped:
            try:
                await self._poll_once()
            except Exception:  # the poller must never die silently; log and carry on
                logger.exception("Unexpected error while polling for %s", self.worker.task_definition_names)
                await self._pause(max(self.worker.get_polling_interval_in_seconds(), 1.0))

    async def _poll_once(self) -> None:
        assert self._wake is not None
        if len(self._work) >= self.concurrency:
            self._wake.clear()
            # Re-checked after clear(): a slot freed in between must not be missed.
            if len(self._work) >= self.concurrency and not self.stopped:
                await self._wake.wait()
            return
        if getattr(self.worker, "paused", False):
            await self._pause(max(self.worker.get_polling_interval_in_seconds(), 1.0))
            return
        tasks = await self._poll(self.concurrency - len(self._work))
        if self.stopped:
            await asyncio.gather(*(self._hand_back(task) for task in tasks))
            return
        for task in tasks:
            self._start(task)

    async def _pause(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when a stop is requested."""
        assert self._stop_event is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), seconds)

    async def _poll(self, count: int) -> list[Task]:
        """One long poll for up to ``count`` tasks; on errors, back off and answer ``[]``."""
        assert self._task_client is not None
        task_type = self.worker.get_task_definition_name()
        timeout_ms = self.long_poll_timeout_ms
        self._events.poll_started(task_type, count)
        started = time.monotonic()
        try:
            tasks = await self._task_client.batch_poll(
                task_type,
                workerid=self.worker.get_identity(),
                domain=self.worker.get_domain() or None,
                count=count,
                timeout=timeout_ms,
            )
        except ApiException as exc:
            self._events.poll_failed(task_type, started, exc)
            await self._poll_failed(task_type, f"HTTP {exc.status}: {exc.message or exc.reason}")
            return []
        except Exception as exc:  # the loop must survive anything; the cause is logged
            logger.debug("Poll failure for %s", task_type, exc_info=True)
            self._events.poll_failed(task_type, started, exc)
            await self._poll_failed(task_type, f"{type(exc).__name__}: {exc}")
            return []
        finally:
            self.worker.clear_task_definition_name_cache()
        self._events.poll_completed(task_type, started, len(tasks))
        self._poll_failures = 0
        tasks = [task for task in tasks if task.task_id]
        if not tasks and (time.monotonic() - started) * 1000 < timeout_ms / 2:
            # An empty answer well before the timeout: the server does not long-poll.
            await self._pause(self.worker.get_polling_interval_in_seconds())
        return tasks

    async def _poll_failed(self, task_type: str, reason: str) -> None:
        self._poll_failures += 1
        delay = poll_backoff_seconds(self.worker, self._poll_failures)
        logger.warning(
            "Polling %s failed (%d in a row), retrying in %.2f s: %s",
            task_type,
            self._poll_failures,
            delay,
            reason,
        )
        await self._pause(delay)

    # -- executing and reporting ----------------------------------------------------------

    def _start(self, task: Task) -> asyncio.Task[None]:
        work = asyncio.create_task(self._run_task(task), name=f"conductor-task-{task.task_id}")
        self._work.add(work)
        self.max_in_flight = max(self.max_in_flight, len(self._work))
        work.add_done_callback(self._work_done)
        return work

    def _work_done(self, work: asyncio.Task[None]) -> None:
        self._work.discard(work)
        if self._wake is not None:
            self._wake.set()

    async def _run_task(self, task: Task) -> None:
        """One slot: execute, report, and go on with the task update-v2 returned."""
        current: Task | None = task
        try:
            while current is not None:
                result = await self._execute(current)
                task_type = current.task_def_name or current.task_type or ""
                next_task = await self._report(result, task_type) if result is not None else None
                if next_task is not None and self.stopped:
                    await self._hand_back(next_task)
                    next_task = None
                current = next_task
        except Exception:  # never lose the slot; the cause is logged
            logger.exception("Unexpected error in worker %s", self.worker.get_task_definition_name())

    def _response_timeout(self, task: Task) -> float | None:
        if getattr(self.worker, "lease_extend_enabled", False):
            return None  # heartbeats keep the task alive on the server: no worker-side limit
        seconds = task.response_timeout_seconds or 0
        return float(seconds) if seconds > 0 else None

    async def _execute(self, task: Task) -> TaskResult | None:
        """The result to report, or None when the task was cancelled at its response timeout."""
        timeout = self._response_timeout(task)
        if self._lease is not None:
            self._lease.track(task)
        task_type = task.task_def_name or task.task_type or ""
        self._events.execution_started(task_type, task)
        started = time.monotonic()
        execution = asyncio.create_task(run_task_async(self.worker, task))
        self._executions.add(execution)
        try:
            done, _ = await asyncio.wait({execution}, timeout=timeout)
            if not done and timeout is not None:
                execution.cancel()
                await asyncio.wait({execution})
                if execution.cancelled():
                    cause = TimeoutError(f"still running after responseTimeoutSeconds ({timeout:g} s)")
                    self._events.execution_finished(
                        task_type, task, started, self._cancelled_result(task), cause
                    )
                    await self._response_timed_out(task, timeout)
                    return None
            if execution.cancelled():
                cancelled = self._cancelled_result(task)
                stopped = RuntimeError("execution cancelled: the worker is stopping")
                self._events.execution_finished(task_type, task, started, cancelled, stopped)
                return cancelled
            result, error = execution.result()
            self._events.execution_finished(task_type, task, started, result, error)
            return result
        finally:
            self._executions.discard(execution)
            if not execution.done():  # we were cancelled ourselves
                execution.cancel()
            if self._lease is not None:
                self._lease.untrack(task.task_id)

    async def _response_timed_out(self, task: Task, seconds: float) -> None:
        assert self._task_client is not None
        message = (
            f"Cancelled by worker {self.worker.get_identity()}: still running after responseTimeoutSeconds "
            f"({seconds:g} s); the server times the task out and retries it per its task definition"
        )
        logger.warning("Task %s (workflow %s): %s", task.task_id, task.workflow_instance_id, message)
        if task.task_id is None:
            return
        try:
            await self._task_client.log(message, task.task_id)
        except ApiException as exc:
            logger.debug("Could not log the cancellation of task %s: %s", task.task_id, exc.message)

    def _cancelled_result(self, task: Task) -> TaskResult:
        if self._grace_over:
            reason = (
                f"Worker stopped: the task was still running {self.shutdown_grace_seconds:g} s after the "
                "worker was asked to stop, and was cancelled"
            )
        else:
            reason = "The worker's coroutine was cancelled"
        result = self.worker.get_task_result_from_task(task)
        result.status = TaskResultStatus.FAILED
        result.reason_for_incompletion = reason
        result.output_data = {"result": None}
        result.logs = [TaskExecLog(reason, task.task_id, int(time.time() * 1000))]
        return result

    async def _report(self, result: TaskResult, task_type: str = "") -> Task | None:
        """Send ``result``; returns the next task when update-v2 handed one out."""
        last_error: Exception | None = None
        assert self._task_client is not None
        for attempt, delay in enumerate((0.0, *UPDATE_RETRY_DELAYS_SECONDS)):
            if delay:
                if self.stopped:
                    break  # shutting down: there is no time left to wait for the server
                await self._pause(delay)
            try:
                if self._reporting.use_update_v2:
                    try:
                        return await self._task_client.update_task_v2(result)
                    except ApiException as exc:
                        if not self._reporting.update_v2_missing(exc):
                            raise
                await self._task_client.update_task(result)
                return None
            except ApiException as exc:
                last_error = exc
                if self._reporting.failed_attempt(task_type, result, exc, attempt):
                    return None
        self._reporting.lost(task_type, result, last_error, len(UPDATE_RETRY_DELAYS_SECONDS) + 1)
        return None

    async def _hand_back(self, task: Task) -> None:
        """Return a task we will not execute (we are stopping) so another worker gets it now."""
        assert self._task_client is not None
        try:
            await self._task_client.update_task(hand_back_result(self.worker, task))
            logger.info("Stopping: handed task %s back to the server", task.task_id)
        except ApiException as exc:
            logger.warning(
                "Stopping: could not hand task %s back: %s", task.task_id, exc.message or exc.reason
            )
