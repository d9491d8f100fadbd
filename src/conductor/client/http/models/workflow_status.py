"""``WorkflowStatus``: the short status summary of ``GET /workflow/{id}/status``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.workflow_run import _WorkflowStatusChecks

__all__ = ["WorkflowStatus"]


class WorkflowStatus(_WorkflowStatusChecks, WireModel):
    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "status": ("RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED", "PAUSED"),
    }
    workflow_id: str | None = None
    correlation_id: str | None = None
    output: dict[str, Any] | None = None
    variables: dict[str, Any] | None = None
    status: str | None = None
