"""``ObjectMapper``: JSON <-> models, as the official SDK's ``conductor.client.helpers.helper``.

Ours delegates to the SDK's one serialiser (``http/models/_serde.py``): ``to_json`` gives
Conductor's camelCase JSON (``None`` fields left out), ``from_json`` builds a model from a class or
an official swagger type name (``"Task"``, ``"list[Task]"``, ``"dict(str, Task)"``).
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from conductor.client.http.models._serde import from_json_value, swagger_type, to_json_value

__all__ = ["ObjectMapper"]


class ObjectMapper:
    PRIMITIVE_TYPES: ClassVar[tuple[type, ...]] = (float, bool, bytes, str, int)
    NATIVE_TYPES_MAPPING: ClassVar[dict[str, type]] = {
        "int": int,
        "long": int,
        "float": float,
        "str": str,
        "bool": bool,
        "date": datetime.date,
        "datetime": datetime.datetime,
        "object": object,
    }

    def to_json(self, obj: Any) -> Any:
        """Plain JSON data for ``obj`` (a tuple stays a tuple, as in the official mapper)."""
        if isinstance(obj, tuple):
            return tuple(self.to_json(item) for item in obj)
        if isinstance(obj, bytes):
            return obj
        return to_json_value(obj)

    def from_json(self, data: Any, klass: Any) -> Any:
        """``data`` (decoded JSON) as ``klass``: a class or an official swagger type name."""
        if data is None:
            return None
        hint = swagger_type(klass) if isinstance(klass, str) else klass
        if hint is object:
            return data
        if hint in (datetime.date, datetime.datetime) and isinstance(data, str):
            parsed = datetime.datetime.fromisoformat(data)
            return parsed.date() if hint is datetime.date else parsed
        if hint in (int, float, str, bool):
            try:
                return hint(data)
            except (TypeError, ValueError):
                return data
        return from_json_value(hint, data)
