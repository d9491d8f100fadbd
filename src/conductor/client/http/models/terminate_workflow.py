"""``TerminateWorkflow``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` aliases, validation) lives in ``_serde``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["TerminateWorkflow"]


@dataclass
class TerminateWorkflow(WireModel):
    """``TerminateWorkflow`` (official ``conductor.client.http.models.terminate_workflow``)."""

    workflow_id: Any = None
    termination_reason: Any = None
