"""``Integration``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.integration_api import IntegrationApi
    from conductor.client.http.models.tag_object import TagObject

__all__ = ["Integration"]


class Integration(WireModel):
    """``Integration`` (official ``conductor.client.http.models.integration``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "category": ("API", "AI_MODEL", "VECTOR_DB", "RELATIONAL_DB"),
    }

    category: str | None = None
    configuration: dict[str, Any] | None = None
    created_by: str | None = None
    created_on: int | None = None
    description: str | None = None
    enabled: bool | None = None
    models_count: int | None = None
    name: str | None = None
    tags: list[TagObject] | None = None
    type: str | None = None
    updated_by: str | None = None
    updated_on: int | None = None
    apis: list[IntegrationApi] | None = None
