"""``SubjectRef`` / ``SubjectType``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["SubjectRef", "SubjectType"]


class SubjectRef(WireModel):
    """``SubjectRef`` (official ``conductor.client.http.models.subject_ref``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "type": ("USER", "ROLE", "GROUP"),
    }

    type: str | None = None
    id: str | None = None


class SubjectType(str, Enum):
    USER = "USER"
    ROLE = "ROLE"
    GROUP = "GROUP"
    TAG = "TAG"

    def __str__(self) -> str:
        return str(self.value)
