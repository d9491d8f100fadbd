"""``WorkflowSummary``: one hit of ``GET /workflow/search`` (times are ISO strings)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["WorkflowSummary"]


class WorkflowSummary(WireModel):
    """Search summary. ``input``/``output`` are strings and ``failed_reference_task_names``
    is comma-joined, as the server indexes them."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "status": ("RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", "PAUSED"),
    }

    workflow_type: str | None = None
    version: int | None = None
    workflow_id: str | None = None
    correlation_id: str | None = None
    start_time: str | None = None
    update_time: str | None = None
    end_time: str | None = None
    status: str | None = None
    input: str | None = None
    output: str | None = None
    reason_for_incompletion: str | None = None
    execution_time: int | None = None
    event: str | None = None
    failed_reference_task_names: str | None = None
    external_input_payload_storage_path: str | None = None
    external_output_payload_storage_path: str | None = None
    priority: int | None = None
    created_by: str | None = None
    output_size: int | None = None
    input_size: int | None = None
    failed_task_names: list[str] | None = field(default_factory=list)  # official default
    task_to_domain: dict[str, str] | None = None
    idempotency_key: str | None = None
    parent_workflow_id: str | None = None
