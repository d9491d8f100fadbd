"""``SearchResultWorkflowScheduleExecutionModel``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.workflow_schedule_execution_model import WorkflowScheduleExecutionModel

__all__ = ["SearchResultWorkflowScheduleExecutionModel"]


class SearchResultWorkflowScheduleExecutionModel(WireModel):
    """``SearchResultWorkflowScheduleExecutionModel`` (official ``conductor.client.http.models.search_result_workflow_schedule_execution_model``)."""

    total_hits: int | None = None
    results: list[WorkflowScheduleExecutionModel] | None = None
