"""``SearchResultWorkflow``: a page of search hits (``{"totalHits", "results"}``)."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.workflow import Workflow

__all__ = ["SearchResultWorkflow"]


class SearchResultWorkflow(WireModel):
    total_hits: int | None = None
    results: list[Workflow] | None = None
