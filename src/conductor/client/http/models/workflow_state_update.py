"""``WorkflowStateUpdate``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.task_result import TaskResult

__all__ = ["WorkflowStateUpdate"]


class WorkflowStateUpdate(WireModel):
    """``WorkflowStateUpdate`` (official ``conductor.client.http.models.workflow_state_update``)."""

    task_reference_name: str | None = None
    task_result: TaskResult | None = None
    variables: dict[str, Any] | None = None
