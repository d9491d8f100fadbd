"""``OrkesWorkflowClient``: start, inspect, control and search workflow executions."""

from __future__ import annotations

import uuid
from typing import Any

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
from conductor.client.http.models.workflow_status import WorkflowStatus
from conductor.client.http.models.workflow_test_request import WorkflowTestRequest
from conductor.client.orkes.orkes_base_client import OrkesBaseClient
from conductor.client.workflow_client import WorkflowClient

__all__ = ["OrkesWorkflowClient"]


class OrkesWorkflowClient(OrkesBaseClient, WorkflowClient):
    def start_workflow_by_name(
        self,
        name: str,
        input: dict[str, Any],
        version: int | None = None,
        correlationId: str | None = None,  # official keyword name
        priority: int | None = None,
    ) -> str:
        """``POST /workflow/{name}`` with ``input`` as the body; returns the workflow id."""
        return self.workflowResourceApi.start_workflow1(
            input,
            name,
            version=version or None,
            correlation_id=correlationId or None,
            priority=priority or None,
        )

    def start_workflow(self, start_workflow_request: StartWorkflowRequest) -> str:
        """``POST /workflow``; returns the workflow id."""
        return self.workflowResourceApi.start_workflow(start_workflow_request)

    def execute_workflow(
        self,
        start_workflow_request: StartWorkflowRequest,
        request_id: str | None = None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 30,
    ) -> WorkflowRun:
        """Start and wait until the workflow ends, blocks (WAIT) or ``wait_for_seconds`` pass."""
        return self.workflowResourceApi.execute_workflow(
            start_workflow_request,
            request_id or str(uuid.uuid4()),
            start_workflow_request.name or "",
            start_workflow_request.version,
            wait_until_task_ref=wait_until_task_ref,
            wait_for_seconds=wait_for_seconds,
        )

    def execute_workflow_with_return_strategy(
        self,
        start_workflow_request: StartWorkflowRequest,
        request_id: str | None = None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 30,
        consistency: str | None = None,
        return_strategy: str | None = None,
    ) -> SignalResponse:
        return self.workflowResourceApi.execute_workflow_with_return_strategy(
            start_workflow_request,
            start_workflow_request.name or "",
            start_workflow_request.version,
            request_id=request_id or str(uuid.uuid4()),
            wait_until_task_ref=wait_until_task_ref,
            wait_for_seconds=wait_for_seconds,
            consistency=consistency or "DURABLE",
            return_strategy=return_strategy or "TARGET_WORKFLOW",
        )

    def pause_workflow(self, workflow_id: str) -> None:
        self.workflowResourceApi.pause_workflow(workflow_id)

    def resume_workflow(self, workflow_id: str) -> None:
        self.workflowResourceApi.resume_workflow(workflow_id)

    def restart_workflow(self, workflow_id: str, use_latest_def: bool | None = False) -> None:
        self.workflowResourceApi.restart(workflow_id, use_latest_definitions=use_latest_def or None)

    def rerun_workflow(self, workflow_id: str, rerun_workflow_request: RerunWorkflowRequest) -> str:
        rerun_workflow_request.re_run_from_workflow_id = workflow_id
        return self.workflowResourceApi.rerun(rerun_workflow_request, workflow_id)

    def retry_workflow(self, workflow_id: str, resume_subworkflow_tasks: bool | None = False) -> None:
        self.workflowResourceApi.retry(workflow_id, resume_subworkflow_tasks=resume_subworkflow_tasks or None)

    def terminate_workflow(
        self, workflow_id: str, reason: str | None = None, trigger_failure_workflow: bool = False
    ) -> None:
        self.workflowResourceApi.terminate(
            workflow_id, reason=reason or None, trigger_failure_workflow=trigger_failure_workflow or None
        )

    def get_workflow(self, workflow_id: str, include_tasks: bool | None = True) -> Workflow:
        """``GET /workflow/{id}?includeTasks=``.

        Unlike the official SDK, ``include_tasks=False`` is sent as ``includeTasks=false``
        (the official one omits it, so the server's default, with tasks, applied).
        """
        return self.workflowResourceApi.get_execution_status(workflow_id, include_tasks=bool(include_tasks))

    def get_workflow_status(
        self, workflow_id: str, include_output: bool | None = None, include_variables: bool | None = None
    ) -> WorkflowStatus:
        return self.workflowResourceApi.get_workflow_status_summary(
            workflow_id, include_output=include_output, include_variables=include_variables
        )

    def delete_workflow(self, workflow_id: str, archive_workflow: bool | None = True) -> None:
        """``DELETE /workflow/{id}/remove?archiveWorkflow=``."""
        self.workflowResourceApi.delete(workflow_id, archive_workflow=archive_workflow)

    def remove_workflow(self, workflow_id: str) -> None:
        self.workflowResourceApi.delete(workflow_id)

    def skip_task_from_workflow(
        self, workflow_id: str, task_reference_name: str, request: SkipTaskRequest | None = None
    ) -> None:
        self.workflowResourceApi.skip_task_from_workflow(workflow_id, task_reference_name, request)

    def test_workflow(self, test_request: WorkflowTestRequest) -> Workflow:
        return self.workflowResourceApi.test_workflow(test_request)

    def search(
        self,
        start: int = 0,
        size: int = 100,
        free_text: str = "*",
        query: str | None = None,
        query_id: str | None = None,
    ) -> ScrollableSearchResultWorkflowSummary:
        return self.workflowResourceApi.search(
            query_id=query_id, start=start, size=size, free_text=free_text, query=query
        )

    def get_by_correlation_ids_in_batch(
        self,
        batch_request: CorrelationIdsSearchRequest,
        include_completed: bool = False,
        include_tasks: bool = False,
    ) -> dict[str, list[Workflow]]:
        return self.workflowResourceApi.get_workflows_by_correlation_id_in_batch(
            batch_request, include_closed=include_completed or None, include_tasks=include_tasks or None
        )

    def get_by_correlation_ids(
        self,
        workflow_name: str,
        correlation_ids: list[str],
        include_completed: bool = False,
        include_tasks: bool = False,
    ) -> dict[str, list[Workflow]]:
        """``POST /workflow/{name}/correlated``: the workflows for each correlation id."""
        return self.workflowResourceApi.get_workflows(
            correlation_ids,
            workflow_name,
            include_closed=include_completed or None,
            include_tasks=include_tasks or None,
        )

    def update_variables(self, workflow_id: str, variables: dict[str, Any] | None = None) -> None:
        self.workflowResourceApi.update_workflow_state(variables or {}, workflow_id)

    def update_state(
        self,
        workflow_id: str,
        update_requesst: Any,
        wait_until_task_ref_names: list[str] | None = None,
        wait_for_seconds: int | None = None,
    ) -> WorkflowRun:
        """``POST /workflow/{id}/state``, as the official client sends it (an Orkes endpoint:
        Conductor OSS and this server answer it with an error, raised as ``ApiException``)."""
        kwargs: dict[str, Any] = {}
        if wait_until_task_ref_names is not None:
            kwargs["wait_until_task_ref"] = ",".join(wait_until_task_ref_names)
        if wait_for_seconds is not None:
            kwargs["wait_for_seconds"] = wait_for_seconds
        return self.workflowResourceApi.update_workflow_and_task_state(
            update_requesst=update_requesst, workflow_id=workflow_id, **kwargs
        )

    def send_message(self, workflow_id: str, message: dict[str, Any]) -> str:
        """Push a message to a running workflow (needs the server's workflow message queue)."""
        return self.workflowResourceApi.send_workflow_message(message, workflow_id)
