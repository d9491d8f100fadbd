"""``ExternalStorageLocation``: where a large payload is stored."""

from __future__ import annotations

from dataclasses import dataclass

from conductor.client.http.models._serde import WireModel

__all__ = ["ExternalStorageLocation"]


@dataclass
class ExternalStorageLocation(WireModel):
    uri: str | None = None
    path: str | None = None
