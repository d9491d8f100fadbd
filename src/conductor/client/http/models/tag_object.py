"""``TagObject`` / ``TypeEnum``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["TagObject", "TypeEnum"]


class TagObject(WireModel):
    """``TagObject`` (official ``conductor.client.http.models.tag_object``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "type": ("METADATA", "RATE_LIMIT"),
    }

    key: str | None = None
    type: str | None = None
    value: Any = None


class TypeEnum(str, Enum):
    METADATA = "METADATA"
    RATE_LIMIT = "RATE_LIMIT"

    def __str__(self) -> str:
        return str(self.value)
