"""``Response``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["Response"]


class Response(WireModel):
    """``Response`` (official ``conductor.client.http.models.response``): an empty model the
    official SDK's swagger generator emitted; kept for code that imports it."""
