"""``AsyncTaskResourceApi``: the worker endpoints of ``/tasks`` for asyncio code.

The same requests as :class:`~conductor.client.http.api.task_resource_api.TaskResourceApi`
(``batch_poll``, ``update_task``, ``update_task_v2``, ``log``), awaited on an
:class:`~conductor.client.http.async_api_client.AsyncApiClient`. (The official SDK keeps this
class in ``http/api/async_task_resource_api.py``.)
"""

from __future__ import annotations

from conductor.client.http.async_api_client import AsyncApiClient
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult

__all__ = ["AsyncTaskResourceApi"]


class AsyncTaskResourceApi:
    def __init__(self, api_client: AsyncApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else AsyncApiClient()

    async def batch_poll(
        self,
        tasktype: str,
        workerid: str | None = None,
        domain: str | None = None,
        count: int | None = None,
        timeout: int | None = None,  # noqa: ASYNC109 - Conductor's query parameter (ms), as in the sync API
    ) -> list[Task]:
        """``GET /tasks/poll/batch/{type}``: up to ``count`` tasks, waiting up to ``timeout`` ms."""
        tasks: list[Task] | None = await self.api_client.call_api(
            "GET",
            "/tasks/poll/batch/{tasktype}",
            path_params={"tasktype": tasktype},
            query=[("workerid", workerid), ("domain", domain), ("count", count), ("timeout", timeout)],
            accept="*/*",
            response_type=list[Task],
        )
        return tasks or []

    async def update_task(self, body: TaskResult) -> str:
        """``POST /tasks``: report a result; answers the task id."""
        result: str | None = await self.api_client.call_api(
            "POST", "/tasks", body=body, accept="text/plain", response_type=str
        )
        return result or ""

    async def update_task_v2(self, body: TaskResult) -> Task | None:
        """``POST /tasks/update-v2``: report a result; answers the next task of that type or None."""
        next_task: Task | None = await self.api_client.call_api(
            "POST", "/tasks/update-v2", body=body, accept="application/json", response_type=Task
        )
        return next_task if next_task is not None and next_task.task_id else None

    async def log(self, body: str, task_id: str) -> None:
        """``POST /tasks/{taskId}/log``: append a log line (sent as plain text)."""
        await self.api_client.call_api(
            "POST", "/tasks/{taskId}/log", path_params={"taskId": task_id}, body=body
        )
