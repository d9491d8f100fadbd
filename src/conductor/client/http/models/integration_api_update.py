"""``Frequency`` / ``IntegrationApiUpdate``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["Frequency", "IntegrationApiUpdate"]


class Frequency(str, Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    def __str__(self) -> str:
        return str(self.value)


class IntegrationApiUpdate(WireModel):
    """``IntegrationApiUpdate`` (official ``conductor.client.http.models.integration_api_update``)."""

    configuration: dict[str, Any] | None = None
    description: str | None = None
    enabled: bool | None = None
    max_tokens: int | None = None
    frequency: Frequency | None = None
