"""The composition root: builds the database, engine, services, background loops and the app.

The only module that knows every concrete piece (backend, system tasks, web framework app).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass
from functools import partial
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any

from conductor.server.api.app import create_app
from conductor.server.api.auth import TokenAuth
from conductor.server.api.deps import Services
from conductor.server.clock import Clock, SystemClock
from conductor.server.config import Settings
from conductor.server.engine.async_tasks import AsyncTaskRunner
from conductor.server.engine.payloads import KB, PayloadLimits
from conductor.server.engine.runner import WorkflowRunner
from conductor.server.expressions.javascript import JavaScriptEngine, ScriptLimits
from conductor.server.expressions.javastring import java_to_string
from conductor.server.expressions.jq import JqEngine
from conductor.server.metrics import Metrics
from conductor.server.persistence.database import Database, open_database
from conductor.server.queue.wakeup import QueueSignals
from conductor.server.services.events import EventService
from conductor.server.services.metadata import MetadataService
from conductor.server.services.run_endings import RunEndings, record_task_metrics
from conductor.server.services.scheduler import SchedulerLoop, SchedulerService
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.http import HttpClient
from conductor.server.systasks.http_policy import AddressPolicy
from conductor.server.systasks.registry import SYSTEM_TASK_CLASSES, SystemTaskRegistry
from conductor.server.timers.sweeper import Sweeper

log = logging.getLogger("conductor.server")


def server_version() -> str:
    try:
        return package_version("pyconductor-server")
    except PackageNotFoundError:
        return "0.0.0"


@dataclass
class Components:
    settings: Settings
    db: Database
    clock: Clock
    signals: QueueSignals
    runner: WorkflowRunner
    sweeper: Sweeper
    async_tasks: AsyncTaskRunner
    services: Services
    systasks: SystemTaskRegistry
    systask_ctx: SystemTaskContext
    scheduler_loop: SchedulerLoop | None = None

    async def startup(self) -> None:
        loop = asyncio.get_running_loop()

        def wake(queue: str, count: int) -> None:
            loop.call_soon_threadsafe(self.signals.notify, queue, count)

        # On a shared database, commits by other server processes wake our long-polls too
        # (PostgreSQL LISTEN/NOTIFY; `wake` runs on the listener thread, hence the hop).
        self.db.listen(wake)
        self.sweeper.start()
        self.async_tasks.start()
        if self.scheduler_loop is not None:
            self.scheduler_loop.start()
        log.info("pyconductor %s ready (database %s)", self.services.version, _safe_url(self.db.url))

    async def shutdown(self) -> None:
        if self.scheduler_loop is not None:
            await self.scheduler_loop.stop()
        await self.sweeper.stop()
        await self.async_tasks.stop()
        self.signals.close()
        for closer in (self.systask_ctx.javascript, self.systask_ctx.jq, self.systask_ctx.http):
            close = getattr(closer, "close", None)
            if close is not None:
                result = close()
                if hasattr(result, "__await__"):
                    await result
        self.db.close()


def _safe_url(url: str) -> str:
    """Hide a password in a database URL before it is printed."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


