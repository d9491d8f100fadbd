"""``RequestParam`` / ``Schema``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` aliases, validation) lives in ``_serde``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["RequestParam", "Schema"]


@dataclass
class RequestParam(WireModel):
    """``RequestParam`` (official ``conductor.client.http.models.request_param``)."""

    name: str | None = None
    type: str | None = None
    required: bool | None = False
    schema: Schema | None = None


@dataclass
class Schema(WireModel):
    """``Schema`` (official ``conductor.client.http.models.request_param``)."""

    type: str | None = None
    format: str | None = None
    default_value: Any = None
