"""``Group``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.role import Role

__all__ = ["Group"]


class Group(WireModel):
    """``Group`` (official ``conductor.client.http.models.group``)."""

    id: str | None = None
    description: str | None = None
    roles: list[Role] | None = None
    default_access: dict[str, list[str]] | None = None
    contact_information: dict[str, str] | None = None
