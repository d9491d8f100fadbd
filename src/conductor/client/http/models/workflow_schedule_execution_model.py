"""``WorkflowScheduleExecutionModel``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.start_workflow_request import StartWorkflowRequest

__all__ = ["WorkflowScheduleExecutionModel"]


class WorkflowScheduleExecutionModel(WireModel):
    """``WorkflowScheduleExecutionModel`` (official ``conductor.client.http.models.workflow_schedule_execution_model``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "state": ("POLLED", "FAILED", "EXECUTED"),
    }

    execution_id: str | None = None
    schedule_name: str | None = None
    scheduled_time: int | None = None
    execution_time: int | None = None
    workflow_name: str | None = None
    workflow_id: str | None = None
    reason: str | None = None
    stack_trace: str | None = None
    start_workflow_request: StartWorkflowRequest | None = None
    state: str | None = None
    zone_id: str | None = None
    org_id: str | None = None
