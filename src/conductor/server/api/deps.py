"""What route handlers get from the application state (built by bootstrap)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.datastructures import State

from conductor.server.metrics import Metrics
from conductor.server.persistence.search import SearchQuery
from conductor.server.services.events import EventService
from conductor.server.services.metadata import MetadataService
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService


@dataclass
class Services:
    metadata: MetadataService
    workflows: WorkflowService
    tasks: TaskService
    events: EventService
    metrics: Metrics
    # Java-style map.toString used by search summaries.
    to_string: Any = str
    version: str = "0.0.0"


def services(state: State) -> Services:
    svc = state["services"]
    assert isinstance(svc, Services)
    return svc


def parse_bool(value: str | None, default: bool) -> bool:
    """Spring's lenient booleans; the Python SDK sends `True`/`False` on POST/PUT/DELETE."""
    if value is None or value == "":
        return default
    return value.strip().lower() in ("true", "1", "yes", "on")


def search_query(
    state: State,
    shape: str,
    start: int,
    size: int,
    sort: str | None,
    free_text: str | None,
    query: str | None,
    target: str = "workflow",
) -> SearchQuery:
    """Conductor's search parameters (`start`, `size`, `sort`, `freeText`, `query`) as a query."""
    return SearchQuery(
        query=query or "",
        free_text=free_text or "*",
        sort=sort or "",
        start=start,
        size=size,
        shape=shape,
        to_string=services(state).to_string,
        target=target,
    )
