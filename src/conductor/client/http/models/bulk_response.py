"""``BulkResponse``: per-item outcome of a bulk operation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["BulkResponse"]


@dataclass
class BulkResponse(WireModel):
    bulk_error_results: dict[str, str] | None = None
    bulk_successful_results: list[Any] | None = None
    message: str | None = None

    def append_successful_response(self, result: Any) -> None:
        if self.bulk_successful_results is None:
            self.bulk_successful_results = []
        self.bulk_successful_results.append(result)

    def append_failed_response(self, id: str, error_message: str) -> None:
        if self.bulk_error_results is None:
            self.bulk_error_results = {}
        self.bulk_error_results[id] = error_message
