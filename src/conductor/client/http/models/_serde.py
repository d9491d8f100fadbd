"""The one mapping between our snake_case model attributes and Conductor's camelCase JSON.

Every wire model is a plain dataclass deriving from :class:`WireModel`. The JSON key of a
field is derived mechanically (``workflow_instance_id`` -> ``workflowInstanceId``); a model
lists the rare exceptions in ``_json_names``. Nested models, lists and maps of models and
enums are found from the field's type hints once per class and cached, so decoding a poll
response is one dictionary walk.

Encoding rules follow Conductor's server (Jackson ``NON_NULL``): a model field that is
``None`` is omitted, empty collections are kept, and ``None`` values *inside* plain dicts are
kept. Decoding is lenient like Jackson's configuration: unknown keys are ignored and an enum
value we do not know is kept as the raw string instead of failing.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import decimal
import enum
import re
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self, TypeVar

__all__ = [
    "JsonValue",
    "WireModel",
    "camel_case",
    "from_json_value",
    "to_json_value",
]

#: A decoded JSON document (dict, list, str, int, float, bool or None). Kept as ``Any``
#: because this is the one boundary where the shape is not known statically.
JsonValue = Any

Decoder = Callable[[Any], Any]
M = TypeVar("M", bound="WireModel")

_CAMEL_RE = re.compile(r"_([a-z0-9])")

# Every WireModel subclass by class name: lets type hints written as forward references
# (models that refer to each other, e.g. WorkflowDef <-> SubWorkflowParams) resolve lazily.
_MODEL_CLASSES: dict[str, type[WireModel]] = {}


def camel_case(name: str) -> str:
    """``workflow_instance_id`` -> ``workflowInstanceId``."""
    return _CAMEL_RE.sub(lambda match: match.group(1).upper(), name)


@dataclasses.dataclass(frozen=True)
class _Field:
    attr: str
    key: str
    decode: Decoder | None


class _ModelSpec:
    """Per-class cache: the fields in declaration order and the JSON key -> field lookup."""

    def __init__(self, cls: type[WireModel]) -> None:
        hints = typing.get_type_hints(cls, localns=dict(_MODEL_CLASSES))
        overrides = cls._json_names
        self.fields: tuple[_Field, ...] = tuple(
            _Field(
                attr=field.name,
                key=overrides.get(field.name, camel_case(field.name)),
                decode=_decoder_for(hints.get(field.name, Any)),
            )
            for field in dataclasses.fields(cls)  # type: ignore[arg-type]
            if field.init
        )
        self.by_key: dict[str, _Field] = {f.key: f for f in self.fields}
        self.hints = hints


_SPECS: dict[type[WireModel], _ModelSpec] = {}


def _spec(cls: type[WireModel]) -> _ModelSpec:
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _ModelSpec(cls)
    return spec


class _AttributeMap:
    """``Model.attribute_map``: the official SDK's ``{attribute: jsonKey}`` table, derived."""

    def __get__(self, obj: object, owner: type[WireModel]) -> dict[str, str]:
        return {f.attr: f.key for f in _spec(owner).fields}


class _SwaggerTypes:
    """``Model.swagger_types``: ``{attribute: type description}``, kept for code that reads it."""

    def __get__(self, obj: object, owner: type[WireModel]) -> dict[str, str]:
        spec = _spec(owner)
        return {f.attr: _describe(spec.hints.get(f.attr, Any)) for f in spec.fields}


def _describe(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


class WireModel:
    """Base class of every ``conductor.client.http.models`` dataclass."""

    #: Attribute -> JSON key, only where the mechanical camelCase rule does not apply.
    _json_names: ClassVar[Mapping[str, str]] = {}

    attribute_map: ClassVar[_AttributeMap] = _AttributeMap()
    swagger_types: ClassVar[_SwaggerTypes] = _SwaggerTypes()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _MODEL_CLASSES[cls.__name__] = cls

    def to_dict(self) -> dict[str, JsonValue]:
        """The Conductor JSON object for this model (camelCase keys, ``None`` fields omitted)."""
        out: dict[str, JsonValue] = {}
        for field in _spec(type(self)).fields:
            value = getattr(self, field.attr)
            if value is not None:
                out[field.key] = to_json_value(value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, JsonValue]) -> Self:
        """Build the model from a Conductor JSON object; unknown keys are ignored."""
        by_key = _spec(cls).by_key
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            field = by_key.get(key)
            if field is None:
                continue
            if field.decode is not None and value is not None:
                value = field.decode(value)
            kwargs[field.attr] = value
        return cls(**kwargs)

    def to_str(self) -> str:
        return repr(self)


def from_json_value(hint: Any, data: JsonValue) -> Any:
    """Decode ``data`` as ``hint`` (a model class, ``list[Model]``, ``dict[str, Model]``, ...)."""
    if data is None:
        return None
    decode = _decoder_for(hint)
    return decode(data) if decode is not None else data


def to_json_value(value: Any) -> JsonValue:
    """Turn ``value`` into plain JSON data, the way the official SDK's serialiser does.

    Models become their camelCase dict, dataclasses their fields, enums their value,
    dates ISO strings, other objects their non-``None`` attributes, and anything else
    its ``str()``.
    """
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if isinstance(value, WireModel):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return to_json_value(value.value)
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, Mapping):
        return {_json_key(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json_value(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    attribute_map = getattr(type(value), "attribute_map", None)
    swagger_types = getattr(type(value), "swagger_types", None)
    if isinstance(attribute_map, Mapping) and isinstance(swagger_types, Mapping):
        # A swagger-style object (the DSL's HttpInput, user classes written for the official
        # SDK): its non-None attributes under their JSON names, as the official serialiser does.
        return {
            attribute_map[attr]: to_json_value(getattr(value, attr))
            for attr in swagger_types
            if getattr(value, attr, None) is not None
        }
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        return {k: to_json_value(v) for k, v in attributes.items() if v is not None}
    return str(value)


def _json_key(key: Any) -> Any:
    return key.value if isinstance(key, enum.Enum) else key


def _decoder_for(hint: Any) -> Decoder | None:
    """A function turning JSON data into ``hint``, or None when the data is used as is."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        decoders = [d for d in (_decoder_for(a) for a in args if a is not type(None)) if d is not None]
        return decoders[0] if decoders else None
    if isinstance(hint, type) and issubclass(hint, WireModel):
        return _model_decoder(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_decoder(hint)
    if origin is list and args:
        item = _decoder_for(args[0])
        if item is not None:
            return lambda v: [item(i) if i is not None else None for i in v] if isinstance(v, list) else v
        return None
    if origin is dict and len(args) == 2:
        value_decoder = _decoder_for(args[1])
        if value_decoder is not None:
            return lambda v: (
                {k: value_decoder(i) if i is not None else None for k, i in v.items()}
                if isinstance(v, dict)
                else v
            )
    return None


def _model_decoder(cls: type[WireModel]) -> Decoder:
    def decode(value: Any) -> Any:
        return cls.from_dict(value) if isinstance(value, Mapping) else value

    return decode


def _enum_decoder(cls: type[enum.Enum]) -> Decoder:
    by_value = {member.value: member for member in cls}

    def decode(value: Any) -> Any:
        # Unknown values stay raw strings: a newer server must not break an older SDK.
        return by_value.get(value, value) if isinstance(value, str | int) else value

    return decode
