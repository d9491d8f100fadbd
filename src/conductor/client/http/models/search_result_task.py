"""``SearchResultTask``: a page of search hits (``{"totalHits", "results"}``)."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task import Task

__all__ = ["SearchResultTask"]


class SearchResultTask(WireModel):
    total_hits: int | None = None
    results: list[Task] | None = None
