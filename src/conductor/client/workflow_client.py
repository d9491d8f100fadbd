"""``WorkflowClient``: the interface for starting, inspecting and controlling workflows."""

from __future__ import annotations

from abc import ABC, abstractmethod
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

__all__ = ["WorkflowClient"]


class WorkflowClient(ABC):
    @abstractmethod
    def start_workflow(self, start_workflow_request: StartWorkflowRequest) -> str: ...

    @abstractmethod
    def get_workflow(self, workflow_id: str, include_tasks: bool | None = True) -> Workflow: ...

    @abstractmethod
    def get_workflow_status(
        self, workflow_id: str, include_output: bool | None = None, include_variables: bool | None = None
    ) -> WorkflowStatus: ...

    @abstractmethod
    def delete_workflow(self, workflow_id: str, archive_workflow: bool | None = True) -> None: ...

    @abstractmethod
    def terminate_workflow(
        self, workflow_id: str, reason: str | None = None, trigger_failure_workflow: bool = False
    ) -> None: ...

    @abstractmethod
    def execute_workflow(
        self,
        start_workflow_request: StartWorkflowRequest,
        request_id: str | None = None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 30,
    ) -> WorkflowRun: ...

    @abstractmethod
    def execute_workflow_with_return_strategy(
        self,
        start_workflow_request: StartWorkflowRequest,
        request_id: str | None = None,
        wait_until_task_ref: str | None = None,
        wait_for_seconds: int = 30,
        consistency: str | None = None,
        return_strategy: str | None = None,
    ) -> SignalResponse: ...

    @abstractmethod
    def pause_workflow(self, workflow_id: str) -> None: ...

    @abstractmethod
    def resume_workflow(self, workflow_id: str) -> None: ...

    @abstractmethod
    def restart_workflow(self, workflow_id: str, use_latest_def: bool | None = False) -> None: ...

    @abstractmethod
    def retry_workflow(self, workflow_id: str, resume_subworkflow_tasks: bool | None = False) -> None: ...

    @abstractmethod
    def rerun_workflow(self, workflow_id: str, rerun_workflow_request: RerunWorkflowRequest) -> str: ...

    @abstractmethod
    def skip_task_from_workflow(
        self, workflow_id: str, task_reference_name: str, request: SkipTaskRequest | None = None
    ) -> None: ...

    @abstractmethod
    def test_workflow(self, test_request: WorkflowTestRequest) -> Workflow: ...

    @abstractmethod
    def search(
        self,
        start: int = 0,
        size: int = 100,
        free_text: str = "*",
        query: str | None = None,
        query_id: str | None = None,
    ) -> ScrollableSearchResultWorkflowSummary: ...

    @abstractmethod
    def get_by_correlation_ids_in_batch(
        self,
        batch_request: CorrelationIdsSearchRequest,
        include_completed: bool = False,
        include_tasks: bool = False,
    ) -> dict[str, list[Workflow]]: ...

    @abstractmethod
    def get_by_correlation_ids(
        self,
        workflow_name: str,
        correlation_ids: list[str],
        include_completed: bool = False,
        include_tasks: bool = False,
    ) -> dict[str, list[Workflow]]: ...

    @abstractmethod
    def remove_workflow(self, workflow_id: str) -> None: ...

    @abstractmethod
    def update_variables(self, workflow_id: str, variables: dict[str, Any] | None = None) -> None: ...

    @abstractmethod
    def update_state(
        self,
        workflow_id: str,
        update_requesst: Any,
        wait_until_task_ref_names: list[str] | None = None,
        wait_for_seconds: int | None = None,
    ) -> WorkflowRun: ...

    @abstractmethod
    def send_message(self, workflow_id: str, message: dict[str, Any]) -> str: ...
