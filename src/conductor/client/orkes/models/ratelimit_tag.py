"""``RateLimitTag``: a ``TagObject`` of type ``RATE_LIMIT`` (official ``conductor.client.orkes.models.ratelimit_tag``)."""

from __future__ import annotations

from conductor.client.http.models.tag_object import TagObject

__all__ = ["RateLimitTag"]


class RateLimitTag(TagObject):
    """A tag ``{"key": ..., "type": "RATE_LIMIT", "value": ...}``."""

    def __init__(self, key: str, value: int) -> None:
        super().__init__(key=key, type="RATE_LIMIT", value=value)
