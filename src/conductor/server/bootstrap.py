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

from msgspec.structs import replace

from conductor.server.api.app import create_app
from conductor.server.api.auth import TokenAuth
from conductor.server.api.deps import Services
from conductor.server.clock import Clock, SystemClock
from conductor.server.config import Settings
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.engine.async_tasks import AsyncTaskRunner
from conductor.server.engine.payloads import KB, PayloadLimits, PayloadTooLarge
from conductor.server.engine.runner import WorkflowRunner
from conductor.server.expressions.javascript import JavaScriptEngine, ScriptLimits
from conductor.server.expressions.javastring import java_to_string
from conductor.server.expressions.jq import JqEngine
from conductor.server.metrics import Metrics
from conductor.server.persistence.database import Database, open_database
from conductor.server.queue.wakeup import QueueSignals
from conductor.server.services.events import EventService
from conductor.server.services.metadata import MetadataService
from conductor.server.services.scheduler import SchedulerLoop, SchedulerService
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.do_while import DoWhile
from conductor.server.systasks.event import Event
from conductor.server.systasks.http import Http, HttpClient
from conductor.server.systasks.http_policy import AddressPolicy
from conductor.server.systasks.human import Human
from conductor.server.systasks.inline import Inline
from conductor.server.systasks.join import ExclusiveJoin, Join
from conductor.server.systasks.json_jq import JsonJqTransform
from conductor.server.systasks.noop import Noop
from conductor.server.systasks.registry import SystemTaskRegistry
from conductor.server.systasks.set_variable import SetVariable
from conductor.server.systasks.sub_workflow import StartWorkflow, SubWorkflow
from conductor.server.systasks.switch import LegacyDecision, Switch
from conductor.server.systasks.terminate import Terminate
from conductor.server.systasks.wait import Wait
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
    `conductor.testing` passes a `FakeClock` it moves to skip time."""
    clock = clock or SystemClock()
    db = open_database(settings.db_url)
    signals = QueueSignals(track_empty=not db.shared, clock=clock)
    systasks = SystemTaskRegistry()
    systask_ctx = SystemTaskContext(clock=clock, max_json_depth=settings.max_json_depth)
    runner = WorkflowRunner(db, clock, signals, systasks, systask_ctx)
    runner.limits = payload_limits(settings)
    runner.cache_bytes = settings.workflow_cache_mb * 1024 * 1024
    metadata = MetadataService(db, clock, system_tasks=systasks)
    workflows = WorkflowService(db, clock, runner, metadata)
    metrics = Metrics(max_label_values=settings.metrics_max_label_values)
    workflows.metrics = metrics
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
    runner.on_timer = sweeper.poke
    runner.last_poll = tasks.last_poll
    systask_ctx.start_workflow = workflows.start_child
    systask_ctx.get_workflow = workflows.find
    systask_ctx.terminate_workflow = workflows.terminate_child
    _register_system_tasks(systasks, systask_ctx, settings)
    events = EventService(db, workflows, tasks, systask_ctx.javascript)
    scheduler = SchedulerService(db, clock, workflows)
    scheduler_loop = SchedulerLoop(scheduler, shared=db.shared)
    scheduler.on_next = scheduler_loop.poke
    systask_ctx.services["publish_event"] = events.publish
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

    background: set[asyncio.Task[None]] = set()

    async def on_ended(workflow: Workflow, failure_path: bool) -> None:
        if workflow.status is WorkflowStatus.COMPLETED:
            metrics.inc("workflow_completion", workflowName=workflow.workflow_name)
        else:
            metrics.inc("workflow_failure", workflowName=workflow.workflow_name, status=workflow.status.value)
        if workflow.start_time and workflow.end_time:
            metrics.observe(
                "workflow_execution",
                (workflow.end_time - workflow.start_time) / 1000,
                workflowName=workflow.workflow_name,
            )
        log_workflow_end(workflow)
        await _start_failure_workflow(workflows, workflow, failure_path)
        if workflow.parent_workflow_id:
            # The parent may be the caller holding its own lock (a child that ended while it
            # was being started): update it from a separate task once that lock is free.
            job = asyncio.get_running_loop().create_task(workflows.child_ended(workflow))
            background.add(job)
            job.add_done_callback(background.discard)

    runner.on_workflow_ended = on_ended
    runner.on_tasks_committed = partial(record_task_metrics, metrics)

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

    systask_ctx.services["decide_soon"] = decide_soon
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


def log_workflow_end(workflow: Workflow) -> None:
    """One INFO line per workflow that failed or timed out (terminations are an operator's or a
    TERMINATE task's doing and already visible where they were asked for)."""
    if workflow.status not in (WorkflowStatus.FAILED, WorkflowStatus.TIMED_OUT):
        return
    log.info(
        "workflow %s %s %s: %s",
        workflow.workflow_name,
        workflow.workflow_id,
        workflow.status.value,
        workflow.reason_for_incompletion,
        extra={
            "workflowName": workflow.workflow_name,
            "workflowVersion": workflow.workflow_version,
            "workflowId": workflow.workflow_id,
            "status": workflow.status.value,
            "reason": workflow.reason_for_incompletion,
            "failedTaskNames": list(workflow.failed_task_names),
        },
    )


def record_task_metrics(metrics: Metrics, workflow: Workflow, tasks: list[Task]) -> None:
    """Timeouts and durations of the tasks that one committed change ended."""
    for task in tasks:
        if not task.status.is_terminal or task.status is TaskStatus.SKIPPED:
            continue
        if task.status is TaskStatus.TIMED_OUT:
            # The decider's reason is the only place that says which timeout it was.
            response = (task.reason_for_incompletion or "").startswith("responseTimeout")
            metrics.inc("task_response_timeout" if response else "task_timeout", taskType=task.task_type)
        if task.start_time and task.end_time:
            metrics.observe(
                "task_execution",
                (task.end_time - task.start_time) / 1000,
                taskType=task.task_type,
                status=task.status.value,
            )


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


def _register_system_tasks(registry: SystemTaskRegistry, ctx: SystemTaskContext, settings: Settings) -> None:
    """System tasks are registered here, and only here (one line per task type)."""
    ctx.javascript = JavaScriptEngine(
        limits=ScriptLimits(
            time_limit_seconds=settings.script_time_limit_s,
            memory_limit_bytes=settings.script_memory_limit_mb * 1024 * 1024,
            max_result_depth=settings.max_json_depth,
        )
    )
    ctx.jq = JqEngine(
        workers=2,
        time_limit_seconds=settings.jq_time_limit_s,
        memory_limit_bytes=settings.jq_memory_limit_mb * 1024 * 1024,
        # A bigger result would fail its task anyway: stop it inside the worker.
        max_output_bytes=settings.max_task_output_payload_threshold_kb * 1024,
    )
    ctx.http = HttpClient(
        max_in_flight=settings.http_max_in_flight,
        policy=AddressPolicy.from_settings(settings),
        max_response_bytes=settings.http_max_response_kb * 1024,
        max_duration_s=settings.http_max_duration_s,
    )
    for task in (
        Wait(),
        Inline(),
        JsonJqTransform(),
        SetVariable(),
        Noop(),
        Terminate(),
        Switch(),
        LegacyDecision(),
        Join(),
        ExclusiveJoin(),
        DoWhile(),
        SubWorkflow(),
        StartWorkflow(),
        Human(),
        Http(),
        Event(),
    ):
        registry.register(task)


async def _start_failure_workflow(workflows: WorkflowService, workflow: Workflow, failure_path: bool) -> None:
    name = workflow.workflow_definition.failure_workflow
    if (
        not failure_path
        or not name
        or workflow.status
        not in (
            WorkflowStatus.FAILED,
            WorkflowStatus.TIMED_OUT,
            WorkflowStatus.TERMINATED,
        )
    ):
        return
    if name.startswith("$"):
        parts = name.split(".")
        key = parts[2] if len(parts) > 2 else ""
        name = str(workflow.input.get(key) or "")
        if not name:
            return
    failed = next((t for t in workflow.tasks if t.task_id == workflow.failed_task_id), None)
    wf_input: dict[str, Any] = dict(workflow.input)
    wf_input.update(
        {
            "workflowId": workflow.workflow_id,
            "reason": workflow.reason_for_incompletion,
            "failureStatus": workflow.status.value,
            "failedWorkflow": _to_builtins(workflow),
        }
    )
    if failed is not None:
        wf_input["failureTaskId"] = failed.task_id
    request = StartWorkflowRequest(
        name=name,
        version=workflow.workflow_definition.failure_workflow_version,
        correlation_id=workflow.correlation_id,
        input=wf_input,
        task_to_domain=dict(workflow.task_to_domain),
    )
    try:
        try:
            failure_id: Any = await workflows.start(request)
        except PayloadTooLarge:
            # The whole failed run is above the workflow input limit (there is no external
            # payload storage): the failure workflow still runs, with the run minus its data.
            wf_input["failedWorkflow"] = _to_builtins(
                replace(workflow, tasks=[], input={}, output={}, variables={})
            )
            failure_id = await workflows.start(request)
    except Exception as exc:
        log.warning("failure workflow %s of %s could not start: %s", name, workflow.workflow_id, exc)
        failure_id = f"Error starting failure workflow: {exc}"
    await workflows.record_failure_workflow(workflow.workflow_id, failure_id)


def _to_builtins(workflow: Workflow) -> Any:
    import msgspec

    return msgspec.to_builtins(workflow)


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
