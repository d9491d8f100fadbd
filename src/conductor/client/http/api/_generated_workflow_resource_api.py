"""``GeneratedWorkflowResourceApi``: the official methods behind our ``WorkflowResourceApi`` (its base class).

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.correlation_ids_search_request import CorrelationIdsSearchRequest
from conductor.client.http.models.rerun_workflow_request import RerunWorkflowRequest
from conductor.client.http.models.scrollable_search_result_workflow_summary import (
    ScrollableSearchResultWorkflowSummary,
)
from conductor.client.http.models.signal_response import SignalResponse
from conductor.client.http.models.skip_task_request import SkipTaskRequest
from conductor.client.http.models.start_workflow_request import StartWorkflowRequest
from conductor.client.http.models.workflow import Workflow
from conductor.client.http.models.workflow_run import WorkflowRun
from conductor.client.http.models.workflow_state_update import WorkflowStateUpdate
from conductor.client.http.models.workflow_status import WorkflowStatus
from conductor.client.http.models.workflow_test_request import WorkflowTestRequest

__all__ = ["GeneratedWorkflowResourceApi"]


class GeneratedWorkflowResourceApi:
    """The official ``GeneratedWorkflowResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def decide(self, workflow_id: str, **kwargs: Any) -> None:
        """``PUT /workflow/decide/{workflowId}``: Starts the decision task for a workflow. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.decide_with_http_info(workflow_id, **kwargs))

    def decide_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`decide`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/workflow/decide/{workflowId}",
            path_params={"workflowId": workflow_id},
        )

    def execute_workflow(
        self, body: Any, request_id: Any, name: Any, version: Any, **kwargs: Any
    ) -> WorkflowRun:
        """``POST /workflow/execute/{name}/{version}``: POST /workflow/execute/{name}/{version}. Optional:
        wait_until_task_ref, wait_for_seconds. Answers ``WorkflowRun``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "WorkflowRun", self.execute_workflow_with_http_info(body, request_id, name, version, **kwargs)
        )

    def execute_workflow_with_http_info(
        self, body: Any, request_id: Any, name: Any, version: Any, **kwargs: Any
    ) -> Any:
        """As :meth:`execute_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/execute/{name}/{version}",
            path_params={"name": name, "version": version},
            query=[
                ("requestId", request_id),
                ("waitUntilTaskRef", kwargs.get("wait_until_task_ref")),
                ("waitForSeconds", kwargs.get("wait_for_seconds")),
            ],
            body=body,
            response_type=WorkflowRun,
        )

    def execute_workflow_as_api(self, body: dict[str, Any], name: str, **kwargs: Any) -> dict[str, Any]:
        """``POST /workflow/execute/{name}``: Execute a workflow synchronously with input and outputs.
        Optional: request_id, wait_until_task_ref, wait_for_seconds, authorization, version. Answers
        ``dict(str, object)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, Any]", self.execute_workflow_as_api_with_http_info(body, name, **kwargs))

    def execute_workflow_as_api_with_http_info(self, body: dict[str, Any], name: str, **kwargs: Any) -> Any:
        """As :meth:`execute_workflow_as_api`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/execute/{name}",
            path_params={"name": name},
            query=[("version", kwargs.get("version"))],
            body=body,
            response_type=dict[str, object],
        )

    def execute_workflow_as_get_api(self, name: str, **kwargs: Any) -> dict[str, Any]:
        """``GET /workflow/execute/{name}``: Execute a workflow synchronously with input and outputs using
        get api. Optional: version, request_id, wait_until_task_ref, wait_for_seconds, authorization.
        Answers ``dict(str, object)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, Any]", self.execute_workflow_as_get_api_with_http_info(name, **kwargs))

    def execute_workflow_as_get_api_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`execute_workflow_as_get_api`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/execute/{name}",
            path_params={"name": name},
            query=[("version", kwargs.get("version"))],
            response_type=dict[str, object],
        )

    def get_execution_status(self, workflow_id: str, **kwargs: Any) -> Workflow:
        """``GET /workflow/{workflowId}``: Gets the workflow by workflow id. Optional: include_tasks,
        summarize. Answers ``Workflow``."""
        kwargs["_return_http_data_only"] = True
        return cast("Workflow", self.get_execution_status_with_http_info(workflow_id, **kwargs))

    def get_execution_status_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_execution_status`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/{workflowId}",
            path_params={"workflowId": workflow_id},
            query=[("includeTasks", kwargs.get("include_tasks")), ("summarize", kwargs.get("summarize"))],
            accept="*/*",
            response_type=Workflow,
        )

    def get_execution_status_task_list(self, workflow_id: str, **kwargs: Any) -> Any:
        """``GET /workflow/{workflowId}/tasks``: Gets the workflow tasks by workflow id. Optional: start,
        count, status. Answers ``TaskListSearchResultSummary``."""
        kwargs["_return_http_data_only"] = True
        return self.get_execution_status_task_list_with_http_info(workflow_id, **kwargs)

    def get_execution_status_task_list_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_execution_status_task_list`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/{workflowId}/tasks",
            path_params={"workflowId": workflow_id},
            query=[
                ("start", kwargs.get("start")),
                ("count", kwargs.get("count")),
                ("status", kwargs.get("status")),
            ],
            accept="*/*",
            response_type=object,
        )

    def get_running_workflow(self, name: str, **kwargs: Any) -> list[str]:
        """``GET /workflow/running/{name}``: Retrieve all the running workflows. Optional: version,
        start_time, end_time. Answers ``list[str]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[str]", self.get_running_workflow_with_http_info(name, **kwargs))

    def get_running_workflow_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_running_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/running/{name}",
            path_params={"name": name},
            query=[
                ("version", kwargs.get("version")),
                ("startTime", kwargs.get("start_time")),
                ("endTime", kwargs.get("end_time")),
            ],
            accept="*/*",
            response_type=list[str],
        )

    def get_workflow_status_summary(self, workflow_id: str, **kwargs: Any) -> WorkflowStatus:
        """``GET /workflow/{workflowId}/status``: Gets the workflow by workflow id. Optional:
        include_output, include_variables. Answers ``WorkflowStatus``."""
        kwargs["_return_http_data_only"] = True
        return cast("WorkflowStatus", self.get_workflow_status_summary_with_http_info(workflow_id, **kwargs))

    def get_workflow_status_summary_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_workflow_status_summary`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/{workflowId}/status",
            path_params={"workflowId": workflow_id},
            query=[
                ("includeOutput", kwargs.get("include_output")),
                ("includeVariables", kwargs.get("include_variables")),
            ],
            accept="*/*",
            response_type=WorkflowStatus,
        )

    def get_workflows(self, body: list[str], name: str, **kwargs: Any) -> dict[str, list[Workflow]]:
        """``POST /workflow/{name}/correlated``: Lists workflows for the given correlation id list.
        Optional: include_closed, include_tasks. Answers ``dict(str, list[Workflow])``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, list[Workflow]]", self.get_workflows_with_http_info(body, name, **kwargs))

    def get_workflows_with_http_info(self, body: list[str], name: str, **kwargs: Any) -> Any:
        """As :meth:`get_workflows`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{name}/correlated",
            path_params={"name": name},
            query=[
                ("includeClosed", kwargs.get("include_closed")),
                ("includeTasks", kwargs.get("include_tasks")),
            ],
            body=body,
            accept="*/*",
            response_type=dict[str, list[Workflow]],
        )

    def get_workflows2(self, name: str, correlation_id: str, **kwargs: Any) -> list[Workflow]:
        """``GET /workflow/{name}/correlated/{correlationId}``: Lists workflows for the given correlation
        id. Optional: include_closed, include_tasks. Answers ``list[Workflow]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[Workflow]", self.get_workflows2_with_http_info(name, correlation_id, **kwargs))

    def get_workflows2_with_http_info(self, name: str, correlation_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_workflows2`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/{name}/correlated/{correlationId}",
            path_params={"name": name, "correlationId": correlation_id},
            query=[
                ("includeClosed", kwargs.get("include_closed")),
                ("includeTasks", kwargs.get("include_tasks")),
            ],
            accept="*/*",
            response_type=list[Workflow],
        )

    def jump_to_task(self, body: dict[str, Any], workflow_id: str, **kwargs: Any) -> None:
        """``POST /workflow/{workflowId}/jump/{taskReferenceName}``: Jump workflow execution to given task.
        Optional: task_reference_name. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.jump_to_task_with_http_info(body, workflow_id, **kwargs))

    def jump_to_task_with_http_info(self, body: dict[str, Any], workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`jump_to_task`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/jump/{taskReferenceName}",
            path_params={"workflowId": workflow_id},
            query=[("taskReferenceName", kwargs.get("task_reference_name"))],
            body=body,
        )

    def pause_workflow(self, workflow_id: str, **kwargs: Any) -> None:
        """``PUT /workflow/{workflowId}/pause``: Pauses the workflow. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.pause_workflow_with_http_info(workflow_id, **kwargs))

    def pause_workflow_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`pause_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/workflow/{workflowId}/pause",
            path_params={"workflowId": workflow_id},
        )

    def rerun(self, body: RerunWorkflowRequest, workflow_id: str, **kwargs: Any) -> str:
        """``POST /workflow/{workflowId}/rerun``: Reruns the workflow from a specific task. Answers
        ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.rerun_with_http_info(body, workflow_id, **kwargs))

    def rerun_with_http_info(self, body: RerunWorkflowRequest, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`rerun`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/rerun",
            path_params={"workflowId": workflow_id},
            body=body,
            accept="text/plain",
            response_type=str,
        )

    def reset_workflow(self, workflow_id: str, **kwargs: Any) -> None:
        """``POST /workflow/{workflowId}/resetcallbacks``: Resets callback times of all non-terminal SIMPLE
        tasks to 0. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.reset_workflow_with_http_info(workflow_id, **kwargs))

    def reset_workflow_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`reset_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/resetcallbacks",
            path_params={"workflowId": workflow_id},
        )

    def restart(self, workflow_id: str, **kwargs: Any) -> None:
        """``POST /workflow/{workflowId}/restart``: Restarts a completed workflow. Optional:
        use_latest_definitions. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.restart_with_http_info(workflow_id, **kwargs))

    def restart_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`restart`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/restart",
            path_params={"workflowId": workflow_id},
            query=[("useLatestDefinitions", kwargs.get("use_latest_definitions"))],
        )

    def resume_workflow(self, workflow_id: str, **kwargs: Any) -> None:
        """``PUT /workflow/{workflowId}/resume``: Resumes the workflow. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.resume_workflow_with_http_info(workflow_id, **kwargs))

    def resume_workflow_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`resume_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/workflow/{workflowId}/resume",
            path_params={"workflowId": workflow_id},
        )

    def retry(self, workflow_id: str, **kwargs: Any) -> None:
        """``POST /workflow/{workflowId}/retry``: Retries the last failed task. Optional:
        resume_subworkflow_tasks, retry_if_retried_by_parent. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.retry_with_http_info(workflow_id, **kwargs))

    def retry_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """As :meth:`retry`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/retry",
            path_params={"workflowId": workflow_id},
            query=[
                ("resumeSubworkflowTasks", kwargs.get("resume_subworkflow_tasks")),
                ("retryIfRetriedByParent", kwargs.get("retry_if_retried_by_parent")),
            ],
        )

    def search(self, **kwargs: Any) -> ScrollableSearchResultWorkflowSummary:
        """``GET /workflow/search``: Search for workflows based on payload and other parameters. Optional:
        query_id, start, size, free_text, query, skip_cache. Answers
        ``ScrollableSearchResultWorkflowSummary``."""
        kwargs["_return_http_data_only"] = True
        return cast("ScrollableSearchResultWorkflowSummary", self.search_with_http_info(**kwargs))

    def search_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`search`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/workflow/search",
            query=[
                ("queryId", kwargs.get("query_id")),
                ("start", kwargs.get("start")),
                ("size", kwargs.get("size")),
                ("freeText", kwargs.get("free_text")),
                ("query", kwargs.get("query")),
                ("skipCache", kwargs.get("skip_cache")),
            ],
            accept="*/*",
            response_type=ScrollableSearchResultWorkflowSummary,
        )

    def skip_task_from_workflow(
        self,
        workflow_id: str,
        task_reference_name: str,
        skip_task_request: SkipTaskRequest | None,
        **kwargs: Any,
    ) -> None:
        """``PUT /workflow/{workflowId}/skiptask/{taskReferenceName}``: Skips a given task from a current
        running workflow. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None",
            self.skip_task_from_workflow_with_http_info(
                workflow_id, task_reference_name, skip_task_request, **kwargs
            ),
        )

    def skip_task_from_workflow_with_http_info(
        self,
        workflow_id: str,
        task_reference_name: str,
        skip_task_request: SkipTaskRequest | None,
        **kwargs: Any,
    ) -> Any:
        """As :meth:`skip_task_from_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/workflow/{workflowId}/skiptask/{taskReferenceName}",
            path_params={"workflowId": workflow_id, "taskReferenceName": task_reference_name},
            query=[("skipTaskRequest", skip_task_request)],
        )

    def start_workflow(self, body: StartWorkflowRequest, **kwargs: Any) -> str:
        """``POST /workflow``: Start a new workflow with StartWorkflowRequest, which allows task to be
        executed in a domain. Answers ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.start_workflow_with_http_info(body, **kwargs))

    def start_workflow_with_http_info(self, body: StartWorkflowRequest, **kwargs: Any) -> Any:
        """As :meth:`start_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow",
            body=body,
            accept="text/plain",
            response_type=str,
        )

    def start_workflow1(self, body: dict[str, Any], name: str, **kwargs: Any) -> str:
        """``POST /workflow/{name}``: Start a new workflow. Returns the ID of the workflow instance that can
        be later used for tracking. Optional: version, correlation_id, priority. Answers ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.start_workflow1_with_http_info(body, name, **kwargs))

    def start_workflow1_with_http_info(self, body: dict[str, Any], name: str, **kwargs: Any) -> Any:
        """As :meth:`start_workflow1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{name}",
            path_params={"name": name},
            query=[
                ("version", kwargs.get("version")),
                ("correlationId", kwargs.get("correlation_id")),
                ("priority", kwargs.get("priority")),
            ],
            body=body,
            accept="text/plain",
            response_type=str,
        )

    def terminate1(self, workflow_id: Any, **kwargs: Any) -> None:
        """``DELETE /workflow/{workflowId}``: deprecated:: Please use terminate(workflow_id) method.
        Optional: reason, trigger_failure_workflow. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.terminate1_with_http_info(workflow_id, **kwargs))

    def terminate1_with_http_info(self, workflow_id: Any, **kwargs: Any) -> Any:
        """As :meth:`terminate1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/workflow/{workflowId}",
            path_params={"workflowId": workflow_id},
            query=[
                ("reason", kwargs.get("reason")),
                ("triggerFailureWorkflow", kwargs.get("trigger_failure_workflow")),
            ],
        )

    def test_workflow(self, body: WorkflowTestRequest, **kwargs: Any) -> Workflow:
        """``POST /workflow/test``: Test workflow execution using mock data. Answers ``Workflow``."""
        kwargs["_return_http_data_only"] = True
        return cast("Workflow", self.test_workflow_with_http_info(body, **kwargs))

    def test_workflow_with_http_info(self, body: WorkflowTestRequest, **kwargs: Any) -> Any:
        """As :meth:`test_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/test",
            body=body,
            response_type=Workflow,
        )

    def update_workflow_state(self, body: dict[str, Any], workflow_id: str, **kwargs: Any) -> Workflow:
        """``POST /workflow/{workflowId}/variables``: Update workflow variables. Answers ``Workflow``."""
        kwargs["_return_http_data_only"] = True
        return cast("Workflow", self.update_workflow_state_with_http_info(body, workflow_id, **kwargs))

    def update_workflow_state_with_http_info(
        self, body: dict[str, Any], workflow_id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`update_workflow_state`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/variables",
            path_params={"workflowId": workflow_id},
            body=body,
            accept="*/*",
            response_type=Workflow,
        )

    def upgrade_running_workflow_to_version(self, body: Any, workflow_id: str, **kwargs: Any) -> None:
        """``POST /workflow/{workflowId}/upgrade``: Upgrade running workflow to newer version. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None", self.upgrade_running_workflow_to_version_with_http_info(body, workflow_id, **kwargs)
        )

    def upgrade_running_workflow_to_version_with_http_info(
        self, body: Any, workflow_id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`upgrade_running_workflow_to_version`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/upgrade",
            path_params={"workflowId": workflow_id},
            body=body,
        )

    def update_workflow_and_task_state(
        self, update_requesst: WorkflowStateUpdate, workflow_id: str, **kwargs: Any
    ) -> WorkflowRun:
        """``POST /workflow/{workflowId}/state``: update a task and the workflow's variables in one
        call. Optional: request_id (a fresh UUID when omitted: the official method refers to an
        undefined ``request_id`` and raises ``NameError``), wait_until_task_ref, wait_for_seconds.
        Answers ``WorkflowRun``."""
        kwargs["_return_http_data_only"] = True
        request_id = kwargs.pop("request_id", None) or str(uuid.uuid4())
        return cast(
            "WorkflowRun",
            self.update_workflow_and_task_state_with_http_info(
                update_requesst, request_id, workflow_id, **kwargs
            ),
        )

    def update_workflow_and_task_state_with_http_info(
        self, body: WorkflowStateUpdate, request_id: str, workflow_id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`update_workflow_and_task_state`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/state",
            path_params={"workflowId": workflow_id},
            query=[
                ("requestId", request_id),
                ("waitUntilTaskRef", kwargs.get("wait_until_task_ref")),
                ("waitForSeconds", kwargs.get("wait_for_seconds")),
            ],
            body=body,
            response_type=WorkflowRun,
        )

    # -- official methods outside the swagger pattern ----------------------------------------

    def delete1_with_http_info(self, workflow_id: str, **kwargs: Any) -> Any:
        """``DELETE /workflow/{workflowId}/remove`` (the official twin of ``delete``).
        Optional: archive_workflow."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/workflow/{workflowId}/remove",
            path_params={"workflowId": workflow_id},
            query=[("archiveWorkflow", kwargs.get("archive_workflow"))],
        )

    def get_workflows1_with_http_info(self, body: CorrelationIdsSearchRequest, **kwargs: Any) -> Any:
        """``POST /workflow/correlated/batch`` (the official twin of
        ``get_workflows_by_correlation_id_in_batch``). Optional: include_closed, include_tasks."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/correlated/batch",
            query=[
                ("includeClosed", kwargs.get("include_closed")),
                ("includeTasks", kwargs.get("include_tasks")),
            ],
            body=body,
            response_type=dict[str, list[Workflow]],
        )

    def delete(self, workflow_id: str, **kwargs: Any) -> Any:
        """``DELETE /workflow/{workflowId}/remove``: remove the execution. Optional: archive_workflow."""
        kwargs["_return_http_data_only"] = True
        return self.delete1_with_http_info(workflow_id, **kwargs)

    def terminate(self, workflow_id: str, **kwargs: Any) -> Any:
        """``DELETE /workflow/{workflowId}``: terminate. Optional: reason, trigger_failure_workflow."""
        kwargs["_return_http_data_only"] = True
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/workflow/{workflowId}",
            path_params={"workflowId": workflow_id},
            query=[
                ("reason", kwargs.get("reason")),
                ("triggerFailureWorkflow", kwargs.get("trigger_failure_workflow")),
            ],
        )

    def get_workflows_by_correlation_id_in_batch(
        self, body: CorrelationIdsSearchRequest, **kwargs: Any
    ) -> Any:
        """``POST /workflow/correlated/batch``. Optional: include_closed, include_tasks."""
        kwargs["_return_http_data_only"] = True
        return self.get_workflows1_with_http_info(body, **kwargs)

    def get_workflows_batch(self, body: CorrelationIdsSearchRequest, **kwargs: Any) -> Any:
        """Deprecated official alias of ``get_workflows_by_correlation_id_in_batch``."""
        kwargs["_return_http_data_only"] = True
        return self.get_workflows1_with_http_info(body, **kwargs)

    def pause_workflow1(self, workflow_id: str, **kwargs: Any) -> Any:
        """Deprecated official alias of ``pause_workflow``."""
        return self.pause_workflow(workflow_id, **kwargs)

    def resume_workflow1(self, workflow_id: str, **kwargs: Any) -> Any:
        """Deprecated official alias of ``resume_workflow``."""
        return self.resume_workflow(workflow_id, **kwargs)

    def restart1(self, workflow_id: str, **kwargs: Any) -> Any:
        """Deprecated official alias of ``restart``."""
        return self.restart(workflow_id, **kwargs)

    def retry1(self, workflow_id: str, **kwargs: Any) -> Any:
        """Deprecated official alias of ``retry``."""
        return self.retry(workflow_id, **kwargs)

    def execute_workflow_with_return_strategy(
        self, body: StartWorkflowRequest, name: str, version: int | None, **kwargs: Any
    ) -> SignalResponse:
        """``POST /workflow/execute/{name}/{version}``: Execute a workflow synchronously with reactive
        response. Optional: request_id, wait_until_task_ref, wait_for_seconds, consistency, return_strategy,
        async_req, _return_http_data_only, _preload_content, _request_timeout. Answers
        ``SignalResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "SignalResponse",
            self.execute_workflow_with_return_strategy_with_http_info(body, name, version, **kwargs),
        )

    def execute_workflow_with_return_strategy_with_http_info(
        self, body: StartWorkflowRequest, name: str, version: int | None, **kwargs: Any
    ) -> Any:
        """As :meth:`execute_workflow_with_return_strategy`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/execute/{name}/{version}",
            path_params={"name": name, "version": version},
            query=[
                ("requestId", kwargs.get("request_id")),
                ("waitUntilTaskRef", kwargs.get("wait_until_task_ref")),
                ("waitForSeconds", kwargs.get("wait_for_seconds")),
                ("consistency", kwargs.get("consistency")),
                ("returnStrategy", kwargs.get("return_strategy")),
            ],
            body=body,
            response_type=SignalResponse,
        )

    def send_workflow_message(self, body: dict[str, Any], workflow_id: str, **kwargs: Any) -> str:
        """``POST /workflow/{workflowId}/messages``: Push a message into a running workflow's message queue
        (WMQ). Answers ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.send_workflow_message_with_http_info(body, workflow_id, **kwargs))

    def send_workflow_message_with_http_info(
        self, body: dict[str, Any], workflow_id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`send_workflow_message`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/{workflowId}/messages",
            path_params={"workflowId": workflow_id},
            body=body,
            accept="text/plain",
            response_type=str,
        )
