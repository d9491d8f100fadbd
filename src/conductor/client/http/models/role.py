"""``Role``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.permission import Permission

__all__ = ["Role"]


class Role(WireModel):
    """``Role`` (official ``conductor.client.http.models.role``)."""

    name: str | None = None
    permissions: list[Permission] | None = None