def build(settings: Settings, clock: Clock | None = None) -> Components:
    """Everything, wired. `clock`: the time every component reads (default the system clock);
    `conductor.testing` passes a `FakeClock` it moves to skip time.

    Each object gets its collaborators in its constructor. Some of them call back up into
    objects built on top of them (the runner wakes the sweeper and runs the end-of-run rules;
    system tasks start child workflows through the workflow service, which runs on the
    runner): those cycles are closed by lambdas over names bound further down in this
    function, resolved when first called, after `build` has returned."""
    clock = clock or SystemClock()
    db = open_database(settings.db_url)
    signals = QueueSignals(track_empty=not db.shared, clock=clock)
    metrics = Metrics(max_label_values=settings.metrics_max_label_values)
    background: set[asyncio.Task[None]] = set()
    # Bound further down; the lambdas and functions below reach them only once build returned.
    runner: WorkflowRunner
    workflows: WorkflowService
    endings: RunEndings
    tasks: TaskService
    sweeper: Sweeper
    events: EventService
    scheduler_loop: SchedulerLoop

    async def decide_later(workflow_id: str) -> None:
        try:
            await runner.decide(workflow_id)
        except Exception:  # the sweeper decides it again later
            log.exception("deferred decision of workflow %s failed", workflow_id)

    def decide_soon(workflow_id: str) -> None:
        # A separate task with a fresh context: it starts with an empty stack and a zero nesting
        # count (sub_workflow.py defers deeply nested child starts to it).
        job = asyncio.get_running_loop().create_task(decide_later(workflow_id), context=contextvars.Context())
        background.add(job)
        job.add_done_callback(background.discard)

    javascript = JavaScriptEngine(
        limits=ScriptLimits(
            time_limit_seconds=settings.script_time_limit_s,
            memory_limit_bytes=settings.script_memory_limit_mb * 1024 * 1024,
            max_result_depth=settings.max_json_depth,
        )
    )
    systask_ctx = SystemTaskContext(
        clock=clock,
        javascript=javascript,
        jq=JqEngine(
            workers=2,
            time_limit_seconds=settings.jq_time_limit_s,
            memory_limit_bytes=settings.jq_memory_limit_mb * 1024 * 1024,
            # A bigger result would fail its task anyway: stop it inside the worker.
            max_output_bytes=settings.max_task_output_payload_threshold_kb * 1024,
        ),
        http=HttpClient(
            max_in_flight=settings.http_max_in_flight,
            policy=AddressPolicy.from_settings(settings),
            max_response_bytes=settings.http_max_response_kb * 1024,
            max_duration_s=settings.http_max_duration_s,
        ),
        start_workflow=lambda request, parent=None, workflow_id=None: workflows.start_child(
            request, parent, workflow_id
        ),
        get_workflow=lambda workflow_id: workflows.find(workflow_id),
        terminate_workflow=lambda workflow_id, reason: workflows.terminate_child(workflow_id, reason),
        publish_event=lambda event, payload, message_id: events.publish(event, payload, message_id),
        decide_soon=decide_soon,
        max_json_depth=settings.max_json_depth,
    )
    systasks = system_task_registry()
    runner = WorkflowRunner(
        db,
        clock,
        signals,
        systasks,
        systask_ctx,
        limits=payload_limits(settings),
        cache_bytes=settings.workflow_cache_mb * 1024 * 1024,
        on_timer=lambda at_ms: sweeper.poke(at_ms),
        last_poll=lambda task_type, domain: tasks.last_poll(task_type, domain),
        on_workflow_ended=lambda workflow, failure_path: endings.workflow_ended(workflow, failure_path),
        on_tasks_committed=partial(record_task_metrics, metrics),
    )
    metadata = MetadataService(db, clock, system_tasks=systasks)
    workflows = WorkflowService(db, clock, runner, metadata, metrics)
    endings = RunEndings(workflows, metrics)
    tasks = TaskService(db, clock, runner, signals, metrics)
    sweeper = Sweeper(db, runner, clock)
    async_tasks = AsyncTaskRunner(
        db,
        runner,
        systasks,
        systask_ctx,
        signals,
        clock,
        concurrency=settings.http_max_in_flight,
        per_workflow=settings.http_max_in_flight_per_workflow,
    )
    events = EventService(db, workflows, tasks, javascript)
    scheduler = SchedulerService(db, clock, workflows, on_next=lambda at_ms: scheduler_loop.poke(at_ms))
    scheduler_loop = SchedulerLoop(scheduler, shared=db.shared)
    services = Services(
        metadata=metadata,
        workflows=workflows,
        tasks=tasks,
        events=events,
        metrics=metrics,
        to_string=java_to_string,
        version=server_version(),
        max_json_depth=settings.max_json_depth,
        scheduler=scheduler,
    )
    return Components(
        settings,
        db,
        clock,
        signals,
        runner,
        sweeper,
        async_tasks,
        services,
        systasks,
        systask_ctx,
        scheduler_loop,
    )


def system_task_registry() -> SystemTaskRegistry:
    """One instance of every system task class (`systasks/registry.py::SYSTEM_TASK_CLASSES`,
    the single list of them)."""
    registry = SystemTaskRegistry()
    for cls in SYSTEM_TASK_CLASSES:
        registry.register(cls())
    return registry


def payload_limits(settings: Settings) -> PayloadLimits:
    return PayloadLimits(
        task_input_warn=settings.task_input_payload_threshold_kb * KB,
        task_input_max=settings.max_task_input_payload_threshold_kb * KB,
        task_output_warn=settings.task_output_payload_threshold_kb * KB,
        task_output_max=settings.max_task_output_payload_threshold_kb * KB,
        workflow_input_warn=settings.workflow_input_payload_threshold_kb * KB,
        workflow_input_max=settings.max_workflow_input_payload_threshold_kb * KB,
        workflow_output_warn=settings.workflow_output_payload_threshold_kb * KB,
        workflow_output_max=settings.max_workflow_output_payload_threshold_kb * KB,
    )


def create_asgi_app(settings: Settings | None = None) -> Any:
    """ASGI factory used by `pyconductor server` (and usable by any ASGI server)."""
    settings = settings or Settings.from_env()
    components = build(settings)
    auth = TokenAuth.from_setting(settings.auth_keys, settings.auth_secret)
    return create_app(
        components.services,
        on_startup=[components.startup],
        on_shutdown=[components.shutdown],
        auth=auth,
        cors_origins=settings.cors_origins,
    ), components
