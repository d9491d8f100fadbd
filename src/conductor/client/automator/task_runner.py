"""``TaskRunner``: the poll -> execute -> update loop for one worker.

How it talks to the server (this is where pyconductor is faster than the official SDK):

* **Long poll.** One poller thread asks ``GET /tasks/poll/batch/{type}?workerid=..&count=<free
  slots>&timeout=<ms>[&domain=..]``. The server holds the request until a task arrives or the
  timeout (default 2000 ms, at most 5000) passes, so an idle worker costs one request per
  timeout and a new task is picked up at once. An empty answer is simply polled again; the
  runner only pauses (``poll_interval``, doubled per consecutive failure up to 10 s, with
  jitter) after errors, or when a server answers empty polls early (no long-poll support).
* **Chained updates.** A result is reported with ``POST /tasks/update-v2``, which answers the
  next task of the same type (200) or 204; a returned task is executed straight away in the
  same slot, without a poll. On 404/405 the runner switches for good to ``POST /tasks``.
* **All slots busy.** ``thread_count`` slots run tasks concurrently; the poller asks for as many
  tasks as there are free slots and wakes up as soon as one frees.

Worker settings are first overridden from the environment (``worker_config``). Failed updates
with a transient cause (no answer, 5xx, 429) are retried after 1, 4, 10 and 30 s; other errors
are logged and the result dropped, since repeating the same request cannot succeed.
"""

from __future__ import annotations

import copy
import inspect
import logging
import random
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from conductor.client.automator.lease_extender import LeaseExtender
from conductor.client.automator.result_reporting import ResultReporting
from conductor.client.automator.runner_events import RunnerEvents
from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.metrics_settings import MetricsSettings
from conductor.client.context.task_context import _clear_task_context, _set_task_context, merge_context_into
from conductor.client.http.api.metadata_resource_api import MetadataResourceApi
from conductor.client.http.api.task_resource_api import TaskResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.rest import ApiException
from conductor.client.worker.background_loop import run_awaitable
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.worker import Worker, result_from_output
from conductor.client.worker.worker_config import apply_worker_config
from conductor.client.worker.worker_interface import WorkerInterface

__all__ = [
    "DEFAULT_LONG_POLL_TIMEOUT_MS",
    "MAX_LONG_POLL_TIMEOUT_MS",
    "TaskRunner",
    "execute_task",
    "failure_result",
    "hand_back_result",
    "long_poll_timeout_ms",
    "poll_backoff_seconds",
    "register_task_definitions",
]

logger = logging.getLogger(__name__)

DEFAULT_LONG_POLL_TIMEOUT_MS = 2000
MAX_LONG_POLL_TIMEOUT_MS = 5000
# The official SDK's poll_timeout default; it never used the value, so it means "not set".
_UNSET_POLL_TIMEOUT_MS = 100
ERROR_BACKOFF_CAP_SECONDS = 10.0
UPDATE_RETRY_DELAYS_SECONDS = (1.0, 4.0, 10.0, 30.0)


