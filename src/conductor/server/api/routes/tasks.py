"""/api/tasks: the worker protocol (poll, update) and task inspection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter

from conductor.server.api.deps import Int64Param, search_query, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import TEXT_ID, document
from conductor.server.api.responses import empty, text
from conductor.server.domain.errors import BadRequest
from conductor.server.domain.execution import PollData, Task, TaskExecLog, Workflow
from conductor.server.domain.requests import TaskResult
from conductor.server.domain.status import TaskResultStatus
from conductor.server.persistence.search import WorkflowSearchResult
from conductor.server.queue.wakeup import Gone

A_TASK = ResponseSpec(Task, description="The task", generate_examples=False)
NO_TASK = ResponseSpec(None, description="No task (nothing to poll / no next task): empty body")
LOGS = ResponseSpec(list[TaskExecLog], description="The task's log lines", generate_examples=False)
NO_LOGS = ResponseSpec(None, description="No logs: empty body")


def _status(value: str) -> TaskResultStatus:
    try:
        return TaskResultStatus(value)
    except ValueError as exc:
        raise BadRequest(
            f"Invalid task status: {value}. Allowed: {', '.join(s.value for s in TaskResultStatus)}"
        ) from exc


@asynccontextmanager
async def client_watch(request: Request[Any, Any, Any]) -> AsyncIterator[Gone]:
    """Set when the client disconnects while its request is being held (long-poll)."""
    gone = Gone()

    async def watch() -> None:
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                gone.set()
                return

    watcher = asyncio.get_running_loop().create_task(watch())
    try:
        yield gone
    finally:
        watcher.cancel()


@get("/poll/batch/{tasktype:str}")
async def batch_poll(
    request: Request[Any, Any, Any],
    state: State,
    tasktype: str,
    workerid: str | None = None,
    domain: str | None = None,
    count: Int64Param = 1,
    timeout: Int64Param = 100,  # noqa: ASYNC109 - Conductor's query parameter (ms), not a coroutine timeout
) -> list[Task]:
    """Long-poll for up to `count` tasks of a type (in a domain), waiting at most `timeout` ms."""
    if timeout <= 0:
        return await services(state).tasks.poll(tasktype, workerid, domain, count, timeout)
    async with client_watch(request) as gone:
        return await services(state).tasks.poll(tasktype, workerid, domain, count, timeout, gone)


@get("/poll/{tasktype:str}", responses={200: A_TASK, 204: NO_TASK})
async def poll(
    state: State, tasktype: str, workerid: str | None = None, domain: str | None = None
) -> Response[Any]:
    """Poll for one task of a type (in a domain): the task, or an empty 204 answer."""
    tasks = await services(state).tasks.poll(tasktype, workerid, domain, 1, 100)
    if not tasks:
        return empty(204)
    return Response(content=tasks[0])


@post("/", status_code=200)
async def update_task(state: State, data: TaskResult) -> Response[str]:
    """Report a task's result (status, output, logs); answers the task id."""
    await services(state).tasks.update(data)
    return text(data.task_id or "")


@post("/update-v2", status_code=200, responses={200: A_TASK, 204: NO_TASK})
async def update_task_v2(state: State, data: TaskResult) -> Response[Any]:
    """Report a task's result and get the next task of the same type in the same answer."""
    nxt = await services(state).tasks.update_v2(data)
    if nxt is None:
        return empty(204)
    return Response(content=nxt)


@post("/{workflow_id:str}/{task_ref:str}/{status:str}", status_code=200, responses={200: TEXT_ID})
async def update_by_ref(
    state: State,
    workflow_id: str,
    task_ref: str,
    status: str,
    data: dict[str, Any],
    workerid: str | None = None,
) -> Response[Any]:
    """Set the status of a workflow's task found by its reference name."""
    task_id = await services(state).tasks.update_by_ref(
        workflow_id, task_ref, _status(status), data, workerid
    )
    return text(task_id) if task_id else empty(200)


@post("/{workflow_id:str}/{task_ref:str}/{status:str}/sync", status_code=200)
async def update_by_ref_sync(
    state: State,
    workflow_id: str,
    task_ref: str,
    status: str,
    data: dict[str, Any],
    workerid: str | None = None,
) -> Workflow:
    """Set the status of a task found by reference name and answer the workflow after it."""
    svc = services(state)
    task_id = await svc.tasks.update_by_ref(workflow_id, task_ref, _status(status), data, workerid)
    if task_id is None:
        from conductor.server.domain.errors import NotFound

        raise NotFound(f"Found no running task {task_ref} of workflow {workflow_id} to update")
    return await svc.workflows.get(workflow_id, include_tasks=True)


