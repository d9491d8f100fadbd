"""``AsyncTaskResourceApi``: the worker endpoints of ``/tasks`` for asyncio code.

The same requests as :class:`~conductor.client.http.api.task_resource_api.TaskResourceApi`
(``batch_poll``, ``update_task``, ``update_task_v2``, ``log``), awaited on an
:class:`~conductor.client.http.async_api_client.AsyncApiClient`. (The official SDK keeps this
class in ``http/api/async_task_resource_api.py``.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conductor.client.http.async_api_client import AsyncApiClient
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult

__all__ = ["AsyncTaskResourceApi"]


#: The official per-call options every method accepts as keyword arguments.
_CALL_OPTIONS = frozenset({"_return_http_data_only", "_preload_content", "_request_timeout"})


def _options(method: str, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(kwargs) - _CALL_OPTIONS
    if unknown:
        raise TypeError(f"Got an unexpected keyword argument {sorted(unknown)[0]!r} to method {method}")
    return dict(kwargs)


def _http_info(options: Mapping[str, Any], answer: tuple[Any, int, dict[str, str]]) -> Any:
    # The official *_with_http_info contract: (data, status, headers), or the data alone.
    return answer[0] if options.get("_return_http_data_only") else answer


class AsyncTaskResourceApi:
    """Each endpoint twice, as in the official SDK: ``name(...)`` answers the data and
    ``name_with_http_info(...)`` answers ``(data, status, headers)`` (only the data with
    ``_return_http_data_only=True``)."""

    def __init__(self, api_client: AsyncApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else AsyncApiClient()

    async def batch_poll(
        self,
        tasktype: str,
        workerid: str | None = None,
        domain: str | None = None,
        count: int | None = None,
        timeout: int | None = None,  # noqa: ASYNC109 - Conductor's query parameter (ms), as in the sync API
        **kwargs: Any,
    ) -> list[Task]:
        """``GET /tasks/poll/batch/{type}``: up to ``count`` tasks, waiting up to ``timeout`` ms."""
        _options("batch_poll", kwargs)
        tasks, _status, _headers = await self._batch_poll(tasktype, workerid, domain, count, timeout)
        return tasks or []

    async def batch_poll_with_http_info(
        self,
        tasktype: str,
        workerid: str | None = None,
        domain: str | None = None,
        count: int | None = None,
        timeout: int | None = None,  # noqa: ASYNC109 - as batch_poll
        **kwargs: Any,
    ) -> Any:
        options = _options("batch_poll_with_http_info", kwargs)
        return _http_info(options, await self._batch_poll(tasktype, workerid, domain, count, timeout))

    async def _batch_poll(
        self,
        tasktype: str,
        workerid: str | None,
        domain: str | None,
        count: int | None,
        timeout: int | None,  # noqa: ASYNC109 - as batch_poll
    ) -> tuple[Any, int, dict[str, str]]:
        return await self.api_client.call_api_with_http_info(
            "GET",
            "/tasks/poll/batch/{tasktype}",
            path_params={"tasktype": tasktype},
            query=[("workerid", workerid), ("domain", domain), ("count", count), ("timeout", timeout)],
            accept="*/*",
            response_type=list[Task],
        )

    async def update_task(self, body: TaskResult, **kwargs: Any) -> str:
        """``POST /tasks``: report a result; answers the task id."""
        _options("update_task", kwargs)
        result, _status, _headers = await self._update_task(body)
        return result or ""

    async def update_task_with_http_info(self, body: TaskResult, **kwargs: Any) -> Any:
        options = _options("update_task_with_http_info", kwargs)
        return _http_info(options, await self._update_task(body))

    async def _update_task(self, body: TaskResult) -> tuple[Any, int, dict[str, str]]:
        return await self.api_client.call_api_with_http_info(
            "POST", "/tasks", body=body, accept="text/plain", response_type=str
        )

    async def update_task_v2(self, body: TaskResult, **kwargs: Any) -> Task | None:
        """``POST /tasks/update-v2``: report a result; answers the next task of that type or None."""
        _options("update_task_v2", kwargs)
        next_task, _status, _headers = await self._update_task_v2(body)
        return next_task if isinstance(next_task, Task) and next_task.task_id else None

    async def update_task_v2_with_http_info(self, body: TaskResult, **kwargs: Any) -> Any:
        options = _options("update_task_v2_with_http_info", kwargs)
        return _http_info(options, await self._update_task_v2(body))

    async def _update_task_v2(self, body: TaskResult) -> tuple[Any, int, dict[str, str]]:
        return await self.api_client.call_api_with_http_info(
            "POST", "/tasks/update-v2", body=body, accept="application/json", response_type=Task
        )

    async def log(self, body: str, task_id: str) -> None:
        """``POST /tasks/{taskId}/log``: append a log line (sent as plain text)."""
        await self.api_client.call_api_with_http_info(
            "POST", "/tasks/{taskId}/log", path_params={"taskId": task_id}, body=body
        )
