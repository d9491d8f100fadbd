"""Health, version and small admin endpoints."""

from __future__ import annotations

import asyncio
from typing import Any

from litestar import Response, Router, get, post
from litestar.datastructures import State

from conductor.server.api.deps import Int64Param, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.api.responses import empty, text
from conductor.server.domain.errors import BadRequest, NotFound
from conductor.server.domain.execution import Task
from conductor.server.domain.status import TaskResultStatus
from conductor.server.metrics import CONTENT_TYPE, queue_depth_by_task_type
from conductor.server.services.health import storage_problem

HEALTHY = {"healthResults": [], "suppressedHealthResults": [], "healthy": True}


async def _health(state: State) -> Response[dict[str, Any]]:
    problem = await storage_problem(services(state).workflows.db)
    if problem is None:
        return Response(content=HEALTHY)
    body = {
        "healthResults": [{"name": "database", "healthy": False, "details": {"error": problem}}],
        "suppressedHealthResults": [],
        "healthy": False,
    }
    return Response(content=body, status_code=503)


@get("/health", include_in_schema=False)
async def health(state: State) -> Response[dict[str, Any]]:
    """Liveness and readiness: 200 once the database answers, 503 otherwise."""
    return await _health(state)


@get("/api/health")
async def api_health(state: State) -> Response[dict[str, Any]]:
    """The health check under /api: 200 once the database answers, 503 otherwise."""
    return await _health(state)


@get("/api/version", include_in_schema=False)
async def version(state: State) -> Response[str]:
    """The server's version."""
    return text(services(state).version)


@get("/api/admin/task/{tasktype:str}")
async def pending_tasks(
    state: State, tasktype: str, start: Int64Param = 0, count: Int64Param = 100
) -> list[Task]:
    """Tasks waiting in one task type's queue (admin view), paginated by start and count."""
    return await services(state).tasks.pending_of_type(tasktype, start, count)


@get("/api/admin/config")
async def admin_config(state: State) -> dict[str, Any]:
    """The server's configuration as Conductor's admin API reports it."""
    svc = services(state)
    return {"version": svc.version, "db": svc.workflows.db.dialect.name}


@get("/actuator/health", include_in_schema=False)
async def actuator_health(state: State) -> Response[dict[str, Any]]:
    """Spring Boot style health document."""
    problem = await storage_problem(services(state).workflows.db)
    if problem is None:
        return Response(content={"status": "UP"})
    return Response(content={"status": "DOWN", "details": {"database": problem}}, status_code=503)


@get(["/actuator/prometheus", "/metrics"], include_in_schema=False)
async def prometheus(state: State) -> Response[bytes]:
    """Prometheus metrics in the text exposition format."""
    svc = services(state)
    # Gauges are read from the database now, not counted in memory: with several servers on
    # one database each one reports the shared truth, and a restart loses nothing.
    depth = queue_depth_by_task_type(await svc.tasks.all_queue_sizes())
    running = await svc.workflows.running_counts()
    # Label bounding runs here, on the loop; the formatting (the costly part) on a thread.
    gauges = svc.metrics.gauges(depth, running)
    body = await asyncio.to_thread(svc.metrics.exposition, gauges)
    # The header given whole: Litestar would append a second charset to a text/ media type.
    return Response(
        content=body,
        media_type=CONTENT_TYPE,
        headers={"content-type": CONTENT_TYPE},
    )


@get("/actuator/info", include_in_schema=False)
async def actuator_info(state: State) -> dict[str, Any]:
    """Spring Boot style build information."""
    return {"app": {"name": "pyconductor", "version": services(state).version}}


@post("/api/admin/sweep/requeue/{workflow_id:str}", status_code=200)
async def sweep_requeue(state: State, workflow_id: str) -> Response[str]:
    """Decide a workflow again now (Conductor's sweeper requeue)."""
    await services(state).workflows.decide(workflow_id)
    return text(f"true.{workflow_id}")


@post("/api/admin/consistency/verifyAndRepair/{workflow_id:str}", status_code=200)
async def verify_and_repair(state: State, workflow_id: str) -> Response[str]:
    """Conductor's consistency repair: here, the workflow is decided again now."""
    await services(state).workflows.decide(workflow_id)
    return text("true")


@get("/api/admin/queues")
async def admin_queues(state: State) -> dict[str, int]:
    """Every queue with its size (admin view)."""
    return await services(state).tasks.all_queue_sizes()


@get("/api/environment")
async def environment() -> list[dict[str, str]]:
    """Environment variables visible to workflows: always empty on this server."""
    # The server's environment is never exposed (it holds database credentials).
    return []


@get("/api/environment/{key:str}")
async def environment_value(key: str) -> None:
    """One environment variable visible to workflows: none exist on this server (404)."""
    raise NotFound(f"Environment variable {key} not found")


@get("/api/secrets")
async def secrets() -> list[str]:
    """Secrets visible to workflows: always empty on this server."""
    return []


@post("/api/queue/update/{workflow_id:str}/{task_ref:str}/{status:str}", status_code=200)
async def queue_update(
    state: State, workflow_id: str, task_ref: str, status: str, data: dict[str, Any]
) -> Response[bytes]:
    """The default event queue: completes a pending (WAIT) task by reference name."""
    try:
        result = TaskResultStatus(status)
    except ValueError as exc:
        raise BadRequest(f"Invalid task status: {status}") from exc
    await services(state).tasks.update_by_ref(workflow_id, task_ref, result, data, None)
    return empty()


@get("/api/queue/size")
async def queue_size() -> dict[str, int]:
    """Sizes of the event queues: empty (the built-in conductor bus keeps no queue)."""
    return {}


@get("/api/queue/")
async def queue_urls() -> dict[str, str]:
    """The event queues' URLs: empty (only the in-process conductor bus exists)."""
    return {}


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/",
        route_handlers=[
            health,
            api_health,
            version,
            pending_tasks,
            admin_config,
            actuator_health,
            prometheus,
            actuator_info,
            sweep_requeue,
            verify_and_repair,
            admin_queues,
            environment,
            environment_value,
            secrets,
            queue_update,
            queue_size,
            queue_urls,
        ],
    )
)
