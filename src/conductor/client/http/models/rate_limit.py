"""``RateLimit``: a workflow definition's ``rateLimitConfig``."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["RateLimit", "RateLimitConfig"]


class RateLimit(WireModel):
    tag: str | None = None
    concurrent_execution_limit: int | None = None
    rate_limit_key: str | None = None
    concurrent_exec_limit: int | None = None
    policy: str | None = None


#: The name the server uses for this object.
RateLimitConfig = RateLimit
