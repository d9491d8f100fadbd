"""``TagString`` / ``TypeEnum``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["TagString", "TypeEnum"]


class TagString(WireModel):
    """``TagString`` (official ``conductor.client.http.models.tag_string``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "type": ("METADATA", "RATE_LIMIT"),
    }

    key: str | None = None
    type: str | None = None
    value: str | None = None


class TypeEnum(str, Enum):
    METADATA = "METADATA"
    RATE_LIMIT = "RATE_LIMIT"

    def __str__(self) -> str:
        return str(self.value)
