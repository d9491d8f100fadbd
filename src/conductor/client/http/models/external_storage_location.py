"""``ExternalStorageLocation``: where a large payload is stored."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["ExternalStorageLocation"]


class ExternalStorageLocation(WireModel):
    uri: str | None = None
    path: str | None = None
