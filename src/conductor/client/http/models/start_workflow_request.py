"""``StartWorkflowRequest``: body of ``POST /workflow`` and of synchronous execution."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.workflow_def import WorkflowDef

__all__ = ["IdempotencyStrategy", "StartWorkflowRequest"]


class IdempotencyStrategy(StrEnum):
    FAIL = "FAIL"
    RETURN_EXISTING = "RETURN_EXISTING"
    FAIL_ON_RUNNING = "FAIL_ON_RUNNING"


class StartWorkflowRequest(WireModel):
    """Start a workflow by name/version, or with an inline ``workflow_def``.

    Like the official SDK, ``idempotencyStrategy`` is always sent (``FAIL``).
    """

    name: str | None = None
    version: int | None = None
    correlation_id: str | None = None
    input: dict[str, Any] | None = None
    task_to_domain: dict[str, str] | None = None
    workflow_def: WorkflowDef | None = None
    external_input_payload_storage_path: str | None = None
    priority: int | None = None
    created_by: str | None = None
    idempotency_key: str | None = None
    idempotency_strategy: IdempotencyStrategy | None = IdempotencyStrategy.FAIL
