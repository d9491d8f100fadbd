"""``Auditable``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["Auditable"]


class Auditable(WireModel, repr=True):
    """``Auditable`` (official ``conductor.client.http.models.auditable``)."""

    owner_app: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    created_by: str | None = None
    updated_by: str | None = None

    def get_create_time(self) -> int:
        """``create_time``, or 0 when unset (the official Java-style accessor)."""
        return 0 if self.create_time is None else self.create_time

    def get_update_time(self) -> int:
        """``update_time``, or 0 when unset (the official Java-style accessor)."""
        return 0 if self.update_time is None else self.update_time
