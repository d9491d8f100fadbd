"""``WorkflowResourceApi``: the ``/workflow`` endpoints (start, inspect, control, search)."""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api._generated_workflow_resource_api import GeneratedWorkflowResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.correlation_ids_search_request import CorrelationIdsSearchRequest
from conductor.client.http.models.rerun_workflow_request import RerunWorkflowRequest
from conductor.client.http.models.scrollable_search_result_workflow_summary import (
    ScrollableSearchResultWorkflowSummary,
)
from conductor.client.http.models.search_result_task import SearchResultTask
from conductor.client.http.models.signal_response import SignalResponse
from conductor.client.http.models.skip_task_request import SkipTaskRequest
from conductor.client.http.models.start_workflow_request import StartWorkflowRequest
from conductor.client.http.models.workflow import Workflow
from conductor.client.http.models.workflow_run import WorkflowRun
from conductor.client.http.models.workflow_status import WorkflowStatus
from conductor.client.http.models.workflow_test_request import WorkflowTestRequest

__all__ = ["WorkflowResourceApi"]

_ID = "/workflow/{workflowId}"


class WorkflowResourceApi(GeneratedWorkflowResourceApi):
    """Our hand-written methods (typed, with the SDK's conventions) over the generated official
    ones in ``_generated_workflow_resource_api``, which provide the rest of the official surface."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    # -- starting -------------------------------------------------------------------------

    def start_workflow(self, body: StartWorkflowRequest, **kwargs: Any) -> str:
        """``POST /workflow``: answers the new workflow id (text)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().start_workflow(body, **kwargs)
        workflow_id: str = self.api_client.call_api(
            "POST", "/workflow", body=body, accept="text/plain", response_type=str
        )
        return workflow_id

    def start_workflow1(
        self,
        body: dict[str, Any],
        name: str,
        version: int | None = None,
        correlation_id: str | None = None,
        priority: int | None = None,
        **kwargs: Any,
    ) -> str:
        """``POST /workflow/{name}``, body = the workflow input; answers the id (text)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().start_workflow1(
                body,
                name,
                **{
                    k: v
                    for k, v in {
                        "version": version,
                        "correlation_id": correlation_id,
                        "priority": priority,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        workflow_id: str = self.api_client.call_api(
            "POST",
            "/workflow/{name}",
            path_params={"name": name},
            query=[("version", version), ("correlationId", correlation_id), ("priority", priority)],
            body=body,
            accept="text/plain",
            response_type=str,
        )
        return workflow_id

    def execute_workflow(
        self,
        body: StartWorkflowRequest,
        request_id: str | None,
        name: str,
        version: int | None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int | None = None,
        **kwargs: Any,
    ) -> WorkflowRun:
        """``POST /workflow/execute/{name}/{version}``: start and wait (version 0 = latest)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().execute_workflow(
                body,
                request_id,
                name,
                version,
                **{
                    k: v
                    for k, v in {
                        "wait_until_task_ref": wait_until_task_ref,
                        "wait_for_seconds": wait_for_seconds,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        run: WorkflowRun = self.api_client.call_api(
            "POST",
            "/workflow/execute/{name}/{version}",
            path_params={"name": name, "version": version if version is not None else 0},
            query=[
                ("requestId", request_id),
                ("waitUntilTaskRef", wait_until_task_ref),
                ("waitForSeconds", wait_for_seconds),
            ],
            body=body,
            response_type=WorkflowRun,
        )
        return run

    def execute_workflow_with_return_strategy(
        self,
        body: StartWorkflowRequest,
        name: str,
        version: int | None,
        request_id: str | None = None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int | None = None,
        consistency: str | None = None,
        return_strategy: str | None = None,
        **kwargs: Any,
    ) -> SignalResponse:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().execute_workflow_with_return_strategy(
                body,
                name,
                version,
                **{
                    k: v
                    for k, v in {
                        "request_id": request_id,
                        "wait_until_task_ref": wait_until_task_ref,
                        "wait_for_seconds": wait_for_seconds,
                        "consistency": consistency,
                        "return_strategy": return_strategy,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        response: SignalResponse = self.api_client.call_api(
            "POST",
            "/workflow/execute/{name}/{version}",
            path_params={"name": name, "version": version if version is not None else 0},
            query=[
                ("requestId", request_id),
                ("waitUntilTaskRef", wait_until_task_ref),
                ("waitForSeconds", wait_for_seconds),
                ("consistency", consistency),
                ("returnStrategy", return_strategy),
            ],
            body=body,
            response_type=SignalResponse,
        )
        return response

    def test_workflow(self, body: WorkflowTestRequest, **kwargs: Any) -> Workflow:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().test_workflow(body, **kwargs)
        workflow: Workflow = self.api_client.call_api(
            "POST", "/workflow/test", body=body, response_type=Workflow
        )
        return workflow

    # -- reading --------------------------------------------------------------------------

    def get_execution_status(
        self,
        workflow_id: str,
        include_tasks: bool | None = None,
        summarize: bool | None = None,
        **kwargs: Any,
    ) -> Workflow:
        """``GET /workflow/{id}``; the server includes tasks unless ``include_tasks=False``."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_execution_status(
                workflow_id,
                **{
                    k: v
                    for k, v in {"include_tasks": include_tasks, "summarize": summarize}.items()
                    if v is not None
                },
                **kwargs,
            )
        workflow: Workflow = self.api_client.call_api(
            "GET",
            _ID,
            path_params={"workflowId": workflow_id},
            query=[("includeTasks", include_tasks), ("summarize", summarize)],
            accept="*/*",
            response_type=Workflow,
        )
        return workflow

    def get_workflow_status_summary(
        self,
        workflow_id: str,
        include_output: bool | None = None,
        include_variables: bool | None = None,
        **kwargs: Any,
    ) -> WorkflowStatus:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_workflow_status_summary(
                workflow_id,
                **{
                    k: v
                    for k, v in {
                        "include_output": include_output,
                        "include_variables": include_variables,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        status: WorkflowStatus = self.api_client.call_api(
            "GET",
            _ID + "/status",
            path_params={"workflowId": workflow_id},
            query=[("includeOutput", include_output), ("includeVariables", include_variables)],
            accept="*/*",
            response_type=WorkflowStatus,
        )
        return status

    def get_execution_status_task_list(
        self,
        workflow_id: str,
        start: int | None = None,
        count: int | None = None,
        status: list[str] | None = None,
        **kwargs: Any,
    ) -> SearchResultTask:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast(
                "SearchResultTask",
                super().get_execution_status_task_list(
                    workflow_id,
                    **{
                        k: v
                        for k, v in {"start": start, "count": count, "status": status}.items()
                        if v is not None
                    },
                    **kwargs,
                ),
            )
        result: SearchResultTask = self.api_client.call_api(
            "GET",
            _ID + "/tasks",
            path_params={"workflowId": workflow_id},
            query=[("start", start), ("count", count), ("status", status)],
            accept="*/*",
            response_type=SearchResultTask,
        )
        return result

    def get_workflows(
        self,
        body: list[str],
        name: str,
        include_closed: bool | None = None,
        include_tasks: bool | None = None,
        **kwargs: Any,
    ) -> dict[str, list[Workflow]]:
        """``POST /workflow/{name}/correlated``: workflows per correlation id."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_workflows(
                body,
                name,
                **{
                    k: v
                    for k, v in {"include_closed": include_closed, "include_tasks": include_tasks}.items()
                    if v is not None
                },
                **kwargs,
            )
        result: dict[str, list[Workflow]] | None = self.api_client.call_api(
            "POST",
            "/workflow/{name}/correlated",
            path_params={"name": name},
            query=[("includeClosed", include_closed), ("includeTasks", include_tasks)],
            body=body,
            accept="*/*",
            response_type=dict[str, list[Workflow]],
        )
        return result or {}

    def get_workflows_by_correlation_id_in_batch(
        self,
        body: CorrelationIdsSearchRequest,
        include_closed: bool | None = None,
        include_tasks: bool | None = None,
        **kwargs: Any,
    ) -> dict[str, list[Workflow]]:
        """``POST /workflow/correlated/batch`` (an Orkes endpoint; OSS servers answer 404)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast(
                "dict[str, list[Workflow]]",
                super().get_workflows_by_correlation_id_in_batch(
                    body,
                    **{
                        k: v
                        for k, v in {"include_closed": include_closed, "include_tasks": include_tasks}.items()
                        if v is not None
                    },
                    **kwargs,
                ),
            )
        result: dict[str, list[Workflow]] | None = self.api_client.call_api(
            "POST",
            "/workflow/correlated/batch",
            query=[("includeClosed", include_closed), ("includeTasks", include_tasks)],
            body=body,
            accept="*/*",
            response_type=dict[str, list[Workflow]],
        )
        return result or {}

    def get_workflows2(
        self,
        name: str,
        correlation_id: str,
        include_closed: bool | None = None,
        include_tasks: bool | None = None,
        **kwargs: Any,
    ) -> list[Workflow]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_workflows2(
                name,
                correlation_id,
                **{
                    k: v
                    for k, v in {"include_closed": include_closed, "include_tasks": include_tasks}.items()
                    if v is not None
                },
                **kwargs,
            )
        result: list[Workflow] | None = self.api_client.call_api(
            "GET",
            "/workflow/{name}/correlated/{correlationId}",
            path_params={"name": name, "correlationId": correlation_id},
            query=[("includeClosed", include_closed), ("includeTasks", include_tasks)],
            accept="*/*",
            response_type=list[Workflow],
        )
        return result or []

    def get_running_workflow(
        self,
        name: str,
        version: int | None = None,
        start_time: int | None = None,
        end_time: int | None = None,
        **kwargs: Any,
    ) -> list[str]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_running_workflow(
                name,
                **{
                    k: v
                    for k, v in {
                        "version": version,
                        "start_time": start_time,
                        "end_time": end_time,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        result: list[str] | None = self.api_client.call_api(
            "GET",
            "/workflow/running/{name}",
            path_params={"name": name},
            query=[("version", version), ("startTime", start_time), ("endTime", end_time)],
            accept="*/*",
            response_type=list[str],
        )
        return result or []

    def search(
        self,
        query_id: str | None = None,
        start: int | None = None,
        size: int | None = None,
        free_text: str | None = None,
        query: str | None = None,
        skip_cache: bool | None = None,
        **kwargs: Any,
    ) -> ScrollableSearchResultWorkflowSummary:
        """``GET /workflow/search``."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().search(
                **{
                    k: v
                    for k, v in {
                        "query_id": query_id,
                        "start": start,
                        "size": size,
                        "free_text": free_text,
                        "query": query,
                        "skip_cache": skip_cache,
                    }.items()
                    if v is not None
                },
                **kwargs,
            )
        result: ScrollableSearchResultWorkflowSummary = self.api_client.call_api(
            "GET",
            "/workflow/search",
            query=[
                ("queryId", query_id),
                ("start", start),
                ("size", size),
                ("freeText", free_text),
                ("query", query),
                ("skipCache", skip_cache),
            ],
            accept="*/*",
            response_type=ScrollableSearchResultWorkflowSummary,
        )
        return result

    # -- control --------------------------------------------------------------------------

    def pause_workflow(self, workflow_id: str, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().pause_workflow(workflow_id, **kwargs)
        self.api_client.call_api("PUT", _ID + "/pause", path_params={"workflowId": workflow_id})

    def resume_workflow(self, workflow_id: str, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().resume_workflow(workflow_id, **kwargs)
        self.api_client.call_api("PUT", _ID + "/resume", path_params={"workflowId": workflow_id})

    def restart(self, workflow_id: str, use_latest_definitions: bool | None = None, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().restart(
                workflow_id,
                **{
                    k: v
                    for k, v in {"use_latest_definitions": use_latest_definitions}.items()
                    if v is not None
                },
                **kwargs,
            )
        self.api_client.call_api(
            "POST",
            _ID + "/restart",
            path_params={"workflowId": workflow_id},
            query=[("useLatestDefinitions", use_latest_definitions)],
        )

    def retry(self, workflow_id: str, resume_subworkflow_tasks: bool | None = None, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().retry(
                workflow_id,
                **{
                    k: v
                    for k, v in {"resume_subworkflow_tasks": resume_subworkflow_tasks}.items()
                    if v is not None
                },
                **kwargs,
            )
        self.api_client.call_api(
            "POST",
            _ID + "/retry",
            path_params={"workflowId": workflow_id},
            query=[("resumeSubworkflowTasks", resume_subworkflow_tasks)],
        )

    def rerun(self, body: RerunWorkflowRequest, workflow_id: str, **kwargs: Any) -> str:
        """``POST /workflow/{id}/rerun``: answers the workflow id (text)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().rerun(body, workflow_id, **kwargs)
        result: str = self.api_client.call_api(
            "POST",
            _ID + "/rerun",
            path_params={"workflowId": workflow_id},
            body=body,
            accept="text/plain",
            response_type=str,
        )
        return result

    def terminate(
        self,
        workflow_id: str,
        reason: str | None = None,
        trigger_failure_workflow: bool | None = None,
        **kwargs: Any,
    ) -> None:
        """``DELETE /workflow/{id}?reason=``: terminate a running workflow."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast(
                "None",
                super().terminate(
                    workflow_id,
                    **{
                        k: v
                        for k, v in {
                            "reason": reason,
                            "trigger_failure_workflow": trigger_failure_workflow,
                        }.items()
                        if v is not None
                    },
                    **kwargs,
                ),
            )
        self.api_client.call_api(
            "DELETE",
            _ID,
            path_params={"workflowId": workflow_id},
            query=[("reason", reason), ("triggerFailureWorkflow", trigger_failure_workflow)],
        )

    def delete(self, workflow_id: str, archive_workflow: bool | None = None, **kwargs: Any) -> None:
        """``DELETE /workflow/{id}/remove``: delete the execution."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast(
                "None",
                super().delete(
                    workflow_id,
                    **{k: v for k, v in {"archive_workflow": archive_workflow}.items() if v is not None},
                    **kwargs,
                ),
            )
        self.api_client.call_api(
            "DELETE",
            _ID + "/remove",
            path_params={"workflowId": workflow_id},
            query=[("archiveWorkflow", archive_workflow)],
        )

    def decide(self, workflow_id: str, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().decide(workflow_id, **kwargs)
        self.api_client.call_api(
            "PUT", "/workflow/decide/{workflowId}", path_params={"workflowId": workflow_id}
        )

    def reset_workflow(self, workflow_id: str, **kwargs: Any) -> None:
        """``POST /workflow/{id}/resetcallbacks``."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().reset_workflow(workflow_id, **kwargs)
        self.api_client.call_api("POST", _ID + "/resetcallbacks", path_params={"workflowId": workflow_id})

    def skip_task_from_workflow(
        self,
        workflow_id: str,
        task_reference_name: str,
        skip_task_request: SkipTaskRequest | None = None,
        **kwargs: Any,
    ) -> None:
        """``PUT /workflow/{id}/skiptask/{ref}``; the optional request travels as a JSON body."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().skip_task_from_workflow(
                workflow_id, task_reference_name, skip_task_request, **kwargs
            )
        self.api_client.call_api(
            "PUT",
            _ID + "/skiptask/{taskReferenceName}",
            path_params={"workflowId": workflow_id, "taskReferenceName": task_reference_name},
            body=skip_task_request if skip_task_request is not None else {},
        )

    def update_workflow_state(self, body: dict[str, Any], workflow_id: str, **kwargs: Any) -> Workflow:
        """``POST /workflow/{id}/variables``: merge ``body`` into the workflow variables."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().update_workflow_state(body, workflow_id, **kwargs)
        workflow: Workflow = self.api_client.call_api(
            "POST",
            _ID + "/variables",
            path_params={"workflowId": workflow_id},
            body=body,
            accept="*/*",
            response_type=Workflow,
        )
        return workflow

    def send_workflow_message(self, body: dict[str, Any], workflow_id: str, **kwargs: Any) -> str:
        """``POST /workflow/{id}/messages`` (optional server feature): answers the message id."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().send_workflow_message(body, workflow_id, **kwargs)
        result: str = self.api_client.call_api(
            "POST",
            _ID + "/messages",
            path_params={"workflowId": workflow_id},
            body=body,
            accept="text/plain",
            response_type=str,
        )
        return result
