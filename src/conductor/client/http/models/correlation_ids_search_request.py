"""``CorrelationIdsSearchRequest``: body of the (Orkes) batch correlation-id lookup."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["CorrelationIdsSearchRequest"]


class CorrelationIdsSearchRequest(WireModel):
    correlation_ids: list[str] | None = None
    workflow_names: list[str] | None = None
