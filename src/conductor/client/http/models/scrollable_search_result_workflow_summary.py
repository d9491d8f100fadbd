"""``ScrollableSearchResultWorkflowSummary``: what ``WorkflowClient.search`` returns."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.workflow_summary import WorkflowSummary

__all__ = ["ScrollableSearchResultWorkflowSummary"]


class ScrollableSearchResultWorkflowSummary(WireModel):
    """Search page. Unlike the official model it also keeps the server's ``totalHits``."""

    results: list[WorkflowSummary] | None = None
    query_id: str | None = None
    total_hits: int | None = None
