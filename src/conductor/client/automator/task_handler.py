"""``TaskHandler``: runs every worker in its own OS process and stops them.

Processes are started with the ``spawn`` method, chosen on a multiprocessing context object
(the process-wide default is left alone). Each worker object is pickled into its process,
where its function is re-imported by module and name, and a :class:`TaskRunner` runs it.

A worker process reports back through a pipe: "started" once its entry point runs, "ready"
once its worker is unpickled (its module imported) and its runner built, or the exception
that killed it. ``start_processes()`` waits (up to ``START_REPORT_SECONDS``) for every
process to be ready or dead, so a worker that cannot start is logged with its cause at once,
not discovered later as a silent exit; when every worker died at start it raises
``RuntimeError``. A process that died before it was ready is not restarted (it would die the
same way). ``join_processes()`` returns once the workers were stopped and raises
``RuntimeError`` when every worker has died and none will be restarted, instead of waiting
forever.

``stop_processes()`` sends SIGTERM to every worker process (a worker finishes and reports
the tasks it is executing, then exits), waits up to 5 seconds in total, and kills what is
left. It is safe right after ``start_processes()`` and more than once. A worker process
whose parent dies (even by SIGKILL) stops the same way by itself: see ``_watch_parent``.

With ``CONDUCTOR_WORKER_ISOLATION=thread`` the runners are threads of the calling process
instead (handy for debugging; workers then share the GIL).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import importlib
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
import weakref
from multiprocessing import connection as mp_connection
from multiprocessing import process as mp_process
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from types import FrameType, TracebackType
from typing import Any, Protocol

from conductor.client.automator import worker_isolation
from conductor.client.automator.async_task_runner import AsyncTaskRunner, is_async_worker
from conductor.client.automator.task_runner import TaskRunner
from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.metrics_settings import MetricsSettings, warn_metrics_unsupported
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
# How long start_processes() waits for worker processes to import their worker. A slower
# start is not an error: the process is then watched by the monitor and join_processes().
START_REPORT_SECONDS = 15.0
# How often a worker process checks that its parent is still there (the portable fallback
# to PR_SET_PDEATHSIG, and the only check for processes started from a short-lived thread).
PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

_MAIN_GUARD_HINT = (
    "With the spawn start method every worker process imports the main script again; "
    "create and start the TaskHandler under `if __name__ == '__main__':`"
)


class _Terminated(BaseException):
    """Raised by the SIGTERM handler inside a worker process to leave ``TaskRunner.run``.

    A ``BaseException``: the signal can land anywhere, and an ``except Exception`` there
    (logging's ``emit`` is one) would swallow the stop and leave the process running.
    """


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Only the first SIGTERM interrupts: a second one (PR_SET_PDEATHSIG and the parent watch
    # both fire when the parent dies) must not cut the graceful stop short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Terminated


def _watch_parent(parent_pid: int, use_pdeathsig: bool) -> None:
    """Make this worker process stop (SIGTERM, handled as a normal stop) when its parent dies.

    Without it, a parent killed by SIGKILL (or the OOM killer) leaves its workers polling
    forever, taking tasks nobody supervises. On Linux the kernel signals us at once
    (PR_SET_PDEATHSIG); that fires when the *thread* that started us exits, so the parent
    only asks for it from threads that live as long as the handler. A thread checking
    ``os.getppid()`` covers every other case and platform.
    """
    if use_pdeathsig and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)

    def check() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        logger.warning("Parent process %d is gone; stopping worker process %d", parent_pid, os.getpid())
        os.kill(os.getpid(), signal.SIGTERM)

    # The parent may already have died before prctl took effect: check() then stops us at once.
    threading.Thread(target=check, name="conductor-parent-watch", daemon=True).start()


def _send(report: Connection, message: tuple[str, ...]) -> bool:
    # The parent may be gone or have closed its end; reporting is best effort.
    try:
        report.send(message)
    except (OSError, ValueError):
        return False
    return True


def _run_worker_process(payload: bytes, report: Connection, parent_pid: int, use_pdeathsig: bool) -> None:
    """Worker process entry point (must stay a module-level function for ``spawn``).

    ``payload`` is the pickled ``(worker, configuration, metrics_settings, event_listeners)``: unpickling it
    here, not in multiprocessing's bootstrap, lets an import error of the worker's module be
    reported to the parent instead of only printed.
    """
    # Ctrl-C reaches the whole process group; the parent decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        _send(report, ("started",))
        _watch_parent(parent_pid, use_pdeathsig)
        worker, configuration, metrics_settings, event_listeners = pickle.loads(payload)
        configuration = configuration if configuration is not None else Configuration()
        configuration.apply_logging_config()
        if is_async_worker(worker):
            async_runner = AsyncTaskRunner(worker, configuration, metrics_settings, event_listeners)
            _send(report, ("ready",))
            asyncio.run(_serve_async(async_runner))
        else:
            runner = TaskRunner(worker, configuration, metrics_settings, event_listeners)
            _send(report, ("ready",))
            runner.run()
    except _Terminated:  # SIGTERM: a normal stop, at any point
        return
    except SystemExit:  # its code says what happened
        raise
    except BaseException as exc:
        if _send(report, ("error", _describe(exc), traceback.format_exc())):
            # The parent logs it with its traceback; multiprocessing printing it too would
            # show every failure twice.
            sys.exit(1)
        raise


async def _serve_async(runner: AsyncTaskRunner) -> None:
    """Run an async worker in this process's main thread until SIGTERM.

    Here SIGTERM is handled by the loop (a graceful ``request_stop()``: running tasks get the
    runner's grace period) instead of ``_on_sigterm``'s exception, which would land at a random
    point of the loop. Repeated SIGTERMs (PR_SET_PDEATHSIG and the parent watch both send one)
    only repeat the idempotent request.
    """
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, runner.request_stop)
    try:
        await runner.run()
    finally:
        # Closing the loop would restore SIGTERM's default action (death by signal, a non-zero
        # exit code) while the process is exiting normally: ignore it instead.
        loop.remove_signal_handler(signal.SIGTERM)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _in_spawn_bootstrap() -> bool:
    """True while this process is a spawned child importing the parent's main module."""
    return mp_process.parent_process() is not None and bool(
        getattr(mp_process.current_process(), "_inheriting", False)
    )


# Handlers with started worker processes, for _stop_after_interrupt.
_started_handlers: weakref.WeakSet[TaskHandler] = weakref.WeakSet()
_atexit_lock = threading.Lock()
_atexit_registered = False


def _stop_after_interrupt() -> None:
    """At interpreter exit after an uncaught Ctrl-C, stop the worker processes.

    They ignore SIGINT (the parent decides when they stop), and multiprocessing's own exit
    handler waits for them: a Ctrl-C that lands outside ``join_processes()`` (say, between
    ``start_processes()`` and ``join_processes()``) would otherwise leave the script hanging.
    Registered after multiprocessing's handler, so it runs first.
    """
    if isinstance(getattr(sys, "last_value", None), KeyboardInterrupt):
        for handler in list(_started_handlers):
            handler.stop_processes()


def _register_atexit() -> None:
    global _atexit_registered
    with _atexit_lock:
        if not _atexit_registered:
            atexit.register(_stop_after_interrupt)
            _atexit_registered = True


class _WorkerHost(Protocol):
    """Where one runner lives: a process or a thread."""

    name: str

    def start(self, use_pdeathsig: bool = False) -> None: ...
    def request_stop(self) -> None: ...
    def wait(self, timeout: float | None) -> None: ...
    def kill(self) -> None: ...
    def is_alive(self) -> bool: ...
    def status(self) -> dict[str, Any]: ...
    def check(self) -> None: ...
    @property
    def ready(self) -> bool: ...
    @property
    def failed_at_start(self) -> bool: ...
    @property
    def exit_description(self) -> str | None: ...
    def waitables(self) -> list[Any]: ...


class _ProcessHost:
    def __init__(
        self,
        worker: WorkerInterface,
        configuration: Configuration | None,
        metrics: MetricsSettings | None,
        event_listeners: list[Any],
    ):
        self.name = worker.get_task_definition_name()
        self._objects = (worker, configuration, metrics, event_listeners)
        self.process = self._new_process((b"", None, 0, False))
        self._reports: Connection | None = None
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._started = False  # the entry point ran (the main module was imported)
        self._ready = False
        self._error: tuple[str, str] | None = None  # (one line, traceback) sent by the child
        self._stop_requested = False
        self._exit_logged = False

    def _new_process(self, args: tuple[Any, ...]) -> SpawnProcess:
        return multiprocessing.get_context("spawn").Process(
            target=_run_worker_process, args=args, name=f"conductor-worker-{self.name}"
        )

    def start(self, use_pdeathsig: bool = False) -> None:
        # Pickled here so that an unpicklable worker fails in the caller, as before.
        payload = pickle.dumps(self._objects)
        reader, writer = multiprocessing.get_context("spawn").Pipe(duplex=False)
        with self._lock:
            self._close_reports()
            self._reset()
            self._reports = reader
            # A new Process object every time: they start only once.
            self.process = self._new_process((payload, writer, os.getpid(), use_pdeathsig))
            try:
                self.process.start()
            finally:
                # Only the child's copy stays open, so its death reads as EOF here.
                writer.close()

    def _close_reports(self) -> None:
        if self._reports is not None:
            self._reports.close()
            self._reports = None

    def check(self) -> None:
        """Read what the process reported; log its exit (once) with the cause."""
        with self._lock:
            self._read_reports()
            if self.process.pid is None or self.process.exitcode is None or self._exit_logged:
                return
            self._read_reports()  # what it sent just before exiting
            self._exit_logged = True
            if self._stop_requested:
                return
            description = self._describe_exit()
            if not self._ready:
                logger.error(
                    "Worker process %s (pid %s) died at start with %s; it will not be restarted",
                    self.name,
                    self.process.pid,
                    description,
                )
                if self._error is not None:
                    logger.error("Worker process %s failed with:\n%s", self.name, self._error[1].rstrip())
            else:
                logger.warning(
                    "Worker process %s (pid %s) exited with %s", self.name, self.process.pid, description
                )

    def _read_reports(self) -> None:
        if self._reports is None:
            return
        try:
            while self._reports.poll():
                message = self._reports.recv()
                if message[0] == "started":
                    self._started = True
                elif message[0] == "ready":
                    self._ready = True
                elif message[0] == "error":
                    self._error = (message[1], message[2])
        except (EOFError, OSError):  # the child exited and its end of the pipe closed
            self._close_reports()

    def _describe_exit(self) -> str:
        code = self.process.exitcode
        text = f"exit code {code}"
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                text += f" (killed by {signal.Signals(-code).name})"
        if self._error is not None:
            return f"{text}: {self._error[0]}"
        if not self._started and code == 1:
            # It died before our entry point ran: while importing the main script again.
            return f"{text} while importing the main module (its traceback is on stderr). {_MAIN_GUARD_HINT}"
        return text

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def failed_at_start(self) -> bool:
        return self.process.exitcode is not None and not self._ready and not self._stop_requested

    @property
    def exit_description(self) -> str | None:
        return self._describe_exit() if self.process.exitcode is not None else None

    def waitables(self) -> list[Any]:
        if self.process.pid is None or self.process.exitcode is not None:
            return []
        reports = [self._reports] if self._reports is not None else []
        return [self.process.sentinel, *reports]

    def request_stop(self) -> None:
        self._stop_requested = True
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
        self,
        worker: WorkerInterface,
        configuration: Configuration | None,
        metrics: MetricsSettings | None,
        event_listeners: list[Any],
    ):
        self.name = worker.get_task_definition_name()
        self._worker, self._configuration, self._metrics = worker, configuration, metrics
        self._listeners = event_listeners
        self._runner: TaskRunner | AsyncTaskRunner | None = None
        self._thread: threading.Thread | None = None

    def start(self, use_pdeathsig: bool = False) -> None:
        # A runner that cannot be built raises here, in the caller: nothing to report later.
        if is_async_worker(self._worker):
            async_runner = AsyncTaskRunner(self._worker, self._configuration, self._metrics, self._listeners)
            self._runner = async_runner

            def target() -> None:
                asyncio.run(async_runner.run())

        else:
            self._runner = runner = TaskRunner(
                self._worker, self._configuration, self._metrics, self._listeners
            )
            target = runner.run
        self._thread = threading.Thread(target=target, name=f"conductor-worker-{self.name}", daemon=True)
        self._thread.start()

    def request_stop(self) -> None:
        if isinstance(self._runner, AsyncTaskRunner):
            self._runner.request_stop()
        elif self._runner is not None:
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

    def check(self) -> None:
        pass

    @property
    def ready(self) -> bool:
        return self._thread is not None

    @property
    def failed_at_start(self) -> bool:
        return False

    @property
    def exit_description(self) -> str | None:
        return None if self.is_alive() else "thread ended"

    def waitables(self) -> list[Any]:
        return []


class TaskHandler:
    """Starts, supervises and stops the worker processes.

    ``workers`` are run as given; with ``scan_for_annotated_workers`` every ``@worker_task``
    function (after importing ``import_modules``) is added. With ``monitor_processes`` a
    thread restarts a worker process that died, waiting ``restart_backoff_seconds`` doubled
    per restart up to ``restart_backoff_max_seconds`` (``restart_max_attempts`` 0 = no limit).
    A process that died at start is not restarted. ``event_listeners`` receive every worker's
    task-runner events (in the worker's process: they must be picklable);
    ``metrics_settings`` is logged as not supported, once per process.
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
        if metrics_settings is not None:
            warn_metrics_unsupported()
        self.event_listeners = event_listeners or []
        self.monitor_processes = monitor_processes
        self.restart_on_failure = restart_on_failure
        self.monitor_interval_seconds = monitor_interval_seconds
        self.restart_backoff_seconds = restart_backoff_seconds
        self.restart_backoff_max_seconds = restart_backoff_max_seconds
        self.restart_max_attempts = restart_max_attempts

        host_type = _ThreadHost if worker_isolation.uses_threads() else _ProcessHost
        self._hosts: list[_WorkerHost] = [
            host_type(w, configuration, metrics_settings, self.event_listeners) for w in self.workers
        ]
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
        """Start one process per worker (and the restart monitor).

        Waits until every process has imported its worker (or died: logged with the cause);
        raises ``RuntimeError`` when every worker died at start.
        """
        if _in_spawn_bootstrap():
            # This is a worker process importing the main script again: starting workers
            # from here would fail deep inside multiprocessing with a less useful message.
            raise RuntimeError(f"TaskHandler.start_processes() ran in a worker process. {_MAIN_GUARD_HINT}.")
        multiprocessing.freeze_support()
        with self._lock:
            if self._started:
                return
            self._stopping.clear()
            # PR_SET_PDEATHSIG follows the starting thread: only ask for it from one that
            # lives as long as the handler (see _watch_parent).
            from_main_thread = threading.current_thread() is threading.main_thread()
            try:
                for host in self._hosts:
                    host.start(use_pdeathsig=from_main_thread)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                logger.error(
                    "Could not start the worker processes: %s. Worker functions must be importable "
                    "module-level functions, and workers and configuration must be picklable.",
                    exc,
                )
                self._stop_hosts()
                raise
            self._started = True
        _started_handlers.add(self)
        _register_atexit()
        self._await_start()
        if self._hosts and all(host.failed_at_start for host in self._hosts):
            message = f"Every worker process died at start: {self._describe_exits()}"
            self.stop_processes()
            raise RuntimeError(message)
        if self.monitor_processes and self._hosts:
            self._monitor = threading.Thread(
                target=self._monitor_loop, name="conductor-worker-monitor", daemon=True
            )
            self._monitor.start()
        logger.info("Started %d worker(s)", len(self._hosts))

    def _await_start(self) -> None:
        deadline = time.monotonic() + START_REPORT_SECONDS
        while True:
            # Liveness first, then the reports: a process seen dead has sent all it will send.
            pending = [h for h in self._hosts if not h.ready and h.is_alive()]
            for host in self._hosts:
                host.check()
            pending = [h for h in pending if not h.ready]
            remaining = deadline - time.monotonic()
            if not pending:
                return
            if remaining <= 0:
                logger.info(
                    "Worker process(es) %s still starting after %.0f s",
                    [h.name for h in pending],
                    START_REPORT_SECONDS,
                )
                return
            waitables = [w for h in pending for w in h.waitables()]
            if waitables:  # none: they all just exited, the next round logs them
                mp_connection.wait(waitables, timeout=min(remaining, 1.0))

    def _describe_exits(self) -> str:
        return "; ".join(f"{host.name}: {host.exit_description}" for host in self._hosts)

    def stop_processes(self) -> None:
        """Stop every worker: SIGTERM, up to 5 s to finish running tasks, then kill."""
        self._stopping.set()
        _started_handlers.discard(self)
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
        """Block until every worker process has exited.

        Returns once the workers were stopped (``stop_processes()`` from another thread or a
        signal handler). Raises ``RuntimeError`` naming each worker and its exit when every
        worker has died and none will be restarted, rather than blocking for ever.
        """
        try:
            self._join()
        except KeyboardInterrupt:
            # Worker processes ignore Ctrl-C (the parent decides when they stop): without
            # this, multiprocessing's exit handler would wait for them for ever.
            logger.info("Interrupted; stopping the worker processes")
            self.stop_processes()
            raise
        logger.info("Joined all worker processes")

    def _join(self) -> None:
        while True:
            with self._lock:
                hosts = list(self._hosts)
                alive = [h for h in hosts if h.is_alive()]
                for host in hosts:  # after is_alive(), as in _await_start
                    host.check()
                if not alive:
                    if self._stopping.is_set() or not self._started:
                        return
                    if not any(self._will_restart(index) for index in range(len(hosts))):
                        raise RuntimeError(f"Every worker process has died: {self._describe_exits()}")
                waitables = [w for h in alive for w in h.waitables()]
            # Woken by an exit or a report; the timeout picks up restarts and stop requests.
            if waitables:
                mp_connection.wait(waitables, timeout=1.0)
            elif alive:  # threads
                alive[0].wait(1.0)
            else:  # waiting for the monitor to restart someone
                self._stopping.wait(min(1.0, self.monitor_interval_seconds))

    def _will_restart(self, index: int) -> bool:
        host = self._hosts[index]
        if not (self.monitor_processes and self.restart_on_failure) or host.failed_at_start:
            return False
        return not self.restart_max_attempts or self._restart_counts[index] < self.restart_max_attempts

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
                host.check()
                if host.is_alive() or not self._will_restart(index):
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
                    # This thread lives until stop_processes(), so PR_SET_PDEATHSIG is safe.
                    host.start(use_pdeathsig=True)
                backoff = self.restart_backoff_seconds * 2 ** (attempt - 1)
                next_restart[index] = now + min(backoff, self.restart_backoff_max_seconds)
