"""What route handlers get from the application state (built by bootstrap)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar.datastructures import State
from litestar.params import Parameter

from conductor.server.domain.nesting import DEFAULT_MAX_JSON_DEPTH
from conductor.server.domain.numbers import INT64_MAX, INT64_MIN
from conductor.server.metrics import Metrics
from conductor.server.persistence.search import SearchQuery
from conductor.server.services.events import EventService
from conductor.server.services.metadata import MetadataService
from conductor.server.services.scheduler import SchedulerService
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService

# Every integer query / path parameter: a value beyond 64 bits is a 400 naming the parameter
# (it reached SQLite as an OverflowError, a 500 on 13 endpoints).
Int64Param = Annotated[int, Parameter(ge=INT64_MIN, le=INT64_MAX)]
OptionalInt64Param = Annotated[int | None, Parameter(ge=INT64_MIN, le=INT64_MAX)]


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
    # PYCONDUCTOR_MAX_JSON_DEPTH: request bodies nested deeper are refused (api/limits.py).
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH
    # /api/scheduler; None only in apps built without bootstrap (its routes then fail).
    scheduler: SchedulerService | None = None


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
