"""``StartWorkflow``: the ``startWorkflow`` action of an event handler."""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["StartWorkflow"]


class StartWorkflow(WireModel):
    name: str | None = None
    version: int | None = None
    correlation_id: str | None = None
    input: dict[str, Any] | None = None
    task_to_domain: dict[str, str] | None = None
