"""``SearchResultTaskSummary``: a page of search hits (``{"totalHits", "results"}``)."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task_summary import TaskSummary

__all__ = ["SearchResultTaskSummary"]


class SearchResultTaskSummary(WireModel):
    total_hits: int | None = None
    results: list[TaskSummary] | None = None
