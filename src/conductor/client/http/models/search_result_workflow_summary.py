"""``SearchResultWorkflowSummary``: a page of search hits (``{"totalHits", "results"}``)."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.workflow_summary import WorkflowSummary

__all__ = ["SearchResultWorkflowSummary"]


class SearchResultWorkflowSummary(WireModel):
    total_hits: int | None = None
    results: list[WorkflowSummary] | None = None