class TaskRunner:
    """Runs one worker: ``run()`` blocks until ``stop()`` (safe from any thread).

    ``api_client`` injects the HTTP client (tests pass one with a mock transport).
    ``event_listeners`` receive the official task-runner events (``runner_events``);
    ``metrics_settings`` is accepted for compatibility and unused.
    """

    def __init__(
        self,
        worker: WorkerInterface,
        configuration: Configuration | None = None,
        metrics_settings: MetricsSettings | None = None,
        event_listeners: list[Any] | None = None,
        *,
        api_client: ApiClient | None = None,
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
        self.api_client = api_client if api_client is not None else ApiClient(self.configuration)
        self.task_client = TaskResourceApi(self.api_client)
        self.metadata_client = MetadataResourceApi(self.api_client)
        self.thread_count = max(1, int(getattr(worker, "thread_count", 1) or 1))
        self._stop = threading.Event()
        self._slots = threading.Condition()
        self._free_slots = self.thread_count
        self._reporting = ResultReporting(self._events, logger)
        self._poll_failures = 0
        self._lease: LeaseExtender | None = None
        if getattr(worker, "lease_extend_enabled", False):
            self._lease = LeaseExtender(self.task_client.update_task)

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def long_poll_timeout_ms(self) -> int:
        """How long the server may hold a poll: the worker's ``poll_timeout``, capped at 5000."""
        return long_poll_timeout_ms(self.worker)

    def run(self) -> None:
        """Register the task definition if asked, then poll, execute and report until stopped.

        On stop, no new poll starts; the poll in flight is awaited (tasks it still gets are
        handed back to the server), and tasks already executing finish and are reported.
        """
        name = self.worker.get_task_definition_name()
        logger.info(
            "Starting worker %s: %d thread(s), domain %s, worker id %s, long poll %d ms",
            ",".join(self.worker.task_definition_names),
            self.thread_count,
            self.worker.get_domain(),
            self.worker.get_identity(),
            self.long_poll_timeout_ms,
        )
        executor = ThreadPoolExecutor(max_workers=self.thread_count, thread_name_prefix=f"conductor-{name}")
        # A daemon thread, so that a process whose shutdown takes too long is not kept alive
        # by a long poll in flight.
        poller = threading.Thread(
            target=self._poll_loop, args=(executor,), name=f"conductor-poll-{name}", daemon=True
        )
        try:
            if getattr(self.worker, "register_task_def", False):
                self._register_task_definitions()
            poller.start()
            self._stop.wait()
        finally:
            self.stop()
            if poller.is_alive():
                # The server may still hand tasks to the poll in flight. Wait for it, so that
                # they are handed back instead of staying lost until their response timeout.
                poller.join(self.long_poll_timeout_ms / 1000 + 1.0)
            executor.shutdown(wait=True)
            if self._lease is not None:
                self._lease.stop()
            logger.info("Stopped worker %s", name)

    def run_once(self) -> None:
        """One round of what ``run()`` repeats, in the calling thread: poll once for up to
        ``thread_count`` tasks, then execute each and report its result (and any task the
        server hands out in return through update-v2). Unlike the official SDK, which hands
        the tasks to a thread pool and returns, this returns once they are reported, so a
        loop of ``run_once()`` calls never has more than one round in flight. A paused worker
        does nothing; errors are logged, never raised."""
        if getattr(self.worker, "paused", False):
            return
        try:
            for task in self._poll(self.thread_count):
                self._run_chain(task)
        except Exception:  # as the official run_once: a round's failure is logged, not raised
            logger.exception("Unexpected error in run_once for %s", self.worker.task_definition_names)

    def stop(self) -> None:
        """Ask ``run()`` to finish (see there). Idempotent; safe from any thread."""
        self._stop.set()
        with self._slots:
            self._slots.notify_all()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    # -- polling --------------------------------------------------------------------------

    def _poll_loop(self, executor: ThreadPoolExecutor) -> None:
        while not self._stop.is_set():
            try:
                self._poll_once(executor)
            except Exception:  # the poller must never die silently; log and carry on
                logger.exception("Unexpected error while polling for %s", self.worker.task_definition_names)
                self._stop.wait(max(self.worker.get_polling_interval_in_seconds(), 1.0))

    def _poll_once(self, executor: ThreadPoolExecutor) -> None:
        free = self._wait_for_free_slots()
        if free == 0:
            return
        if getattr(self.worker, "paused", False):
            self._stop.wait(max(self.worker.get_polling_interval_in_seconds(), 1.0))
            return
        for task in self._poll(free):
            if self._stop.is_set():
                self._hand_back(task)
                continue
            with self._slots:
                self._free_slots -= 1
            try:
                executor.submit(self._work, task)
            except RuntimeError:  # the pool shut down between our stop check and now
                self._hand_back(task)

    def _wait_for_free_slots(self) -> int:
        with self._slots:
            while self._free_slots <= 0 and not self._stop.is_set():
                self._slots.wait()
            return 0 if self._stop.is_set() else self._free_slots

    def _release_slot(self) -> None:
        with self._slots:
            self._free_slots += 1
            self._slots.notify()

    def _poll(self, count: int) -> list[Task]:
        """One long poll for up to ``count`` tasks; on errors, back off and answer ``[]``."""
        task_type = self.worker.get_task_definition_name()
        timeout_ms = self.long_poll_timeout_ms
        self._events.poll_started(task_type, count)
        started = time.monotonic()
        try:
            tasks = self.task_client.batch_poll(
                task_type,
                workerid=self.worker.get_identity(),
                domain=self.worker.get_domain() or None,
                count=count,
                timeout=timeout_ms,
            )
        except ApiException as exc:
            self._events.poll_failed(task_type, started, exc)
            self._poll_failed(task_type, f"HTTP {exc.status}: {exc.message or exc.reason}")
            return []
        except Exception as exc:  # the loop must survive anything; the cause is logged
            logger.debug("Poll failure for %s", task_type, exc_info=True)
            self._events.poll_failed(task_type, started, exc)
            self._poll_failed(task_type, f"{type(exc).__name__}: {exc}")
            return []
        finally:
            self.worker.clear_task_definition_name_cache()
        self._events.poll_completed(task_type, started, len(tasks))
        self._poll_failures = 0
        tasks = [task for task in tasks if task.task_id]
        if not tasks and (time.monotonic() - started) * 1000 < timeout_ms / 2:
            # The server answered an empty poll well before the timeout, so it does not
            # long-poll: pace ourselves instead of spinning.
            self._stop.wait(self.worker.get_polling_interval_in_seconds())
        return tasks

    def _poll_failed(self, task_type: str, reason: str) -> None:
        self._poll_failures += 1
        delay = poll_backoff_seconds(self.worker, self._poll_failures)
        logger.warning(
            "Polling %s failed (%d in a row), retrying in %.2f s: %s",
            task_type,
            self._poll_failures,
            delay,
            reason,
        )
        self._stop.wait(delay)

    # -- executing and reporting ----------------------------------------------------------

    def _work(self, task: Task) -> None:
        """Run in a pool slot: :meth:`_run_chain`, then free the slot."""
        try:
            self._run_chain(task)
        except Exception:  # never lose the slot; the cause is logged
            logger.exception("Unexpected error in worker %s", self.worker.get_task_definition_name())
        finally:
            self._release_slot()

    def _run_chain(self, task: Task) -> None:
        """Execute and report ``task``, then go on with the task update-v2 returned."""
        current: Task | None = task
        while current is not None:
            result = self._execute(current)
            next_task = self._report(result, current.task_def_name or current.task_type or "")
            if next_task is not None and self._stop.is_set():
                self._hand_back(next_task)
                next_task = None
            current = next_task

    def _execute(self, task: Task) -> TaskResult:
        if self._lease is not None:
            self._lease.track(task)
        task_type = task.task_def_name or task.task_type or ""
        self._events.execution_started(task_type, task)
        started = time.monotonic()
        try:
            result, error = run_task(self.worker, task)
            self._events.execution_finished(task_type, task, started, result, error)
            return result
        finally:
            if self._lease is not None:
                self._lease.untrack(task.task_id)

    def _report(self, result: TaskResult, task_type: str = "") -> Task | None:
        """Send ``result``; returns the next task when update-v2 handed one out."""
        last_error: Exception | None = None
        for attempt, delay in enumerate((0.0, *UPDATE_RETRY_DELAYS_SECONDS)):
            if delay:
                if self._stop.is_set():
                    break  # shutting down: there is no time left to wait for the server
                self._stop.wait(delay)
            try:
                if self._reporting.use_update_v2:
                    try:
                        return self.task_client.update_task_v2(result)
                    except ApiException as exc:
                        if not self._reporting.update_v2_missing(exc):
                            raise
                self.task_client.update_task(result)
                return None
            except ApiException as exc:
                last_error = exc
                if self._reporting.failed_attempt(task_type, result, exc, attempt):
                    return None
        self._reporting.lost(task_type, result, last_error, len(UPDATE_RETRY_DELAYS_SECONDS) + 1)
        return None

    def _hand_back(self, task: Task) -> None:
        """Return a task we will not execute (we are stopping) so another worker gets it now,
        instead of after its response timeout: IN_PROGRESS with a zero callback delay makes the
        server schedule it again."""
        try:
            self.task_client.update_task(hand_back_result(self.worker, task))
            logger.info("Stopping: handed task %s back to the server", task.task_id)
        except ApiException as exc:
            logger.warning(
                "Stopping: could not hand task %s back: %s", task.task_id, exc.message or exc.reason
            )

    # -- start-up -------------------------------------------------------------------------

    def _register_task_definitions(self) -> None:
        register_task_definitions(self.worker, self.metadata_client)


def long_poll_timeout_ms(worker: WorkerInterface) -> int:
    """How long the server may hold a poll: the worker's ``poll_timeout``, capped at 5000."""
    value = getattr(worker, "poll_timeout", None)
    if value is None or value == _UNSET_POLL_TIMEOUT_MS:
        return DEFAULT_LONG_POLL_TIMEOUT_MS
    return max(0, min(int(value), MAX_LONG_POLL_TIMEOUT_MS))


def poll_backoff_seconds(worker: WorkerInterface, failures: int) -> float:
    """The pause after ``failures`` failed polls in a row: doubled each time, capped, jittered."""
    base = max(worker.get_polling_interval_in_seconds(), 0.001)
    delay: float = min(base * 2.0 ** (failures - 1), max(base, ERROR_BACKOFF_CAP_SECONDS))
    return delay * random.uniform(0.9, 1.1)


def hand_back_result(worker: WorkerInterface, task: Task) -> TaskResult:
    """The result that returns a task we will not execute: IN_PROGRESS with a zero callback
    delay makes the server schedule it again at once (instead of after its response timeout)."""
    return TaskResult(
        workflow_instance_id=task.workflow_instance_id,
        task_id=task.task_id,
        worker_id=worker.get_identity(),
        status=TaskResultStatus.IN_PROGRESS,
        callback_after_seconds=0,
    )


def register_task_definitions(worker: WorkerInterface, metadata_client: MetadataResourceApi) -> None:
    """Create or update the worker's task definition(s); failures are logged, never fatal."""
    template = getattr(worker, "task_def_template", None)
    overwrite = getattr(worker, "overwrite_task_def", True)
    for name in worker.task_definition_names:
        task_def = copy.deepcopy(template) if isinstance(template, TaskDef) else TaskDef()
        task_def.name = name
        try:
            if overwrite:
                try:
                    metadata_client.update_task_def(task_def)
                except ApiException:
                    # Servers answer 404 to PUT for a task they do not know yet.
                    metadata_client.register_task_def([task_def])
            else:
                try:
                    metadata_client.get_task_def(name)
                    logger.info("Task definition %s exists; not overwriting it", name)
                    continue
                except ApiException as exc:
                    if exc.status != 404:
                        raise
                metadata_client.register_task_def([task_def])
            logger.info("Registered task definition %s", name)
        except ApiException as exc:
            logger.warning("Could not register task definition %s: %s", name, exc.message or exc.reason)


def failure_result(worker: WorkerInterface, task: Task, exc: Exception) -> TaskResult:
    """The result for a worker that raised ``exc`` (call it inside the ``except`` block):
    FAILED_WITH_TERMINAL_ERROR for ``NonRetryableException``, else FAILED with the traceback
    as a task log."""
    result = worker.get_task_result_from_task(task)
    result.reason_for_incompletion = str(exc) or type(exc).__name__
    result.output_data = {"result": None}
    if isinstance(exc, NonRetryableException):
        result.status = TaskResultStatus.FAILED_WITH_TERMINAL_ERROR
        return result
    logger.error("Error executing task %s", task.task_id, exc_info=True)
    result.status = TaskResultStatus.FAILED
    result.logs = [TaskExecLog(traceback.format_exc(), task.task_id, int(time.time() * 1000))]
    return result


def execute_task(worker: WorkerInterface, task: Task) -> TaskResult:
    """Execute ``task`` with its task context set and return the result to report (see
    :func:`run_task`)."""
    return run_task(worker, task)[0]


def run_task(worker: WorkerInterface, task: Task) -> tuple[TaskResult, Exception | None]:
    """Execute ``task`` with its task context set: the result to report, and the exception
    the worker raised (None when it returned).

    Works for any :class:`WorkerInterface`: a custom ``execute`` may also return a
    ``TaskInProgress``, a plain value, or a coroutine, and exceptions it raises are reported
    as FAILED (or FAILED_WITH_TERMINAL_ERROR). Logs and settings made through the context
    are merged into the result.
    """
    context_result = TaskResult(
        task_id=task.task_id, workflow_instance_id=task.workflow_instance_id, worker_id=worker.get_identity()
    )
    _set_task_context(task, context_result)
    error: Exception | None = None
    try:
        # A plain Worker is invoked directly, so that what its function raises reaches us
        # (Worker.execute would turn it into a result first); the outcome is the same.
        output: Any = (
            worker.invoke(task)
            if isinstance(worker, Worker) and type(worker).execute is Worker.execute
            else worker.execute(task)
        )
        if inspect.isawaitable(output):
            output = run_awaitable(output)
        result = result_from_output(output, task, worker.get_task_result_from_task(task))
    except Exception as exc:
        error = exc
        result = failure_result(worker, task, exc)
    finally:
        _clear_task_context()
    return merge_context_into(result, context_result), error
