"""Workers and task mocks run as threads of the test process, against the test server.

`InProcessTaskHandler` takes the same arguments and has the same methods as the SDK's
`TaskHandler` (`start_processes`, `stop_processes`, `join_processes`, context manager), but
runs each worker's `TaskRunner` on a thread: no process start-up, no pickling, and a worker
can close over test state. Long-polls are held 250 ms at most, so a handler stopped in the
middle of a test is gone within that.

`TaskMock` completes tasks of one type without a real worker: a fixed output, a function of
the task input, or a list of outcomes consumed one per attempt (the last one repeats), e.g.
`[RuntimeError("card declined"), {"charged": True}]` fails the first attempt and completes the
retry. Outcomes follow the SDK's worker rules (`conductor.client.worker.worker`): a dict is
the output of a COMPLETED task, a raised (or listed) exception FAILED (a
`NonRetryableException` FAILED_WITH_TERMINAL_ERROR), a `TaskInProgress` IN_PROGRESS with its
callback delay, a `TaskResult` as it is.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from conductor.client.automator.task_runner import TaskRunner
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.worker import result_from_output
from conductor.client.worker.worker_interface import WorkerInterface
from conductor.client.worker.worker_task import get_registered_workers

__all__ = ["InProcessTaskHandler", "TaskMock"]

log = logging.getLogger("conductor.testing")

TEST_LONG_POLL_MS = 250
STOP_GRACE_S = 5.0


class _TestTaskRunner(TaskRunner):
    @property
    def long_poll_timeout_ms(self) -> int:
        return min(super().long_poll_timeout_ms, TEST_LONG_POLL_MS)


class _WorkerThread:
    def __init__(self, worker: WorkerInterface, configuration: Configuration) -> None:
        self.worker = worker
        self.name = worker.get_task_definition_name()
        self.runner = _TestTaskRunner(worker, configuration)
        self.thread = threading.Thread(
            target=self.runner.run, name=f"conductor-test-worker-{self.name}", daemon=True
        )


class InProcessTaskHandler:
    """A `TaskHandler` whose workers are threads of this process (see the module docstring)."""

    def __init__(
        self,
        workers: list[WorkerInterface] | WorkerInterface | None = None,
        configuration: Configuration | None = None,
        metrics_settings: object | None = None,
        scan_for_annotated_workers: bool = False,
        import_modules: list[str] | None = None,
        event_listeners: list[Any] | None = None,
        **_ignored: Any,
    ) -> None:
        if workers is None:
            workers = []
        elif isinstance(workers, WorkerInterface):
            workers = [workers]
        for module in import_modules or []:
            importlib.import_module(module)
        self.workers: list[WorkerInterface] = list(workers)
        if scan_for_annotated_workers:
            self.workers.extend(get_registered_workers())
        self.configuration = configuration if configuration is not None else Configuration()
        self._threads: list[_WorkerThread] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    @property
    def served(self) -> list[tuple[str, str | None]]:
        """(task type, domain) of every task this handler's workers poll for; none while the
        handler is not running (an unstarted handler must not hold time still)."""
        if not self._threads or self._stopped.is_set():
            return []
        return [(name, w.get_domain() or None) for w in self.workers for name in w.task_definition_names]

    def __enter__(self) -> InProcessTaskHandler:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop_processes()

    def start_processes(self) -> None:
        with self._lock:
            if self._threads and not self._stopped.is_set():
                return
            self._stopped.clear()
            self._threads = [_WorkerThread(w, self.configuration) for w in self.workers]
            for host in self._threads:
                host.thread.start()

    def request_stop(self) -> None:
        """Ask every worker to stop without waiting (`stop_processes` waits)."""
        with self._lock:
            for host in self._threads:
                host.runner.stop()

    def stop_processes(self) -> None:
        """Stop every worker: the tasks they are executing finish and are reported first."""
        with self._lock:
            threads = self._threads
            for host in threads:
                host.runner.stop()
            deadline = time.monotonic() + STOP_GRACE_S
            for host in threads:
                host.thread.join(max(0.0, deadline - time.monotonic()))
                if host.thread.is_alive():
                    log.warning("test worker %s did not stop within %.0f s", host.name, STOP_GRACE_S)
            self._stopped.set()

    def join_processes(self) -> None:
        """Block until `stop_processes` (from another thread); at once when never started."""
        if self._threads:
            self._stopped.wait()

    def is_healthy(self) -> bool:
        return all(host.thread.is_alive() for host in self._threads)

    def get_worker_process_status(self) -> list[dict[str, Any]]:
        return [
            {"worker": host.name, "thread": host.thread.name, "alive": host.thread.is_alive()}
            for host in self._threads
        ]


Outcome = Any


class TaskMock(WorkerInterface):
    """Completes tasks of `task_type` with scripted outcomes; `calls` holds each task's input."""

    def __init__(
        self,
        task_type: str,
        outcome: Outcome | Callable[[dict[str, Any]], Outcome] | list[Outcome] | None = None,
        *,
        domain: str | None = None,
    ) -> None:
        super().__init__(task_type)
        self.task_type = task_type
        self.domain = domain
        self.poll_interval = 10
        self._outcomes: list[Outcome] = list(outcome) if isinstance(outcome, list) else [outcome]
        self.calls: list[dict[str, Any]] = []
        self.tasks: list[Task] = []
        self._lock = threading.Lock()

    @property
    def count(self) -> int:
        return len(self.calls)

    def execute(self, task: Task) -> TaskResult:
        with self._lock:
            index = len(self.calls)
            self.calls.append(dict(task.input_data or {}))
            self.tasks.append(task)
            outcome = self._outcomes[min(index, len(self._outcomes) - 1)]
        result = self.get_task_result_from_task(task)
        try:
            if callable(outcome) and not isinstance(outcome, type):
                outcome = outcome(dict(task.input_data or {}))
            if isinstance(outcome, BaseException):
                raise outcome
        except NonRetryableException as exc:
            result.status = TaskResultStatus.FAILED_WITH_TERMINAL_ERROR
            result.reason_for_incompletion = str(exc) or type(exc).__name__
            return result
        except Exception as exc:
            result.status = TaskResultStatus.FAILED
            result.reason_for_incompletion = str(exc) or type(exc).__name__
            return result
        return result_from_output({} if outcome is None else outcome, task, result)


def served_by(handlers: Iterable[InProcessTaskHandler]) -> list[tuple[str, str | None]]:
    return [pair for handler in handlers for pair in handler.served]
