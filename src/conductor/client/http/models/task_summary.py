"""``TaskSummary``: one hit of ``GET /tasks/search`` (times are ISO strings)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["TaskSummary"]


class TaskSummary(WireModel):
    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "status": (
            "IN_PROGRESS",
            "CANCELED",
            "FAILED",
            "FAILED_WITH_TERMINAL_ERROR",
            "COMPLETED",
            "COMPLETED_WITH_ERRORS",
            "SCHEDULED",
            "TIMED_OUT",
            "SKIPPED",
        ),
    }
    workflow_id: str | None = None
    workflow_type: str | None = None
    correlation_id: str | None = None
    scheduled_time: str | None = None
    start_time: str | None = None
    update_time: str | None = None
    end_time: str | None = None
    status: str | None = None
    reason_for_incompletion: str | None = None
    execution_time: int | None = None
    queue_wait_time: int | None = None
    task_def_name: str | None = None
    task_type: str | None = None
    input: str | None = None
    output: str | None = None
    task_id: str | None = None
    external_input_payload_storage_path: str | None = None
    external_output_payload_storage_path: str | None = None
    workflow_priority: int | None = None
    domain: str | None = None
