"""``TaskDetails``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["TaskDetails"]


class TaskDetails(WireModel):
    """``TaskDetails`` (official ``conductor.client.http.models.task_details``)."""

    workflow_id: str | None = None
    task_ref_name: str | None = None
    output: dict[str, Any] | None = None
    task_id: str | None = None

    def put_output_item(self, key: str, output_item: Any) -> TaskDetails:
        """Add ``key: output_item`` to ``output`` (created when unset); returns self."""
        if self.output is None:
            self.output = {}
        self.output[key] = output_item
        return self
