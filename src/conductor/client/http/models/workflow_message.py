"""``WorkflowMessage``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["WorkflowMessage"]


class WorkflowMessage(WireModel, repr=True):
    """``WorkflowMessage`` (official ``conductor.client.http.models.workflow_message``)."""

    id: str | None = None
    workflow_id: str | None = None
    payload: dict[str, Any] | None = None
    received_at: str | None = None
