"""/api/metadata: task and workflow definitions."""

from __future__ import annotations

from litestar import Response, Router, delete, get, post, put
from litestar.datastructures import State

from conductor.server.api.deps import Int64Param, OptionalInt64Param, parse_bool, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.api.responses import empty
from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowDefSummary
from conductor.server.domain.requests import BulkResponse


@post("/workflow", status_code=200)
async def register_workflow(state: State, data: WorkflowDef, overwrite: str | None = None) -> Response[bytes]:
    """Register a new workflow definition (400 with every validation error, 409 if that version exists)."""
    await services(state).metadata.register_workflow_def(data, parse_bool(overwrite, False))
    return empty()


@post("/workflow/validate", status_code=200)
async def validate_workflow(state: State, data: WorkflowDef) -> Response[bytes]:
    """Validate a workflow definition without registering it: 200 when it would be accepted."""
    await services(state).metadata.validate_definition(data)
    return empty()


@put("/workflow", status_code=200)
async def upsert_workflows(state: State, data: list[WorkflowDef]) -> BulkResponse:
    """Create or replace several workflow definitions at once."""
    return await services(state).metadata.upsert_workflow_defs(data)


@get("/workflow")
async def list_workflows(state: State, classifier: str | None = None) -> list[WorkflowDef]:
    """Every workflow definition (all versions, or only the latest per name)."""
    defs = await services(state).metadata.list_workflow_defs()
    if classifier:
        wanted = {c.strip().lower() for c in classifier.split(",")}
        defs = [d for d in defs if _classifier(d) in wanted]
    return defs


def _classifier(wf: WorkflowDef) -> str:
    value = wf.metadata.get("classifier")
    if isinstance(value, str) and value.strip():
        return value.strip().lower()
    if wf.metadata.get("agent_sdk") or wf.metadata.get("agentDef"):
        return "agent"
    return "workflow"


@get("/workflow/names-and-versions")
async def names_and_versions(state: State) -> dict[str, list[WorkflowDefSummary]]:
    """Every workflow name with its versions (no task lists)."""
    out: dict[str, list[WorkflowDefSummary]] = {}
    for d in await services(state).metadata.list_workflow_defs():
        out.setdefault(d.name, []).append(
            WorkflowDefSummary(
                name=d.name, version=d.version, create_time=d.create_time, update_time=d.update_time
            )
        )
    return out


@get("/workflow/names")
async def names(state: State) -> list[str]:
    """The names of all registered workflow definitions."""
    return sorted({d.name for d in await services(state).metadata.list_workflow_defs()})


@get("/workflow/latest-versions")
async def latest_versions(state: State) -> list[WorkflowDef]:
    """The latest version of every workflow definition."""
    latest: dict[str, WorkflowDef] = {}
    for d in await services(state).metadata.list_workflow_defs():
        if d.name not in latest or d.version > latest[d.name].version:
            latest[d.name] = d
    return list(latest.values())


@get("/workflow/{name:str}/versions")
async def versions(state: State, name: str) -> list[WorkflowDefSummary]:
    """Every version of one workflow definition."""
    defs = await services(state).metadata.list_workflow_defs(name)
    return [
        WorkflowDefSummary(
            name=d.name, version=d.version, create_time=d.create_time, update_time=d.update_time
        )
        for d in defs
    ]


@get("/workflow/{name:str}")
async def get_workflow(state: State, name: str, version: OptionalInt64Param = None) -> WorkflowDef:
    """One workflow definition: the given version, or the latest."""
    return await services(state).metadata.get_workflow_def(name, version)


@delete("/workflow/{name:str}/{version:int}", status_code=200)
async def delete_workflow(state: State, name: str, version: Int64Param) -> Response[bytes]:
    """Delete one version of a workflow definition."""
    await services(state).metadata.delete_workflow_def(name, version)
    return empty()


@post("/taskdefs", status_code=200)
async def register_task_defs(state: State, data: list[TaskDef]) -> Response[bytes]:
    """Register or replace task definitions (a list)."""
    await services(state).metadata.register_task_defs(data)
    return empty()


@put("/taskdefs", status_code=200)
async def update_task_def(state: State, data: TaskDef) -> Response[bytes]:
    """Update an existing task definition."""
    await services(state).metadata.update_task_def(data)
    return empty()


@get("/taskdefs")
async def list_task_defs(state: State) -> list[TaskDef]:
    """Every registered task definition."""
    return await services(state).metadata.list_task_defs()


@get("/taskdefs/{tasktype:str}")
async def get_task_def(state: State, tasktype: str) -> TaskDef:
    """One task definition by name."""
    return await services(state).metadata.get_task_def(tasktype)


@delete("/taskdefs/{tasktype:str}", status_code=200)
async def delete_task_def(state: State, tasktype: str) -> Response[bytes]:
    """Delete a task definition by name."""
    await services(state).metadata.delete_task_def(tasktype)
    return empty()


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/api/metadata",
        tags=["metadata"],
        route_handlers=[
            register_workflow,
            validate_workflow,
            upsert_workflows,
            list_workflows,
            names_and_versions,
            names,
            latest_versions,
            versions,
            get_workflow,
            delete_workflow,
            register_task_defs,
            update_task_def,
            list_task_defs,
            get_task_def,
            delete_task_def,
        ],
    )
)
