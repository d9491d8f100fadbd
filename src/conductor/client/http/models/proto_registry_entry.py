"""``ProtoRegistryEntry``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["ProtoRegistryEntry"]


class ProtoRegistryEntry(WireModel, repr=True):
    """``ProtoRegistryEntry`` (official ``conductor.client.http.models.proto_registry_entry``)."""

    _swagger_names: ClassVar[Mapping[str, str]] = {
        "data": "bytes",
    }

    service_name: str | None = None
    filename: str | None = None
    data: Any = None
