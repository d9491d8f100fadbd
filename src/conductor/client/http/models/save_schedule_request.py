"""``SaveScheduleRequest``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.start_workflow_request import StartWorkflowRequest

__all__ = ["SaveScheduleRequest"]


class SaveScheduleRequest(WireModel):
    """``SaveScheduleRequest`` (official ``conductor.client.http.models.save_schedule_request``)."""

    name: str | None = None
    cron_expression: str | None = None
    run_catchup_schedule_instances: bool | None = None
    paused: bool | None = None
    start_workflow_request: StartWorkflowRequest | None = None
    created_by: str | None = None
    updated_by: str | None = None
    schedule_start_time: int | None = None
    schedule_end_time: int | None = None
    zone_id: str | None = None
    description: str | None = None
