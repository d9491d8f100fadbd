"""``IntegrationApi``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.tag_object import TagObject

__all__ = ["IntegrationApi"]


class IntegrationApi(WireModel):
    """``IntegrationApi`` (official ``conductor.client.http.models.integration_api``)."""

    api: str | None = None
    configuration: dict[str, Any] | None = None
    created_by: str | None = None
    created_on: int | None = None
    description: str | None = None
    enabled: bool | None = None
    integration_name: str | None = None
    tags: list[TagObject] | None = None
    updated_by: str | None = None
    updated_on: int | None = None
