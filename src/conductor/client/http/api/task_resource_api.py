"""``TaskResourceApi``: the ``/tasks`` endpoints (polling, updates, logs, queues)."""

from __future__ import annotations

import socket
from typing import Any

from conductor.client.http.api._generated_task_resource_api import GeneratedTaskResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.search_result_task import SearchResultTask
from conductor.client.http.models.search_result_task_summary import SearchResultTaskSummary
from conductor.client.http.models.signal_response import SignalResponse
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.workflow import Workflow

__all__ = ["TaskResourceApi"]


class TaskResourceApi(GeneratedTaskResourceApi):
    """Our hand-written methods (typed, with the SDK's conventions) over the generated official
    ones in ``_generated_task_resource_api``, which provide the rest of the official surface."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def poll(
        self, tasktype: str, workerid: str | None = None, domain: str | None = None, **kwargs: Any
    ) -> Task:
        """``GET /tasks/poll/{type}``. Like the official SDK, "no task" (204) gives an empty Task."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().poll(
                tasktype,
                **{k: v for k, v in {"workerid": workerid, "domain": domain}.items() if v is not None},
                **kwargs,
            )
        task: Task | None = self.api_client.call_api(
            "GET",
            "/tasks/poll/{tasktype}",
            path_params={"tasktype": tasktype},
            query=[("workerid", workerid), ("domain", domain)],
            accept="*/*",
            response_type=Task,
        )
        return task if task is not None else Task()

    def batch_poll(
        self,
        tasktype: str,
        workerid: str | None = None,
        domain: str | None = None,
        count: int | None = None,
        timeout: int | None = None,
        **kwargs: Any,
    ) -> list[Task]:
        """``GET /tasks/poll/batch/{type}``: up to ``count`` tasks, waiting up to ``timeout`` ms."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().batch_poll(
                tasktype,
                **{
                    k: v
                    for k, v in {
                        "workerid": workerid,
                        "domain": domain,
                        "count": count,
                        "timeout": timeout,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        tasks: list[Task] | None = self.api_client.call_api(
            "GET",
            "/tasks/poll/batch/{tasktype}",
            path_params={"tasktype": tasktype},
            query=[("workerid", workerid), ("domain", domain), ("count", count), ("timeout", timeout)],
            accept="*/*",
            response_type=list[Task],
        )
        return tasks or []

    def update_task(self, body: TaskResult, **kwargs: Any) -> str:
        """``POST /tasks``: report a result; answers the task id."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().update_task(body, **kwargs)
        result: str | None = self.api_client.call_api(
            "POST", "/tasks", body=body, accept="text/plain", response_type=str
        )
        return result or ""

    def update_task_v2(self, body: TaskResult, **kwargs: Any) -> Task | None:
        """``POST /tasks/update-v2``: report a result; answers the next task of that type or None."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().update_task_v2(body, **kwargs)
        next_task: Task | None = self.api_client.call_api(
            "POST", "/tasks/update-v2", body=body, accept="application/json", response_type=Task
        )
        return next_task if next_task is not None and next_task.task_id else None

    def update_task1(
        self,
        body: dict[str, Any],
        workflow_id: str,
        task_ref_name: str,
        status: str,
        workerid: str | None = None,
        **kwargs: Any,
    ) -> str:
        """``POST /tasks/{workflowId}/{taskRefName}/{status}``: complete a pending task by reference.

        ``workerid`` defaults to the host name, as in the official SDK.
        """
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().update_task1(
                body,
                workflow_id,
                task_ref_name,
                status,
                **{k: v for k, v in {"workerid": workerid}.items() if v is not None},
                **kwargs,
            )
        result: str | None = self.api_client.call_api(
            "POST",
            "/tasks/{workflowId}/{taskRefName}/{status}",
            path_params={"workflowId": workflow_id, "taskRefName": task_ref_name, "status": status},
            query=[("workerid", workerid if workerid is not None else socket.gethostname())],
            body=body,
            accept="text/plain",
            response_type=str,
        )
        return result or ""

    def update_task_sync(
        self,
        body: dict[str, Any],
        workflow_id: str,
        task_ref_name: str,
        status: str,
        workerid: str | None = None,
        **kwargs: Any,
    ) -> Workflow:
        """``POST /tasks/{workflowId}/{taskRefName}/{status}/sync``: same, answers the workflow."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().update_task_sync(
                body,
                workflow_id,
                task_ref_name,
                status,
                **{k: v for k, v in {"workerid": workerid}.items() if v is not None},
                **kwargs,
            )
        workflow: Workflow = self.api_client.call_api(
            "POST",
            "/tasks/{workflowId}/{taskRefName}/{status}/sync",
            path_params={"workflowId": workflow_id, "taskRefName": task_ref_name, "status": status},
            query=[("workerid", workerid if workerid is not None else socket.gethostname())],
            body=body,
            response_type=Workflow,
        )
        return workflow

    def signal_workflow_task_async(
        self, workflow_id: str, status: str, body: dict[str, Any], **kwargs: Any
    ) -> None:
        """``POST /tasks/{workflowId}/{status}/signal``: complete the workflow's blocking task."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().signal_workflow_task_async(workflow_id, status, body, **kwargs)
        self.api_client.call_api(
            "POST",
            "/tasks/{workflowId}/{status}/signal",
            path_params={"workflowId": workflow_id, "status": status},
            body=body,
        )

    def signal_workflow_task_sync(
        self,
        workflow_id: str,
        status: str,
        body: dict[str, Any],
        return_strategy: str | None = None,
        **kwargs: Any,
    ) -> SignalResponse:
        """``POST /tasks/{workflowId}/{status}/signal/sync``: signal, then wait like execute."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().signal_workflow_task_sync(
                workflow_id,
                status,
                body,
                **{k: v for k, v in {"return_strategy": return_strategy}.items() if v is not None},
                **kwargs,
            )
        response: SignalResponse = self.api_client.call_api(
            "POST",
            "/tasks/{workflowId}/{status}/signal/sync",
            path_params={"workflowId": workflow_id, "status": status},
            query=[("returnStrategy", return_strategy)],
            body=body,
            response_type=SignalResponse,
        )
        return response

    def get_task(self, task_id: str, **kwargs: Any) -> Task:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_task(task_id, **kwargs)
        task: Task = self.api_client.call_api(
            "GET", "/tasks/{taskId}", path_params={"taskId": task_id}, accept="*/*", response_type=Task
        )
        return task

    def log(self, body: str, task_id: str, **kwargs: Any) -> None:
        """``POST /tasks/{taskId}/log``: append a log line (sent as plain text)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().log(body, task_id, **kwargs)
        self.api_client.call_api("POST", "/tasks/{taskId}/log", path_params={"taskId": task_id}, body=body)

    def get_task_logs(self, task_id: str, **kwargs: Any) -> list[TaskExecLog]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_task_logs(task_id, **kwargs)
        logs: list[TaskExecLog] | None = self.api_client.call_api(
            "GET",
            "/tasks/{taskId}/log",
            path_params={"taskId": task_id},
            accept="*/*",
            response_type=list[TaskExecLog],
        )
        return logs or []

    def size(self, task_type: list[str] | None = None, **kwargs: Any) -> dict[str, int]:
        """``GET /tasks/queue/sizes?taskType=..``: pending tasks per type."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().size(
                **{k: v for k, v in {"task_type": task_type}.items() if v is not None}, **kwargs
            )
        sizes: dict[str, int] | None = self.api_client.call_api(
            "GET",
            "/tasks/queue/sizes",
            query=[("taskType", task_type)],
            accept="*/*",
            response_type=dict[str, int],
        )
        return sizes or {}

    def all(self, **kwargs: Any) -> dict[str, int]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().all(**kwargs)
        sizes: dict[str, int] | None = self.api_client.call_api(
            "GET", "/tasks/queue/all", accept="*/*", response_type=dict[str, int]
        )
        return sizes or {}

    def get_poll_data(self, task_type: str, **kwargs: Any) -> list[PollData]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_poll_data(task_type, **kwargs)
        data: list[PollData] | None = self.api_client.call_api(
            "GET",
            "/tasks/queue/polldata",
            query=[("taskType", task_type)],
            accept="*/*",
            response_type=list[PollData],
        )
        return data or []

    def get_all_poll_data(self, **kwargs: Any) -> list[PollData]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_all_poll_data(**kwargs)
        data: list[PollData] | None = self.api_client.call_api(
            "GET", "/tasks/queue/polldata/all", accept="*/*", response_type=list[PollData]
        )
        return data or []

    def requeue_pending_task(self, task_type: str, **kwargs: Any) -> str:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().requeue_pending_task(task_type, **kwargs)
        result: str | None = self.api_client.call_api(
            "POST",
            "/tasks/queue/requeue/{taskType}",
            path_params={"taskType": task_type},
            accept="text/plain",
            response_type=str,
        )
        return result or ""

    def search1(
        self,
        start: int | None = None,
        size: int | None = None,
        sort: str | None = None,
        free_text: str | None = None,
        query: str | None = None,
        **kwargs: Any,
    ) -> SearchResultTaskSummary:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().search1(
                **{
                    k: v
                    for k, v in {
                        "start": start,
                        "size": size,
                        "sort": sort,
                        "free_text": free_text,
                        "query": query,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        result: SearchResultTaskSummary = self.api_client.call_api(
            "GET",
            "/tasks/search",
            query=[
                ("start", start),
                ("size", size),
                ("sort", sort),
                ("freeText", free_text),
                ("query", query),
            ],
            accept="*/*",
            response_type=SearchResultTaskSummary,
        )
        return result

    def search_v21(
        self,
        start: int | None = None,
        size: int | None = None,
        sort: str | None = None,
        free_text: str | None = None,
        query: str | None = None,
        **kwargs: Any,
    ) -> SearchResultTask:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().search_v21(
                **{
                    k: v
                    for k, v in {
                        "start": start,
                        "size": size,
                        "sort": sort,
                        "free_text": free_text,
                        "query": query,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        result: SearchResultTask = self.api_client.call_api(
            "GET",
            "/tasks/search-v2",
            query=[
                ("start", start),
                ("size", size),
                ("sort", sort),
                ("freeText", free_text),
                ("query", query),
            ],
            accept="*/*",
            response_type=SearchResultTask,
        )
        return result
