"""``Permission``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["Permission"]


class Permission(WireModel):
    """``Permission`` (official ``conductor.client.http.models.permission``)."""

    name: str | None = None
