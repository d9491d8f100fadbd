"""``SchemaDef``: a JSON schema attached to a task or workflow definition."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["SchemaDef", "SchemaType"]


class SchemaType(StrEnum):
    JSON = "JSON"
    AVRO = "AVRO"
    PROTOBUF = "PROTOBUF"


class SchemaDef(WireModel):
    name: str | None = None
    version: int | None = 1
    type: SchemaType | None = None
    data: dict[str, Any] | None = None
    external_ref: str | None = None
    owner_app: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    created_by: str | None = None
    updated_by: str | None = None

    def get_create_time(self) -> int:
        """``create_time``, or 0 when unset (the official Java-style accessor)."""
        return 0 if self.create_time is None else self.create_time

    def get_update_time(self) -> int:
        """``update_time``, or 0 when unset (the official Java-style accessor)."""
        return 0 if self.update_time is None else self.update_time
