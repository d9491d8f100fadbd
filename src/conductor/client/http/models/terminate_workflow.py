"""``TerminateWorkflow``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["TerminateWorkflow"]


class TerminateWorkflow(WireModel, repr=True):
    """``TerminateWorkflow`` (official ``conductor.client.http.models.terminate_workflow``)."""

    workflow_id: Any = None
    termination_reason: Any = None

    def to_dict(self) -> dict[str, Any]:
        """As the official (hand-written) model: camelCase keys, ``None`` kept."""
        return {key: getattr(self, attr) for attr, key in self.attribute_map.items()}
