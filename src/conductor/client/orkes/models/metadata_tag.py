"""``MetadataTag``: a ``TagObject`` of type ``METADATA`` (official ``conductor.client.orkes.models.metadata_tag``)."""

from __future__ import annotations

from conductor.client.http.models.tag_object import TagObject

__all__ = ["MetadataTag"]


class MetadataTag(TagObject):
    """A tag ``{"key": ..., "type": "METADATA", "value": ...}``."""

    def __init__(self, key: str, value: str) -> None:
        super().__init__(key=key, type="METADATA", value=value)
