"""The official ``conductor.client.automator.utils`` conversion helpers.

The official SDK converts task inputs to annotated parameter types with these functions
(built on ``dacite``); ours binds inputs in :mod:`conductor.client.worker.input_binding`
(``msgspec``), and these names answer with that same conversion, for code that calls them
directly.
"""

from __future__ import annotations

import datetime
import typing
from collections.abc import Mapping
from typing import Any

from conductor.client.configuration.configuration import Configuration
from conductor.client.worker.input_binding import convert_input_value

__all__ = [
    "Configuration",
    "collection_types",
    "convert_from_dict",
    "convert_from_dict_or_list",
    "dict_types",
    "get_value",
    "simple_types",
]

#: Annotations whose values are passed through unconverted (as the official table).
simple_types: set[Any] = {int, float, str, bool, datetime.date, datetime.datetime, object}
dict_types: set[Any] = {dict, typing.Dict, Mapping}  # noqa: UP006 - the official table's members
collection_types: set[Any] = {list, typing.List, typing.Set}  # noqa: UP006 - as above


def convert_from_dict_or_list(cls: Any, data: Any) -> Any:
    """``data`` as ``cls``; a list converts item by item to ``cls``'s item type (``list[X]``
    gives ``X``; an unparameterised ``cls`` converts each item to ``cls`` itself)."""
    if isinstance(data, list):
        args = typing.get_args(cls)
        item_type = args[0] if args else cls
        return [convert_from_dict(item_type, item) for item in data]
    return convert_from_dict(cls, data)


def convert_from_dict(cls: Any, data: Any) -> Any:
    """``data`` (decoded JSON) as an instance of ``cls``: a dataclass (a partial one when
    fields are missing), a wire model, ``list[X]``, ``dict[str, X]``...; ``None`` and values
    already of type ``cls`` are returned as they are. Raises ``TypeError`` when the data
    cannot be converted."""
    if data is None:
        return None
    if isinstance(cls, type) and isinstance(data, cls):
        return data
    return convert_input_value(data, cls)


def get_value(typ: Any, val: Any) -> Any:
    """``val`` as ``typ`` (one list item or dict value; simple types pass through)."""
    if typ in simple_types:
        return val
    return convert_input_value(val, typ)
