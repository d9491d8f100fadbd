"""``WorkflowTag``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.rate_limit import RateLimit

__all__ = ["WorkflowTag"]


class WorkflowTag(WireModel):
    """``WorkflowTag`` (official ``conductor.client.http.models.workflow_tag``)."""

    rate_limit: RateLimit | None = None
