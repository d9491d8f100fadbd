"""Commands clients send (request bodies), as Conductor names their fields."""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.execution import TaskExecLog
from conductor.server.domain.numbers import Int64
from conductor.server.domain.status import IdempotencyStrategy, TaskResultStatus


class StartWorkflowRequest(msgspec.Struct, rename="camel", kw_only=True):
    name: str | None = None
    version: Int64 | None = None
    correlation_id: str | None = None
    input: dict[str, Any] | None = msgspec.field(default_factory=dict)
    task_to_domain: dict[str, str] | None = None
    workflow_def: WorkflowDef | None = None
    external_input_payload_storage_path: str | None = None
    priority: Int64 | None = 0
    created_by: str | None = None
    idempotency_key: str | None = None
    idempotency_strategy: IdempotencyStrategy | None = None


class TaskResult(msgspec.Struct, rename="camel", kw_only=True):
    workflow_instance_id: str | None = None
    task_id: str | None = None
    status: TaskResultStatus | None = None
    output_data: dict[str, Any] | None = None
    reason_for_incompletion: str | None = None
    callback_after_seconds: Int64 = 0
    worker_id: str | None = None
    logs: list[TaskExecLog] | None = None
    external_output_payload_storage_path: str | None = None
    sub_workflow_id: str | None = None
    extend_lease: bool = False
    supports_cancellation: bool = False
    execution_metadata: dict[str, Any] | None = None


class RerunWorkflowRequest(msgspec.Struct, rename="camel", kw_only=True):
    re_run_from_workflow_id: str | None = None
    workflow_input: dict[str, Any] | None = None
    re_run_from_task_id: str | None = None
    task_input: dict[str, Any] | None = None
    correlation_id: str | None = None


class SkipTaskRequest(msgspec.Struct, rename="camel", kw_only=True):
    task_input: dict[str, Any] | None = None
    task_output: dict[str, Any] | None = None


class BulkResponse(msgspec.Struct, rename="camel", kw_only=True):
    bulk_successful_results: list[Any] = msgspec.field(default_factory=list)
    bulk_error_results: dict[str, str] = msgspec.field(default_factory=dict)


class TaskMock(msgspec.Struct, rename="camel", kw_only=True):
    """One simulated attempt of a task in a workflow test run (Conductor's TaskMock)."""

    status: TaskResultStatus | None = TaskResultStatus.COMPLETED
    output: dict[str, Any] | None = None
    # Milliseconds the attempt ran / waited in its queue: backdate startTime and scheduledTime
    # (how a test simulates a timeout).
    execution_time: Int64 = 0
    queue_wait_time: Int64 = 0


class WorkflowTestRequest(StartWorkflowRequest, kw_only=True):
    """POST /workflow/test: a start request plus mocked attempts by task reference name and,
    by SUB_WORKFLOW reference name, the test requests of the children."""

    task_ref_to_mock_output: dict[str, list[TaskMock]] | None = msgspec.field(default_factory=dict)
    sub_workflow_test_request: dict[str, WorkflowTestRequest] | None = msgspec.field(default_factory=dict)
