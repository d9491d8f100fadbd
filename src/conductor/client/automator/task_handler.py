"""``TaskHandler``: runs every worker in its own OS process and stops them.

Processes are started with the ``spawn`` method, chosen on a multiprocessing context object
(the process-wide default is left alone). Each worker object is pickled into its process,
where its function is re-imported by module and name, and a :class:`TaskRunner` runs it.

``stop_processes()`` sends SIGTERM to every worker process (a worker finishes and reports
the tasks it is executing, then exits), waits up to 5 seconds in total, and kills what is
left. It is safe right after ``start_processes()`` and more than once.

With ``CONDUCTOR_WORKER_ISOLATION=thread`` the runners are threads of the calling process
instead (handy for debugging; workers then share the GIL).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from multiprocessing.context import SpawnProcess
from types import FrameType, TracebackType
from typing import Any, Protocol

from conductor.client.automator.task_runner import TaskRunner
from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.metrics_settings import MetricsSettings
from conductor.client.worker.worker import Worker
from conductor.client.worker.worker_interface import WorkerInterface
from conductor.client.worker.worker_task import (
    _decorated_functions,
    get_registered_worker_names,
    get_registered_workers,
    register_decorated_fn,
)

__all__ = [
    "TaskHandler",
    "Worker",
    "_decorated_functions",
    "get_registered_worker_names",
    "get_registered_workers",
    "register_decorated_fn",
]

logger = logging.getLogger(__name__)

STOP_GRACE_SECONDS = 5.0
_ISOLATION_ENV = "CONDUCTOR_WORKER_ISOLATION"


class _Terminated(Exception):
    """Raised by the SIGTERM handler inside a worker process to leave ``TaskRunner.run``."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def _run_worker_process(
    worker: WorkerInterface,
    configuration: Configuration | None,
    metrics_settings: MetricsSettings | None,
) -> None:
    """Worker process entry point (must stay a module-level function for ``spawn``)."""
    # Ctrl-C reaches the whole process group; the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    configuration = configuration if configuration is not None else Configuration()
    configuration.apply_logging_config()
    with contextlib.suppress(_Terminated):
        TaskRunner(worker, configuration, metrics_settings).run()


class _WorkerHost(Protocol):
    """Where one runner lives: a process or a thread."""

    name: str

    def start(self) -> None: ...
    def request_stop(self) -> None: ...
    def wait(self, timeout: float | None) -> None: ...
    def kill(self) -> None: ...
    def is_alive(self) -> bool: ...
    def status(self) -> dict[str, Any]: ...


class _ProcessHost:
    def __init__(
        self, worker: WorkerInterface, configuration: Configuration | None, metrics: MetricsSettings | None
    ):
        self.name = worker.get_task_definition_name()
        self._args = (worker, configuration, metrics)
        self.process = self._new_process()

    def _new_process(self) -> SpawnProcess:
        return multiprocessing.get_context("spawn").Process(
            target=_run_worker_process, args=self._args, name=f"conductor-worker-{self.name}"
        )

    def start(self) -> None:
        if self.process.exitcode is not None:  # a restart: Process objects start only once
            self.process = self._new_process()
        self.process.start()

    def request_stop(self) -> None:
        if self.process.pid is not None and self.process.exitcode is None:
            self.process.terminate()

    def wait(self, timeout: float | None) -> None:
        if self.process.pid is not None:
            self.process.join(timeout)

    def kill(self) -> None:
        if self.process.pid is not None and self.process.exitcode is None:
            logger.warning(
                "Worker process %s (pid %s) did not stop in time; killing it", self.name, self.process.pid
            )
            self.process.kill()
            self.process.join(1.0)

    def is_alive(self) -> bool:
        return self.process.is_alive()

    def status(self) -> dict[str, Any]:
        return {
            "worker": self.name,
            "pid": self.process.pid,
            "alive": self.process.is_alive(),
            "exitcode": self.process.exitcode,
        }