@post("/{workflow_id:str}/{status:str}/signal", status_code=200)
async def signal(state: State, workflow_id: str, status: str, data: dict[str, Any]) -> Response[bytes]:
    """Complete or fail the workflow's pending WAIT / HUMAN / signal task."""
    await services(state).tasks.signal(workflow_id, _status(status), data)
    return empty()


@post("/{task_id:str}/log", status_code=200)
async def add_log(request: Request[Any, Any, Any], state: State, task_id: str) -> Response[bytes]:
    """Append a log line to a task."""
    body = (await request.body()).decode("utf-8", errors="replace")
    await services(state).tasks.add_log(task_id, body)
    return empty()


@get("/{task_id:str}/log", responses={200: LOGS, 204: NO_LOGS})
async def get_logs(state: State, task_id: str) -> Response[Any]:
    """A task's log lines."""
    logs: list[TaskExecLog] = await services(state).tasks.logs(task_id)
    if not logs:
        return empty(204)
    return Response(content=logs)


@get("/search")
async def search_tasks(
    state: State,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
    freeText: str | None = None,
    query_text: str | None = Parameter(query="query", default=None),
) -> WorkflowSearchResult:
    """Search tasks (query, free text, sort, paging): summaries."""
    return await services(state).tasks.search(
        search_query(state, "summary", start, size, sort, freeText, query_text, "task")
    )


@get("/search-v2")
async def search_tasks_v2(
    state: State,
    start: Int64Param = 0,
    size: Int64Param = 100,
    sort: str | None = None,
    freeText: str | None = None,
    query_text: str | None = Parameter(query="query", default=None),
) -> WorkflowSearchResult:
    """Search tasks (query, free text, sort, paging): full tasks."""
    return await services(state).tasks.search(
        search_query(state, "full", start, size, sort, freeText, query_text, "task")
    )


@get(["/externalstoragelocation", "/external-storage-location"])
async def external_storage_location() -> None:
    """External payload storage: not supported by this server (400)."""
    raise BadRequest("External payload storage is not configured on this server")


@get("/{task_id:str}")
async def get_task(state: State, task_id: str) -> Task:
    """One task by id."""
    return await services(state).tasks.get(task_id)


@get("/queue/sizes")
async def queue_sizes(state: State, taskType: list[str] | None = None) -> dict[str, int]:
    """The number of waiting tasks of each given task type."""
    names = [n.strip() for item in taskType or [] for n in item.split(",") if n.strip()]
    return await services(state).tasks.queue_sizes(names)


@get("/queue/size")
async def queue_size(
    state: State,
    taskType: str,
    domain: str | None = None,
    isolationGroupId: str | None = None,
    executionNamespace: str | None = None,
) -> int:
    """The number of waiting tasks of one task type (in a domain, isolation group or namespace)."""
    return await services(state).tasks.queue_size(taskType, domain, isolationGroupId, executionNamespace)


@get("/queue/all")
async def queue_all(state: State) -> dict[str, int]:
    """Every task queue with its size."""
    return await services(state).tasks.all_queue_sizes()


@get("/queue/all/verbose")
async def queue_all_verbose(state: State) -> dict[str, dict[str, dict[str, int]]]:
    """Every task queue with its size per shard, as Conductor reports it."""
    sizes = await services(state).tasks.all_queue_sizes()
    return {name: {"a": {"size": size, "uacked": 0}} for name, size in sizes.items()}


@get("/queue/polldata")
async def poll_data(state: State, taskType: str) -> list[PollData]:
    """The last poll of each domain of one task type (worker id, time)."""
    return await services(state).tasks.poll_data(taskType)


@get("/queue/polldata/all")
async def poll_data_all(state: State) -> list[PollData]:
    """The last poll of every task type and domain."""
    return await services(state).tasks.poll_data(None)


@post("/queue/requeue/{task_type:str}", status_code=200)
async def requeue(state: State, task_type: str) -> Response[str]:
    """Put the pending tasks of a type back into their queue."""
    return text(str(await services(state).tasks.requeue(task_type)))


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/api/tasks",
        tags=["tasks"],
        route_handlers=[
            batch_poll,
            poll,
            update_task,
            update_task_v2,
            update_by_ref,
            update_by_ref_sync,
            signal,
            add_log,
            get_logs,
            search_tasks,
            search_tasks_v2,
            external_storage_location,
            get_task,
            queue_sizes,
            queue_size,
            queue_all,
            queue_all_verbose,
            poll_data,
            poll_data_all,
            requeue,
        ],
    )
)
