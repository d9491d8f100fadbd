"""``IntegrationDef``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["IntegrationDef"]


class IntegrationDef(WireModel):
    """``IntegrationDef`` (official ``conductor.client.http.models.integration_def``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "category": ("API", "AI_MODEL", "VECTOR_DB", "RELATIONAL_DB"),
    }

    _swagger_names: ClassVar[Mapping[str, str]] = {
        "configuration": "list[IntegrationDefFormField]",
    }
    category: str | None = None
    category_label: str | None = None
    configuration: list[Any] | None = None
    description: str | None = None
    enabled: bool | None = None
    icon_name: str | None = None
    name: str | None = None
    tags: list[str] | None = None
    type: str | None = None
