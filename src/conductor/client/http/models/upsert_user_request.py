"""``RolesEnum`` / ``UpsertUserRequest``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["RolesEnum", "UpsertUserRequest"]


class RolesEnum(str, Enum):
    ADMIN = "ADMIN"
    USER = "USER"
    WORKER = "WORKER"
    METADATA_MANAGER = "METADATA_MANAGER"
    WORKFLOW_MANAGER = "WORKFLOW_MANAGER"

    def __str__(self) -> str:
        return str(self.value)


class UpsertUserRequest(WireModel):
    """``UpsertUserRequest`` (official ``conductor.client.http.models.upsert_user_request``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "roles": ("ADMIN", "USER", "WORKER", "METADATA_MANAGER", "WORKFLOW_MANAGER"),
    }

    name: str | None = None
    roles: list[str] | None = None
    groups: list[str] | None = None
    contact_information: dict[str, str] | None = None
