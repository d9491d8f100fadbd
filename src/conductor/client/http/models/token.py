"""``Token``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["Token"]


class Token(WireModel, repr=True):
    """``Token`` (official ``conductor.client.http.models.token``)."""

    token: str | None = None
