"""``TargetRef`` / ``TargetType``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["TargetRef", "TargetType"]


class TargetRef(WireModel):
    """``TargetRef`` (official ``conductor.client.http.models.target_ref``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "type": ("WORKFLOW_DEF", "TASK_DEF", "APPLICATION", "USER", "SECRET", "SECRET_NAME", "TAG", "DOMAIN"),
    }

    # The official constructor validates ``type`` even when it is not given.
    _required: ClassVar[frozenset[str]] = frozenset({"type"})

    type: str | None = None
    id: str | None = None


class TargetType(str, Enum):
    WORKFLOW_DEF = "WORKFLOW_DEF"
    TASK_DEF = "TASK_DEF"
    APPLICATION = "APPLICATION"
    USER = "USER"
    SECRET = "SECRET"
    SECRET_NAME = "SECRET_NAME"
    TAG = "TAG"
    DOMAIN = "DOMAIN"

    def __str__(self) -> str:
        return str(self.value)
