"""``BulkResponse``: per-item outcome of a bulk operation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["BulkResponse"]


class BulkResponse(WireModel):
    _swagger_names: ClassVar[Mapping[str, str]] = {"bulk_successful_results": "list[str]"}

    # Defaults as the official constructor sets them.
    bulk_error_results: dict[str, str] | None = field(default_factory=dict)
    bulk_successful_results: list[Any] | None = field(default_factory=list)
    message: str | None = "Bulk Request has been processed."

    def append_successful_response(self, result: Any) -> None:
        if self.bulk_successful_results is None:
            self.bulk_successful_results = []
        self.bulk_successful_results.append(result)

    def append_failed_response(self, id: str, error_message: str) -> None:
        if self.bulk_error_results is None:
            self.bulk_error_results = {}
        self.bulk_error_results[id] = error_message
