"""``EventHandler``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.action import Action

__all__ = ["EventHandler"]


class EventHandler(WireModel):
    """``EventHandler`` (official ``conductor.client.http.models.event_handler``)."""

    name: str | None = None
    event: str | None = None
    condition: str | None = None
    actions: list[Action] | None = None
    active: bool | None = None
    evaluator_type: str | None = None
