"""``RequestParam`` / ``ServiceMethod``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["RequestParam", "ServiceMethod"]


class RequestParam(WireModel, repr=True):
    """``RequestParam`` (official ``conductor.client.http.models.service_method``)."""

    name: Any = None
    type: Any = None
    required: Any = False
    description: Any = None


class ServiceMethod(WireModel, repr=True):
    """``ServiceMethod`` (official ``conductor.client.http.models.service_method``)."""

    id: int | None = None
    operation_name: str | None = None
    method_name: str | None = None
    method_type: str | None = None
    input_type: str | None = None
    output_type: str | None = None
    request_params: list[RequestParam] | None = field(default_factory=list)  # official default
    example_input: Any = field(default_factory=dict)  # official default
