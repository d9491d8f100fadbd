"""``ConductorUser``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.group import Group
    from conductor.client.http.models.role import Role

__all__ = ["ConductorUser"]


class ConductorUser(WireModel):
    """``ConductorUser`` (official ``conductor.client.http.models.conductor_user``)."""

    id: str | None = None
    name: str | None = None
    roles: list[Role] | None = None
    groups: list[Group] | None = None
    uuid: str | None = None
    application_user: bool | None = None
    encrypted_id: bool | None = None
    encrypted_id_display_value: str | None = None
    contact_information: dict[str, str] | None = None
    namespace: str | None = None
