"""``SubWorkflowParams``: what a SUB_WORKFLOW / START_WORKFLOW task starts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.workflow_def import WorkflowDef

__all__ = ["SubWorkflowParams"]


class SubWorkflowParams(WireModel):
    """``workflow_definition`` is an inline :class:`WorkflowDef` or a ``${...}`` expression."""

    name: str | None = None
    version: int | None = None
    task_to_domain: dict[str, str] | None = None
    workflow_definition: WorkflowDef | str | None = None
    idempotency_key: str | None = None
    idempotency_strategy: str | None = None
    priority: Any = None
