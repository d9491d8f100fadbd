"""``SkipTaskRequest``: input/output recorded for a skipped task."""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["SkipTaskRequest"]


class SkipTaskRequest(WireModel):
    task_input: dict[str, Any] | None = None
    task_output: dict[str, Any] | None = None
