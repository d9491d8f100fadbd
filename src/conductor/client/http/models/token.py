"""``Token``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` aliases, validation) lives in ``_serde``.
"""

from __future__ import annotations

from dataclasses import dataclass

from conductor.client.http.models._serde import WireModel

__all__ = ["Token"]


@dataclass
class Token(WireModel):
    """``Token`` (official ``conductor.client.http.models.token``)."""

    token: str | None = None
