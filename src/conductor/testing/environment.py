"""`WorkflowTestEnvironment`: a real server in the test process, on a clock the test moves.

    with WorkflowTestEnvironment() as env:
        env.mock_task("charge", output={"charged": True})
        run = env.execute_workflow(definition, {"order": 7})
        assert run.status == "COMPLETED"

What it starts: `server.ServerThread` (uvicorn on a thread, in-memory SQLite, a free port on
127.0.0.1) whose every timer reads a `FakeClock` starting at `start` (default 2025-01-01 UTC).
The clock never moves by itself: `sleep` / `advance_to` move it one timer at a time
(`time_skipping.TimeSkipper`), `execute_workflow` / `wait_for_workflow` jump to the next timer
whenever nothing can run, and `auto_skip = True` does that in the background. Workers run as
threads (`run_workers`, `task_handler`, `mock_task`). `close` (or leaving the `with`) stops
workers, the server and every thread it started; nothing is written to disk.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models.start_workflow_request import StartWorkflowRequest
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow import Workflow
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.metadata_client import MetadataClient
from conductor.client.orkes_clients import OrkesClients
from conductor.client.task_client import TaskClient
from conductor.client.worker.worker_interface import WorkerInterface
from conductor.client.workflow_client import WorkflowClient
from conductor.server.clock import FakeClock
from conductor.server.config import Settings
from conductor.testing.server import ServerThread
from conductor.testing.time_skipping import NotIdle, TimeSkipper
from conductor.testing.workers import InProcessTaskHandler, Outcome, TaskMock, served_by

__all__ = ["DEFAULT_START", "WorkflowStuck", "WorkflowTestEnvironment"]

DEFAULT_START = datetime(2025, 1, 1, tzinfo=UTC)
TERMINAL = frozenset({"COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED"})
# How far `execute_workflow` may skip before it calls a workflow stuck.
DEFAULT_MAX_SKIP = timedelta(days=366)

WorkflowLike = WorkflowDef | Mapping[str, Any] | Any  # or a DSL ConductorWorkflow


class WorkflowStuck(AssertionError):
    """The workflow can make no progress: nothing can run and no timer is left to skip to."""


class WorkflowTestEnvironment:
    """See the module docstring. `timeout` bounds, in real seconds, every wait of the
    environment (idle, a workflow's end); `settings` replaces the server's (its `db_url` is
    always an in-memory database)."""

    def __init__(
        self,
        *,
        start: datetime | None = None,
        auto_skip: bool = False,
        settings: Settings | None = None,
        timeout: float = 30.0,
    ) -> None:
        start = start or DEFAULT_START
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        self.clock = FakeClock(int(start.timestamp() * 1000))
        base = dataclasses.replace(settings or Settings(), db_url="sqlite:///:memory:")
        self.timeout = timeout
        self._server = ServerThread(base, self.clock)
        self._handlers: list[InProcessTaskHandler] = []
        self._skipper = TimeSkipper(self._server, self.clock, lambda: served_by(list(self._handlers)))
        self._auto_skip = auto_skip
        self._auto_thread: threading.Thread | None = None
        self._auto_stop = threading.Event()
        self._http: httpx.Client | None = None
        self._configuration: Configuration | None = None
        self._clients: OrkesClients | None = None
        self._started = False

    # ---- lifecycle ------------------------------------------------------------------------

    def start(self) -> WorkflowTestEnvironment:
        if self._started:
            return self
        self._server.start()
        self._started = True
        # Its own connection pool, closed with the environment (the SDK's shared one would
        # keep connections to a server that is gone).
        self._http = httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0))
        configuration = Configuration(server_api_url=self._server.api_url)
        configuration.authentication_settings = None  # the test server has no auth
        configuration.http_connection = self._http
        self._configuration = configuration
        self._clients = OrkesClients(configuration)
        if self._auto_skip:
            self._start_auto_skip()
        return self

    def close(self) -> None:
        if not self._started:
            return
        self._started = False
        self._stop_auto_skip()
        handlers, self._handlers = self._handlers, []
        for handler in handlers:
            handler.request_stop()
        self._server.end_long_polls()  # pollers in flight answer now
        for handler in handlers:
            handler.stop_processes()
        self._server.stop()
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> WorkflowTestEnvironment:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- what tests use -------------------------------------------------------------------

    @property
    def configuration(self) -> Configuration:
        """SDK configuration pointing at the test server (give it to clients and handlers)."""
        if self._configuration is None:
            raise RuntimeError("the test environment is not started (use `with WorkflowTestEnvironment()`)")
        return self._configuration

    @property
    def api_url(self) -> str:
        return self._server.api_url

    @property
    def clients(self) -> OrkesClients:
        if self._clients is None:
            raise RuntimeError("the test environment is not started")
        return self._clients

    @property
    def workflow_client(self) -> WorkflowClient:
        return self.clients.get_workflow_client()

    @property
    def metadata_client(self) -> MetadataClient:
        return self.clients.get_metadata_client()

    @property
    def task_client(self) -> TaskClient:
        return self.clients.get_task_client()

    # ---- time -----------------------------------------------------------------------------

    def now(self) -> datetime:
        """The server's current time (UTC)."""
        return datetime.fromtimestamp(self.clock.now_ms() / 1000, tz=UTC)

    def now_ms(self) -> int:
        return self.clock.now_ms()

    def sleep(self, duration: timedelta | float) -> None:
        """Let `duration` (a timedelta or seconds) pass on the server: every timer due in it
        fires, in order, each once whatever it made runnable has finished."""
        seconds = duration.total_seconds() if isinstance(duration, timedelta) else float(duration)
        self.advance_to_ms(self.clock.now_ms() + int(seconds * 1000))

    def advance_to(self, when: datetime) -> None:
        """Like `sleep`, up to an instant (a naive datetime is UTC); never goes back."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        self.advance_to_ms(int(when.timestamp() * 1000))

    def advance_to_ms(self, at_ms: int) -> None:
        self._skipper.advance_to(at_ms, self.timeout)

    def wait_until_idle(self, timeout: float | None = None) -> None:
        """Wait (real time) until nothing can run without time passing."""
        self._skipper.wait_idle(self.timeout if timeout is None else timeout)

    @property
    def auto_skip(self) -> bool:
        """When true, a background thread jumps to the next timer whenever nothing can run."""
        return self._auto_skip

    @auto_skip.setter
    def auto_skip(self, value: bool) -> None:
        self._auto_skip = value
        if not self._started:
            return
        if value:
            self._start_auto_skip()
        else:
            self._stop_auto_skip()

    def _start_auto_skip(self) -> None:
        if self._auto_thread is not None:
            return
        self._auto_stop.clear()
        self._auto_thread = threading.Thread(
            target=self._auto_skip_loop, name="conductor-test-auto-skip", daemon=True
        )
        self._auto_thread.start()

    def _stop_auto_skip(self) -> None:
        self._auto_stop.set()
        if self._auto_thread is not None:
            self._auto_thread.join()
            self._auto_thread = None

    def _auto_skip_loop(self) -> None:
        while not self._auto_stop.is_set():
            try:
                snap = self._skipper.skip_to_next_timer(timeout=1.0)
            except NotIdle:
                continue
            except Exception:  # the server is stopping
                if self._auto_stop.wait(0.05):
                    return
                continue
            if snap.next_timer_ms is None:
                self._auto_stop.wait(0.01)

    # ---- workers --------------------------------------------------------------------------

    def task_handler(
        self,
        workers: list[WorkerInterface] | WorkerInterface | None = None,
        *,
        scan_for_annotated_workers: bool = False,
        import_modules: list[str] | None = None,
    ) -> InProcessTaskHandler:
        """A `TaskHandler` look-alike (not started) running `workers` as threads here."""
        handler = InProcessTaskHandler(
            workers,
            self.configuration,
            scan_for_annotated_workers=scan_for_annotated_workers,
            import_modules=import_modules,
        )
        self._handlers.append(handler)
        return handler

    def run_workers(
        self, workers: list[WorkerInterface] | WorkerInterface, *, scan_for_annotated_workers: bool = False
    ) -> InProcessTaskHandler:
        """Start `workers` (threads) against this server; they stop with the environment, or
        earlier with the returned handler's `stop_processes()` (or its `with`)."""
        handler = self.task_handler(workers, scan_for_annotated_workers=scan_for_annotated_workers)
        handler.start_processes()
        return handler

    def mock_task(
        self,
        task_type: str,
        outcome: Outcome | Callable[[dict[str, Any]], Outcome] | list[Outcome] | None = None,
        *,
        output: Mapping[str, Any] | None = None,
        domain: str | None = None,
    ) -> TaskMock:
        """Complete tasks of `task_type` without a worker: `output=` a fixed output, or
        `outcome` = a function of the task input, or a list of outcomes (one per attempt, the
        last repeats). See `conductor.testing.workers` for what an outcome can be."""
        if output is not None:
            if outcome is not None:
                raise ValueError("give either an outcome or output=, not both")
            outcome = dict(output)
        mock = TaskMock(task_type, outcome, domain=domain)
        self.run_workers(mock)
        return mock

    # ---- workflows ------------------------------------------------------------------------

    def register_workflow(self, workflow: WorkflowLike) -> WorkflowDef:
        """Register (overwrite) a definition: a `WorkflowDef`, its JSON as a dict, or a DSL
        `ConductorWorkflow`."""
        definition = _as_workflow_def(workflow)
        self.metadata_client.register_workflow_def(definition, overwrite=True)
        return definition

    def register_task_defs(self, *task_defs: TaskDef | Mapping[str, Any]) -> None:
        for task_def in task_defs:
            model = task_def if isinstance(task_def, TaskDef) else TaskDef.from_dict(task_def)
            self.metadata_client.register_task_def(model)

    def start_workflow(
        self,
        workflow: str | WorkflowLike,
        input: Mapping[str, Any] | None = None,
        *,
        version: int | None = None,
        correlation_id: str | None = None,
    ) -> str:
        """Start a workflow by name, or register the given definition and start it; its id."""
        if not isinstance(workflow, str):
            definition = self.register_workflow(workflow)
            workflow, version = definition.name or "", definition.version
        request = StartWorkflowRequest(
            name=workflow, version=version, input=dict(input or {}), correlation_id=correlation_id
        )
        return self.workflow_client.start_workflow(request)

    def get_workflow(self, workflow_id: str) -> Workflow:
        return self.workflow_client.get_workflow(workflow_id, include_tasks=True)

    def wait_for_workflow(
        self,
        workflow_id: str,
        *,
        skip_time: bool = True,
        timeout: float | None = None,
        max_skip: timedelta = DEFAULT_MAX_SKIP,
    ) -> Workflow:
        """Wait until the workflow ends and return it. With `skip_time` (the default) the clock
        jumps to the next timer whenever nothing can run; `WorkflowStuck` when nothing can run
        and no timer is left within `max_skip`. `timeout` is real seconds."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        horizon = self.clock.now_ms() + int(max_skip.total_seconds() * 1000)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(
                    f"workflow {workflow_id} did not end within {timeout} s (real time): "
                    f"{self._describe(self.get_workflow(workflow_id))}"
                )
            if not skip_time:
                run = self.get_workflow(workflow_id)
                if run.status in TERMINAL:
                    return run
                time.sleep(0.005)  # a poll with a deadline (above), not a fixed wait
                continue
            with self._skipper.lock:
                snap = self._skipper.wait_idle(remaining)
                run = self.get_workflow(workflow_id)
                if run.status in TERMINAL:
                    return run
                nxt = snap.next_timer_ms
                if nxt is None or nxt > horizon:
                    within = "" if nxt is None else f" within {max_skip}"
                    raise WorkflowStuck(
                        f"workflow {workflow_id} can make no progress and has no timer left{within}: "
                        f"{self._describe(run)}"
                    )
                self._skipper.jump(snap)

    def execute_workflow(
        self,
        workflow: str | WorkflowLike,
        input: Mapping[str, Any] | None = None,
        *,
        version: int | None = None,
        correlation_id: str | None = None,
        timeout: float | None = None,
        max_skip: timedelta = DEFAULT_MAX_SKIP,
    ) -> Workflow:
        """Start a workflow (by name, or a definition to register) and run it to its end,
        skipping time whenever nothing can run; the ended workflow, with its tasks."""
        workflow_id = self.start_workflow(workflow, input, version=version, correlation_id=correlation_id)
        return self.wait_for_workflow(workflow_id, timeout=timeout, max_skip=max_skip)

    def _describe(self, run: Workflow) -> str:
        served = {t for t, _ in served_by(self._handlers)}
        pending = [t for t in run.tasks or [] if t.status in ("SCHEDULED", "IN_PROGRESS")]
        parts = [f"status {run.status}"]
        for task in pending:
            note = ""
            if (
                task.status == "SCHEDULED"
                and task.task_def_name not in served
                and task.task_type not in _SYSTEM
            ):
                note = f" (no worker or mock polls {task.task_def_name!r} in this environment)"
            parts.append(f"{task.reference_task_name} [{task.task_type}] {task.status}{note}")
        return "; ".join(parts)


_SYSTEM = frozenset({"HTTP", "KAFKA_PUBLISH"})


def _as_workflow_def(workflow: WorkflowLike) -> WorkflowDef:
    if isinstance(workflow, WorkflowDef):
        return workflow
    if isinstance(workflow, Mapping):
        return WorkflowDef.from_dict(workflow)
    to_def = getattr(workflow, "to_workflow_def", None)
    if callable(to_def):
        definition = to_def()
        if isinstance(definition, WorkflowDef):
            return definition
    raise TypeError(f"not a workflow definition: {type(workflow).__name__}")
