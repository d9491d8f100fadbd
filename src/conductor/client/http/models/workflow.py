"""``Workflow``: a workflow execution as returned by ``GET /workflow/{id}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task import Task
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_run import _TaskLookup, _WorkflowStatusChecks

__all__ = ["Workflow"]


class Workflow(_WorkflowStatusChecks, _TaskLookup, WireModel):
    """A workflow execution; ``tasks`` is ordered by ``seq``."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "status": ("RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", "PAUSED"),
    }

    owner_app: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    created_by: str | None = None
    updated_by: str | None = None
    status: str | None = None
    end_time: int | None = None
    workflow_id: str | None = None
    parent_workflow_id: str | None = None
    parent_workflow_task_id: str | None = None
    tasks: list[Task] | None = None
    input: dict[str, Any] | None = None
    output: dict[str, Any] | None = None
    correlation_id: str | None = None
    re_run_from_workflow_id: str | None = None
    reason_for_incompletion: str | None = None
    event: str | None = None
    task_to_domain: dict[str, str] | None = None
    failed_reference_task_names: list[str] | None = None
    workflow_definition: WorkflowDef | None = None
    external_input_payload_storage_path: str | None = None
    external_output_payload_storage_path: str | None = None
    priority: int | None = None
    variables: dict[str, Any] | None = None
    last_retried_time: int | None = None
    start_time: int | None = None
    workflow_name: str | None = None
    workflow_version: int | None = None
    failed_task_names: list[str] | None = None
    history: list[Workflow] | None = None
    idempotency_key: str | None = None
    rate_limit_key: str | None = None
    rate_limited: bool | None = None
