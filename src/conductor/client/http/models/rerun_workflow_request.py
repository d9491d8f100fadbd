"""``RerunWorkflowRequest``: body of ``POST /workflow/{id}/rerun``."""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["RerunWorkflowRequest"]


class RerunWorkflowRequest(WireModel):
    """Rerun a terminal workflow, whole or from ``re_run_from_task_id``."""

    re_run_from_workflow_id: str | None = None
    workflow_input: dict[str, Any] | None = None
    re_run_from_task_id: str | None = None
    task_input: dict[str, Any] | None = None
    correlation_id: str | None = None
