"""``UpsertGroupRequest``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["UpsertGroupRequest"]


class UpsertGroupRequest(WireModel):
    """``UpsertGroupRequest`` (official ``conductor.client.http.models.upsert_group_request``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "roles": ("ADMIN", "USER", "WORKER", "METADATA_MANAGER", "WORKFLOW_MANAGER"),
    }

    description: str | None = None
    roles: list[str] | None = None
    default_access: dict[str, list[str]] | None = None
