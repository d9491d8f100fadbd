"""``GeneratedTaskResourceApi``: the official methods behind our ``TaskResourceApi`` (its base class).

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.external_storage_location import ExternalStorageLocation
from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.search_result_task import SearchResultTask
from conductor.client.http.models.search_result_task_summary import SearchResultTaskSummary
from conductor.client.http.models.signal_response import SignalResponse
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.workflow import Workflow

__all__ = ["GeneratedTaskResourceApi"]


class GeneratedTaskResourceApi:
    """The official ``GeneratedTaskResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def all(self, **kwargs: Any) -> dict[str, int]:
        """``GET /tasks/queue/all``: Get the details about each queue. Answers ``dict(str, int)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, int]", self.all_with_http_info(**kwargs))

    def all_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`all`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/queue/all",
            accept="*/*",
            response_type=dict[str, int],
        )

    def all_verbose(self, **kwargs: Any) -> Any:
        """``GET /tasks/queue/all/verbose``: Get the details about each queue. Answers ``dict(str, dict(str,
        dict(str, int)))``."""
        kwargs["_return_http_data_only"] = True
        return self.all_verbose_with_http_info(**kwargs)

    def all_verbose_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`all_verbose`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/queue/all/verbose",
            accept="*/*",
            response_type=dict[str, dict[str, dict[str, int]]],
        )

    def batch_poll(self, tasktype: str, **kwargs: Any) -> list[Task]:
        """``GET /tasks/poll/batch/{tasktype}``: Batch poll for a task of a certain type. Optional:
        workerid, domain, count, timeout. Answers ``list[Task]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[Task]", self.batch_poll_with_http_info(tasktype, **kwargs))

    def batch_poll_with_http_info(self, tasktype: str, **kwargs: Any) -> Any:
        """As :meth:`batch_poll`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/poll/batch/{tasktype}",
            path_params={"tasktype": tasktype},
            query=[
                ("workerid", kwargs.get("workerid")),
                ("domain", kwargs.get("domain")),
                ("count", kwargs.get("count")),
                ("timeout", kwargs.get("timeout")),
            ],
            accept="*/*",
            response_type=list[Task],
        )

    def get_all_poll_data(self, **kwargs: Any) -> list[PollData]:
        """``GET /tasks/queue/polldata/all``: Get the last poll data for all task types. Answers
        ``list[PollData]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[PollData]", self.get_all_poll_data_with_http_info(**kwargs))

    def get_all_poll_data_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_all_poll_data`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/queue/polldata/all",
            accept="*/*",
            response_type=list[PollData],
        )

    def get_external_storage_location1(
        self, path: str, operation: str, payload_type: str, **kwargs: Any
    ) -> ExternalStorageLocation:
        """``GET /tasks/externalstoragelocation``: Get the external uri where the task payload is to be
        stored. Answers ``ExternalStorageLocation``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "ExternalStorageLocation",
            self.get_external_storage_location1_with_http_info(path, operation, payload_type, **kwargs),
        )

    def get_external_storage_location1_with_http_info(
        self, path: str, operation: str, payload_type: str, **kwargs: Any
    ) -> Any:
        """As :meth:`get_external_storage_location1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/externalstoragelocation",
            query=[("path", path), ("operation", operation), ("payloadType", payload_type)],
            accept="*/*",
            response_type=ExternalStorageLocation,
        )

    def get_poll_data(self, task_type: str, **kwargs: Any) -> list[PollData]:
        """``GET /tasks/queue/polldata``: Get the last poll data for a given task type. Answers
        ``list[PollData]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[PollData]", self.get_poll_data_with_http_info(task_type, **kwargs))

    def get_poll_data_with_http_info(self, task_type: str, **kwargs: Any) -> Any:
        """As :meth:`get_poll_data`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/queue/polldata",
            query=[("taskType", task_type)],
            accept="*/*",
            response_type=list[PollData],
        )

    def get_task(self, task_id: str, **kwargs: Any) -> Task:
        """``GET /tasks/{taskId}``: Get task by Id. Answers ``Task``."""
        kwargs["_return_http_data_only"] = True
        return cast("Task", self.get_task_with_http_info(task_id, **kwargs))

    def get_task_with_http_info(self, task_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_task`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/{taskId}",
            path_params={"taskId": task_id},
            accept="*/*",
            response_type=Task,
        )

    def get_task_logs(self, task_id: str, **kwargs: Any) -> list[TaskExecLog]:
        """``GET /tasks/{taskId}/log``: Get Task Execution Logs. Answers ``list[TaskExecLog]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TaskExecLog]", self.get_task_logs_with_http_info(task_id, **kwargs))

    def get_task_logs_with_http_info(self, task_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_task_logs`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/{taskId}/log",
            path_params={"taskId": task_id},
            accept="*/*",
            response_type=list[TaskExecLog],
        )

    def log(self, body: str, task_id: str, **kwargs: Any) -> None:
        """``POST /tasks/{taskId}/log``: Log Task Execution Details. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.log_with_http_info(body, task_id, **kwargs))

    def log_with_http_info(self, body: str, task_id: str, **kwargs: Any) -> Any:
        """As :meth:`log`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/{taskId}/log",
            path_params={"taskId": task_id},
            body=body,
        )

    def poll(self, tasktype: str, **kwargs: Any) -> Task:
        """``GET /tasks/poll/{tasktype}``: Poll for a task of a certain type. Optional: workerid, domain.
        Answers ``Task``."""
        kwargs["_return_http_data_only"] = True
        return cast("Task", self.poll_with_http_info(tasktype, **kwargs))

    def poll_with_http_info(self, tasktype: str, **kwargs: Any) -> Any:
        """As :meth:`poll`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/poll/{tasktype}",
            path_params={"tasktype": tasktype},
            query=[("workerid", kwargs.get("workerid")), ("domain", kwargs.get("domain"))],
            accept="*/*",
            response_type=Task,
        )

    def requeue_pending_task(self, task_type: str, **kwargs: Any) -> str:
        """``POST /tasks/queue/requeue/{taskType}``: Requeue pending tasks. Answers ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.requeue_pending_task_with_http_info(task_type, **kwargs))

    def requeue_pending_task_with_http_info(self, task_type: str, **kwargs: Any) -> Any:
        """As :meth:`requeue_pending_task`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/queue/requeue/{taskType}",
            path_params={"taskType": task_type},
            accept="text/plain",
            response_type=str,
        )

    def search1(self, **kwargs: Any) -> SearchResultTaskSummary:
        """``GET /tasks/search``: Search for tasks based in payload and other parameters. Optional: start,
        size, sort, free_text, query. Answers ``SearchResultTaskSummary``."""
        kwargs["_return_http_data_only"] = True
        return cast("SearchResultTaskSummary", self.search1_with_http_info(**kwargs))

    def search1_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`search1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/search",
            query=[
                ("start", kwargs.get("start")),
                ("size", kwargs.get("size")),
                ("sort", kwargs.get("sort")),
                ("freeText", kwargs.get("free_text")),
                ("query", kwargs.get("query")),
            ],
            accept="*/*",
            response_type=SearchResultTaskSummary,
        )

    def search_v21(self, **kwargs: Any) -> SearchResultTask:
        """``GET /tasks/search-v2``: Search for tasks based in payload and other parameters. Optional:
        start, size, sort, free_text, query. Answers ``SearchResultTask``."""
        kwargs["_return_http_data_only"] = True
        return cast("SearchResultTask", self.search_v21_with_http_info(**kwargs))

    def search_v21_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`search_v21`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/search-v2",
            query=[
                ("start", kwargs.get("start")),
                ("size", kwargs.get("size")),
                ("sort", kwargs.get("sort")),
                ("freeText", kwargs.get("free_text")),
                ("query", kwargs.get("query")),
            ],
            accept="*/*",
            response_type=SearchResultTask,
        )

    def size(self, **kwargs: Any) -> dict[str, int]:
        """``GET /tasks/queue/sizes``: Get Task type queue sizes. Optional: task_type. Answers ``dict(str,
        int)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, int]", self.size_with_http_info(**kwargs))

    def size_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`size`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/tasks/queue/sizes",
            query=[("taskType", kwargs.get("task_type"))],
            accept="*/*",
            response_type=dict[str, int],
        )

    def update_task(self, body: TaskResult, **kwargs: Any) -> str:
        """``POST /tasks``: Update a task. Answers ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.update_task_with_http_info(body, **kwargs))

    def update_task_with_http_info(self, body: TaskResult, **kwargs: Any) -> Any:
        """As :meth:`update_task`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks",
            body=body,
            accept="text/plain",
            response_type=str,
        )

    def update_task_v2(self, body: TaskResult, **kwargs: Any) -> Task | None:
        """``POST /tasks/update-v2``: Update a task and return the next available task (v2). Answers
        ``Task``."""
        kwargs["_return_http_data_only"] = True
        return cast("Task", self.update_task_v2_with_http_info(body, **kwargs))

    def update_task_v2_with_http_info(self, body: TaskResult, **kwargs: Any) -> Any:
        """As :meth:`update_task_v2`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/update-v2",
            body=body,
            response_type=Task,
        )

    def update_task1(
        self, body: dict[str, Any], workflow_id: str, task_ref_name: str, status: str, **kwargs: Any
    ) -> str:
        """``POST /tasks/{workflowId}/{taskRefName}/{status}``: Update a task By Ref Name. Answers
        ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "str", self.update_task1_with_http_info(body, workflow_id, task_ref_name, status, **kwargs)
        )

    def update_task1_with_http_info(
        self, body: dict[str, Any], workflow_id: str, task_ref_name: str, status: str, **kwargs: Any
    ) -> Any:
        """As :meth:`update_task1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/{workflowId}/{taskRefName}/{status}",
            path_params={"workflowId": workflow_id, "taskRefName": task_ref_name, "status": status},
            query=[("workerid", kwargs.get("workerid"))],
            body=body,
            accept="text/plain",
            response_type=str,
        )

    def update_task_sync(
        self, body: dict[str, Any], workflow_id: str, task_ref_name: str, status: str, **kwargs: Any
    ) -> Workflow:
        """``POST /tasks/{workflowId}/{taskRefName}/{status}/sync``: Update a task By Ref Name. Answers
        ``Workflow``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "Workflow",
            self.update_task_sync_with_http_info(body, workflow_id, task_ref_name, status, **kwargs),
        )

    def update_task_sync_with_http_info(
        self, body: dict[str, Any], workflow_id: str, task_ref_name: str, status: str, **kwargs: Any
    ) -> Any:
        """As :meth:`update_task_sync`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/{workflowId}/{taskRefName}/{status}/sync",
            path_params={"workflowId": workflow_id, "taskRefName": task_ref_name, "status": status},
            query=[("workerid", kwargs.get("workerid"))],
            body=body,
            accept="text/plain",
            response_type=Workflow,
        )

    def signal_workflow_task_async(
        self, workflow_id: str, status: str, body: dict[str, Any], **kwargs: Any
    ) -> None:
        """``POST /tasks/{workflowId}/{status}/signal``: Update running task in the workflow with given
        status and output asynchronously. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None", self.signal_workflow_task_async_with_http_info(workflow_id, status, body, **kwargs)
        )

    def signal_workflow_task_async_with_http_info(
        self, workflow_id: str, status: str, body: dict[str, Any], **kwargs: Any
    ) -> Any:
        """As :meth:`signal_workflow_task_async`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/{workflowId}/{status}/signal",
            path_params={"workflowId": workflow_id, "status": status},
            body=body,
        )

    def signal_workflow_task_sync(
        self, workflow_id: str, status: str, body: dict[str, Any], **kwargs: Any
    ) -> SignalResponse:
        """``POST /tasks/{workflowId}/{status}/signal/sync``: Update running task in the workflow with given
        status and output synchronously and return back updated workflow. Optional: return_strategy. Answers
        ``SignalResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "SignalResponse",
            self.signal_workflow_task_sync_with_http_info(workflow_id, status, body, **kwargs),
        )

    def signal_workflow_task_sync_with_http_info(
        self, workflow_id: str, status: str, body: dict[str, Any], **kwargs: Any
    ) -> Any:
        """As :meth:`signal_workflow_task_sync`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/tasks/{workflowId}/{status}/signal/sync",
            path_params={"workflowId": workflow_id, "status": status},
            query=[("returnStrategy", kwargs.get("return_strategy"))],
            body=body,
            response_type=SignalResponse,
        )
