"""Health, version and small admin endpoints."""

from __future__ import annotations

from typing import Any

from litestar import Response, Router, get
from litestar.datastructures import State

from conductor.server.api.deps import services
from conductor.server.api.responses import text
from conductor.server.domain.execution import Task

HEALTHY = {"healthResults": [], "suppressedHealthResults": [], "healthy": True}


@get("/health", include_in_schema=False)
async def health() -> dict[str, Any]:
    return HEALTHY


@get("/api/health")
async def api_health() -> dict[str, Any]:
    return HEALTHY


@get("/api/version", include_in_schema=False)
async def version(state: State) -> Response[str]:
    return text(services(state).version)


@get("/api/admin/task/{tasktype:str}")
async def pending_tasks(state: State, tasktype: str, start: int = 0, count: int = 100) -> list[Task]:
    return await services(state).tasks.pending_of_type(tasktype, start, count)


@get("/api/admin/config")
async def admin_config(state: State) -> dict[str, Any]:
    svc = services(state)
    return {"version": svc.version, "db": svc.workflows.db.dialect.name}


@get("/actuator/health", include_in_schema=False)
async def actuator_health() -> dict[str, Any]:
    return {"status": "UP"}


@get(["/actuator/prometheus", "/metrics"], include_in_schema=False)
async def prometheus(state: State) -> Response[str]:
    return Response(
        content=services(state).metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8"
    )


router = Router(
    path="/",
    route_handlers=[health, api_health, version, pending_tasks, admin_config, actuator_health, prometheus],
)
