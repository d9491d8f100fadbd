"""``WorkflowTestRequest``: a dry run with mocked task outputs (``POST /workflow/test``)."""

from __future__ import annotations

from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.workflow_def import WorkflowDef

__all__ = ["TaskMock", "WorkflowTestRequest"]


class TaskMock(WireModel):
    status: str | None = "COMPLETED"
    output: dict[str, Any] | None = None
    execution_time: int | None = None
    queue_wait_time: int | None = None


class WorkflowTestRequest(WireModel):
    # The official setter rejects a None name (the constructor may leave it out).
    _not_none: ClassVar[frozenset[str]] = frozenset({"name"})

    correlation_id: str | None = None
    created_by: str | None = None
    external_input_payload_storage_path: str | None = None
    input: dict[str, Any] | None = None
    name: str | None = None
    priority: int | None = None
    sub_workflow_test_request: dict[str, WorkflowTestRequest] | None = None
    task_ref_to_mock_output: dict[str, list[TaskMock]] | None = None
    task_to_domain: dict[str, str] | None = None
    version: int | None = None
    workflow_def: WorkflowDef | None = None
