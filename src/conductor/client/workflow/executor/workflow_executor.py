"""``WorkflowExecutor``: the server calls behind the workflow DSL, under the official names.

One :class:`~conductor.client.http.api_client.ApiClient` (one connection pool) serves the
metadata, task and workflow APIs.
"""

from __future__ import annotations

import uuid
from typing import Any

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api.metadata_resource_api import MetadataResourceApi
from conductor.client.http.api.task_resource_api import TaskResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models._serde import JsonValue
from conductor.client.http.models.correlation_ids_search_request import CorrelationIdsSearchRequest
from conductor.client.http.models.rerun_workflow_request import RerunWorkflowRequest
from conductor.client.http.models.scrollable_search_result_workflow_summary import (
    ScrollableSearchResultWorkflowSummary,
)
from conductor.client.http.models.signal_response import SignalResponse
from conductor.client.http.models.skip_task_request import SkipTaskRequest
from conductor.client.http.models.start_workflow_request import StartWorkflowRequest
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.models.workflow import Workflow
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_run import WorkflowRun
from conductor.client.http.models.workflow_status import WorkflowStatus
from conductor.client.orkes.orkes_workflow_client import OrkesWorkflowClient

__all__ = ["WorkflowExecutor"]


class WorkflowExecutor:
    def __init__(self, configuration: Configuration, metrics_collector: object | None = None) -> None:
        api_client = ApiClient(configuration, metrics_collector=metrics_collector)
        self.metadata_client = MetadataResourceApi(api_client)
        self.task_client = TaskResourceApi(api_client)
        self.workflow_client = OrkesWorkflowClient(configuration, metrics_collector, api_client=api_client)

    # -- definitions and starting ----------------------------------------------------------

    def register_workflow(self, workflow: WorkflowDef, overwrite: bool | None = None) -> JsonValue:
        """Create or update a workflow definition (``PUT /metadata/workflow``)."""
        return self.metadata_client.update1(body=[workflow], overwrite=overwrite)

    def start_workflow(self, start_workflow_request: StartWorkflowRequest) -> str:
        """Start a workflow; returns its id."""
        return self.workflow_client.start_workflow(start_workflow_request=start_workflow_request)

    def start_workflows(self, *start_workflow_request: StartWorkflowRequest) -> list[str]:
        """Start several workflows one after the other; returns their ids."""
        return [self.start_workflow(request) for request in start_workflow_request]

    def execute_workflow(
        self,
        request: StartWorkflowRequest,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 10,
        request_id: str | None = None,
    ) -> WorkflowRun:
        """Start and wait until the workflow ends, blocks on a WAIT, ``wait_until_task_ref``
        completes, or ``wait_for_seconds`` pass."""
        return self.workflow_client.execute_workflow(
            start_workflow_request=request,
            request_id=request_id or str(uuid.uuid4()),
            wait_until_task_ref=wait_until_task_ref,
            wait_for_seconds=wait_for_seconds,
        )

    def execute_workflow_with_return_strategy(
        self,
        request: StartWorkflowRequest,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 10,
        request_id: str | None = None,
        consistency: str | None = None,
        return_strategy: str | None = None,
    ) -> SignalResponse:
        return self.workflow_client.execute_workflow_with_return_strategy(
            start_workflow_request=request,
            request_id=request_id or str(uuid.uuid4()),
            wait_until_task_ref=wait_until_task_ref,
            wait_for_seconds=wait_for_seconds,
            consistency=consistency,
            return_strategy=return_strategy,
        )

    def execute(
        self,
        name: str,
        version: int | None = None,
        workflow_input: Any = None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 10,
        request_id: str | None = None,
        correlation_id: str | None = None,
        domain: str | None = None,
    ) -> WorkflowRun:
        """Run a registered workflow synchronously (``domain`` becomes ``{"*": domain}``).

        A run still going after ``wait_for_seconds`` comes back with status RUNNING.
        """
        request = StartWorkflowRequest(
            name=name,
            version=version or None,
            input=workflow_input or {},
            correlation_id=correlation_id,
            task_to_domain={"*": domain} if domain is not None else None,
        )
        return self.workflow_client.execute_workflow(
            start_workflow_request=request,
            request_id=request_id or str(uuid.uuid4()),
            wait_until_task_ref=wait_until_task_ref,
            wait_for_seconds=wait_for_seconds,
        )

    # -- executions ------------------------------------------------------------------------

    def remove_workflow(self, workflow_id: str, archive_workflow: bool | None = None) -> None:
        self.workflow_client.delete_workflow(workflow_id=workflow_id, archive_workflow=archive_workflow)

    def get_workflow(self, workflow_id: str, include_tasks: bool | None = None) -> Workflow:
        return self.workflow_client.get_workflow(
            workflow_id=workflow_id, include_tasks=True if include_tasks is None else include_tasks
        )

    def get_workflow_status(
        self, workflow_id: str, include_output: bool | None = None, include_variables: bool | None = None
    ) -> WorkflowStatus:
        return self.workflow_client.get_workflow_status(
            workflow_id=workflow_id, include_output=include_output, include_variables=include_variables
        )

    def search(
        self,
        query_id: str | None = None,
        start: int | None = None,
        size: int | None = None,
        sort: str | None = None,
        free_text: str | None = None,
        query: str | None = None,
        skip_cache: bool | None = None,
    ) -> ScrollableSearchResultWorkflowSummary:
        return self.workflow_client.search(
            start=start or 0, size=size or 100, free_text=free_text or "*", query=query, query_id=query_id
        )

    def get_by_correlation_ids(
        self,
        workflow_name: str,
        correlation_ids: list[str],
        include_closed: bool | None = None,
        include_tasks: bool | None = None,
    ) -> dict[str, list[Workflow]]:
        return self.workflow_client.get_by_correlation_ids(
            workflow_name=workflow_name,
            correlation_ids=correlation_ids,
            include_completed=bool(include_closed),
            include_tasks=bool(include_tasks),
        )

    def get_by_correlation_ids_and_names(
        self,
        batch_request: CorrelationIdsSearchRequest,
        include_closed: bool | None = None,
        include_tasks: bool | None = None,
    ) -> dict[str, list[Workflow]]:
        return self.workflow_client.get_by_correlation_ids_in_batch(
            batch_request=batch_request,
            include_completed=bool(include_closed),
            include_tasks=bool(include_tasks),
        )

    def pause(self, workflow_id: str) -> None:
        self.workflow_client.pause_workflow(workflow_id=workflow_id)

    def resume(self, workflow_id: str) -> None:
        self.workflow_client.resume_workflow(workflow_id=workflow_id)

    def terminate(
        self, workflow_id: str, reason: str | None = None, trigger_failure_workflow: bool | None = None
    ) -> None:
        self.workflow_client.terminate_workflow(
            workflow_id=workflow_id, reason=reason, trigger_failure_workflow=bool(trigger_failure_workflow)
        )

    def restart(self, workflow_id: str, use_latest_definitions: bool | None = None) -> None:
        self.workflow_client.restart_workflow(workflow_id=workflow_id, use_latest_def=use_latest_definitions)

    def retry(self, workflow_id: str, resume_subworkflow_tasks: bool | None = None) -> None:
        self.workflow_client.retry_workflow(
            workflow_id=workflow_id, resume_subworkflow_tasks=resume_subworkflow_tasks
        )

    def rerun(self, rerun_workflow_request: RerunWorkflowRequest, workflow_id: str) -> str:
        return self.workflow_client.rerun_workflow(
            workflow_id=workflow_id, rerun_workflow_request=rerun_workflow_request
        )

    def skip_task_from_workflow(
        self, workflow_id: str, task_reference_name: str, skip_task_request: SkipTaskRequest | None = None
    ) -> None:
        self.workflow_client.skip_task_from_workflow(
            workflow_id=workflow_id, task_reference_name=task_reference_name, request=skip_task_request
        )

    # -- tasks and signals -----------------------------------------------------------------

    def update_task(self, task_id: str, workflow_id: str, task_output: dict[str, Any], status: str) -> str:
        """Complete (or fail, ...) a task by id (``POST /tasks``)."""
        result = TaskResult(
            workflow_instance_id=workflow_id,
            task_id=task_id,
            output_data=task_output,
            status=TaskResultStatus(status),
        )
        return self.task_client.update_task(body=result)

    def update_task_by_ref_name(
        self, task_output: dict[str, Any], workflow_id: str, task_reference_name: str, status: str
    ) -> str:
        """Complete (or fail, ...) the pending task with this reference name; ``task_output``
        becomes its output."""
        return self.task_client.update_task1(
            body=task_output, workflow_id=workflow_id, task_ref_name=task_reference_name, status=status
        )

    def update_task_by_ref_name_sync(
        self, task_output: dict[str, Any], workflow_id: str, task_reference_name: str, status: str
    ) -> Workflow:
        """Like :meth:`update_task_by_ref_name`, answering the workflow after the update."""
        return self.task_client.update_task_sync(
            body=task_output, workflow_id=workflow_id, task_ref_name=task_reference_name, status=status
        )

    def get_task(self, task_id: str) -> Task:
        return self.task_client.get_task(task_id=task_id)

    def signal(
        self, workflow_id: str, status: str, body: dict[str, Any], return_strategy: str | None = None
    ) -> SignalResponse:
        """Complete the workflow's blocking task (a signal-only WAIT, ...) with ``body`` as its
        output, then wait like ``execute`` and answer the result."""
        return self.task_client.signal_workflow_task_sync(
            workflow_id=workflow_id, status=status, body=body, return_strategy=return_strategy
        )

    def signal_async(self, workflow_id: str, status: str, body: dict[str, Any]) -> None:
        """Complete the workflow's blocking task without waiting."""
        self.task_client.signal_workflow_task_async(workflow_id=workflow_id, status=status, body=body)

    def send_message(self, workflow_id: str, message: dict[str, Any]) -> str:
        return self.workflow_client.send_message(workflow_id, message)
