"""``HealthCheckStatus``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.health import Health

__all__ = ["HealthCheckStatus"]


class HealthCheckStatus(WireModel):
    """``HealthCheckStatus`` (official ``conductor.client.http.models.health_check_status``)."""

    health_results: list[Health] | None = None
    suppressed_health_results: list[Health] | None = None
    healthy: bool | None = None
