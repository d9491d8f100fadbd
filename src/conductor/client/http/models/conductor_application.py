"""``ConductorApplication``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["ConductorApplication"]


class ConductorApplication(WireModel):
    """``ConductorApplication`` (official ``conductor.client.http.models.conductor_application``)."""

    id: str | None = None
    name: str | None = None
    created_by: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    updated_by: str | None = None
