"""``GrantedPermission``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["GrantedPermission"]


class GrantedPermission(WireModel):
    """``GrantedPermission`` (official ``conductor.client.orkes.models.granted_permission``)."""

    target: Any = None
    access: Any = None