class _ThreadHost:
    def __init__(
        self, worker: WorkerInterface, configuration: Configuration | None, metrics: MetricsSettings | None
    ):
        self.name = worker.get_task_definition_name()
        self._worker, self._configuration, self._metrics = worker, configuration, metrics
        self._runner: TaskRunner | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._runner = TaskRunner(self._worker, self._configuration, self._metrics)
        self._thread = threading.Thread(
            target=self._runner.run, name=f"conductor-worker-{self.name}", daemon=True
        )
        self._thread.start()

    def request_stop(self) -> None:
        if self._runner is not None:
            self._runner.stop()

    def wait(self, timeout: float | None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def kill(self) -> None:
        logger.warning("Worker thread %s did not stop in time; abandoning it", self.name)

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def status(self) -> dict[str, Any]:
        return {
            "worker": self.name,
            "thread": self._thread.name if self._thread else None,
            "alive": self.is_alive(),
        }


class TaskHandler:
    """Starts, supervises and stops the worker processes.

    ``workers`` are run as given; with ``scan_for_annotated_workers`` every ``@worker_task``
    function (after importing ``import_modules``) is added. With ``monitor_processes`` a
    thread restarts a worker process that died, waiting ``restart_backoff_seconds`` doubled
    per restart up to ``restart_backoff_max_seconds`` (``restart_max_attempts`` 0 = no limit).
    ``metrics_settings`` and ``event_listeners`` are accepted and unused (no metrics export).
    """

    def __init__(
        self,
        workers: list[WorkerInterface] | WorkerInterface | None = None,
        configuration: Configuration | None = None,
        metrics_settings: MetricsSettings | None = None,
        scan_for_annotated_workers: bool = True,
        import_modules: list[str] | None = None,
        event_listeners: list[Any] | None = None,
        monitor_processes: bool = True,
        restart_on_failure: bool = True,
        monitor_interval_seconds: float = 5.0,
        restart_backoff_seconds: float = 1.0,
        restart_backoff_max_seconds: float = 60.0,
        restart_max_attempts: int = 0,
    ) -> None:
        if workers is None:
            workers = []
        elif isinstance(workers, WorkerInterface):
            workers = [workers]
        for module in import_modules or []:
            logger.info("Loading module %s", module)
            importlib.import_module(module)
        self.workers: list[WorkerInterface] = list(workers)
        if scan_for_annotated_workers:
            self.workers.extend(get_registered_workers())
        self.configuration = configuration
        self.metrics_settings = metrics_settings
        self.event_listeners = event_listeners or []
        self.monitor_processes = monitor_processes
        self.restart_on_failure = restart_on_failure
        self.monitor_interval_seconds = monitor_interval_seconds
        self.restart_backoff_seconds = restart_backoff_seconds
        self.restart_backoff_max_seconds = restart_backoff_max_seconds
        self.restart_max_attempts = restart_max_attempts

        use_threads = os.getenv(_ISOLATION_ENV, "process").strip().lower() == "thread"
        host_type = _ThreadHost if use_threads else _ProcessHost
        self._hosts: list[_WorkerHost] = [host_type(w, configuration, metrics_settings) for w in self.workers]
        self._restart_counts = [0] * len(self._hosts)
        self._lock = threading.Lock()
        self._started = False
        self._stopping = threading.Event()
        self._monitor: threading.Thread | None = None
        logger.info(
            "TaskHandler created for %d worker(s): %s", len(self._hosts), [h.name for h in self._hosts]
        )

    @property
    def task_runner_processes(self) -> list[SpawnProcess]:
        return [h.process for h in self._hosts if isinstance(h, _ProcessHost)]

    def __enter__(self) -> TaskHandler:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop_processes()

    def start_processes(self) -> None:
        """Start one process per worker (and the restart monitor)."""
        multiprocessing.freeze_support()
        with self._lock:
            if self._started:
                return
            self._stopping.clear()
            try:
                for host in self._hosts:
                    host.start()
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                logger.error(
                    "Could not start the worker processes: %s. Worker functions must be importable "
                    "module-level functions, and workers and configuration must be picklable.",
                    exc,
                )
                self._stop_hosts()
                raise
            self._started = True
        if self.monitor_processes and self._hosts:
            self._monitor = threading.Thread(
                target=self._monitor_loop, name="conductor-worker-monitor", daemon=True
            )
            self._monitor.start()
        logger.info("Started %d worker(s)", len(self._hosts))

    def stop_processes(self) -> None:
        """Stop every worker: SIGTERM, up to 5 s to finish running tasks, then kill."""
        self._stopping.set()
        if self._monitor is not None:
            self._monitor.join()
            self._monitor = None
        with self._lock:
            self._stop_hosts()
            self._started = False
        logger.info("Stopped worker processes")

    def _stop_hosts(self) -> None:
        for host in self._hosts:
            host.request_stop()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for host in self._hosts:
            host.wait(max(0.0, deadline - time.monotonic()))
        for host in self._hosts:
            if host.is_alive():
                host.kill()

    def join_processes(self) -> None:
        """Block until every worker process has exited."""
        for host in self._hosts:
            host.wait(None)
        logger.info("Joined all worker processes")

    def get_worker_process_status(self) -> list[dict[str, Any]]:
        return [
            {**host.status(), "restart_count": count}
            for host, count in zip(self._hosts, self._restart_counts, strict=True)
        ]

    def is_healthy(self) -> bool:
        return all(host.is_alive() for host in self._hosts)

    def _monitor_loop(self) -> None:
        next_restart = [0.0] * len(self._hosts)
        while not self._stopping.wait(self.monitor_interval_seconds):
            for index, host in enumerate(self._hosts):
                if host.is_alive() or not self.restart_on_failure:
                    continue
                if self.restart_max_attempts and self._restart_counts[index] >= self.restart_max_attempts:
                    continue
                now = time.monotonic()
                if now < next_restart[index]:
                    continue
                with self._lock:
                    if self._stopping.is_set():
                        return
                    self._restart_counts[index] += 1
                    attempt = self._restart_counts[index]
                    logger.warning("Worker %s died; restarting it (restart #%d)", host.name, attempt)
                    host.start()
                backoff = self.restart_backoff_seconds * 2 ** (attempt - 1)
                next_restart[index] = now + min(backoff, self.restart_backoff_max_seconds)
