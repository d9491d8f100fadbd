"""``RequestParam`` / ``Schema``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["RequestParam", "Schema"]


class RequestParam(WireModel, repr=True):
    """``RequestParam`` (official ``conductor.client.http.models.request_param``)."""

    name: str | None = None
    type: str | None = None
    required: bool | None = False
    schema: Schema | None = None


class Schema(WireModel, repr=True):
    """``Schema`` (official ``conductor.client.http.models.request_param``)."""

    type: str | None = None
    format: str | None = None
    default_value: Any = None
