"""The one mapping between our snake_case model attributes and Conductor's camelCase JSON.

Every wire model is a dataclass deriving from :class:`WireModel` (made one when the class is
defined), whose fields are properties over ``_field`` attributes as in the official swagger
models (see ``_field_property``). The JSON key of a field is derived mechanically (``workflow_instance_id`` -> ``workflowInstanceId``); a model
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
import importlib
import operator
import pkgutil
import pprint
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
    "swagger_type",
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
    #: The instance attribute holding the value, ``_attr`` (see ``_field_property``).
    storage: str


class _ModelSpec:
    """Per-class cache: the fields in declaration order and the JSON key -> field lookup."""

    def __init__(self, cls: type[WireModel]) -> None:
        try:
            hints = typing.get_type_hints(cls, localns=dict(_MODEL_CLASSES))
        except NameError:
            # A model imported on its own refers to one not imported yet (models name each
            # other only under TYPE_CHECKING): import, and so register, every model module.
            _import_all_models()
            hints = typing.get_type_hints(cls, localns=dict(_MODEL_CLASSES))
        overrides = cls._json_names
        self.fields: tuple[_Field, ...] = tuple(
            _Field(
                attr=field.name,
                key=overrides.get(field.name, camel_case(field.name)),
                decode=_decoder_for(hints.get(field.name, Any)),
                storage="_" + field.name,
            )
            for field in dataclasses.fields(cls)  # type: ignore[arg-type]
            if field.init
        )
        self.by_key: dict[str, _Field] = {f.key: f for f in self.fields}
        self.hints = hints
        fields = [f for f in dataclasses.fields(cls) if f.init]  # type: ignore[arg-type]
        self._static_defaults: dict[str, Any] = {
            "_" + f.name: None if f.default is dataclasses.MISSING else f.default
            for f in fields
            if f.default_factory is dataclasses.MISSING
        }
        self._factories: list[tuple[str, Callable[[], Any]]] = [
            ("_" + f.name, f.default_factory) for f in fields if f.default_factory is not dataclasses.MISSING
        ]
        # Decoding runs __post_init__ (normalisations such as TaskResult's status) but not for
        # models with validated fields: those are stored as received (see _field_property).
        self.post_init = hasattr(cls, "__post_init__") and not cls._allowed_values
        # The official tables are plain class-level dicts that callers may extend (a field a
        # newer server sends); one dict per class, built once.
        listed = [f for f in self.fields if f.attr not in cls._unlisted]
        self.attribute_map = {f.attr: f.key for f in listed}
        overrides = cls._swagger_names
        self.swagger_types = {
            f.attr: overrides.get(f.attr) or _describe(hints.get(f.attr, Any)) for f in listed
        }

    def defaults(self) -> dict[str, Any]:
        """Each field's default value under its storage name (``_field``), a fresh one for
        ``default_factory`` fields."""
        values = self._static_defaults.copy()
        for name, factory in self._factories:
            values[name] = factory()
        return values


_SPECS: dict[type[WireModel], _ModelSpec] = {}


def _import_all_models() -> None:
    for package_name in ("conductor.client.http.models", "conductor.client.orkes.models"):
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, package_name + "."):
            importlib.import_module(info.name)


def _spec(cls: type[WireModel]) -> _ModelSpec:
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _ModelSpec(cls)
    return spec


class _AttributeMap:
    """``Model.attribute_map``: the official SDK's ``{attribute: jsonKey}`` table, derived."""

    def __get__(self, obj: object, owner: type[WireModel]) -> dict[str, str]:
        return _spec(owner).attribute_map


class _SwaggerTypes:
    """``Model.swagger_types``: ``{attribute: swagger type}`` in the official notation
    (``str``, ``list[WorkflowTask]``, ``dict(str, object)``), derived from the type hints; a
    model lists the exceptions in ``_swagger_names``."""

    def __get__(self, obj: object, owner: type[WireModel]) -> dict[str, str]:
        return _spec(owner).swagger_types


def _describe(hint: Any) -> str:
    """The swagger-codegen type name of a type hint (``Optional`` and ``| None`` dropped)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        rest = [a for a in args if a is not type(None)]
        return _describe(rest[0]) if rest else "object"
    if origin is list:
        return f"list[{_describe(args[0])}]" if args else "list"
    if origin is dict:
        return f"dict({_describe(args[0])}, {_describe(args[1])})" if len(args) == 2 else "dict"
    if hint is Any or hint is object:
        return "object"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "str"
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


class _RejectedNone(TypeError, ValueError):
    """``None`` given to a field with official allowed values, once the object is built.

    The official setters fail on it differently (``ValueError`` for a single value, the
    ``TypeError`` of ``set(None)`` for a list), and callers catch either: this is both."""


def _field_property(
    name: str,
    allowed: tuple[str, ...] | None = None,
    *,
    is_list: bool = False,
    required: bool = False,
    convert: Callable[[Any], Any] | None = None,
    empty: Callable[[], Any] | None = None,
    not_none: bool = False,
) -> property:
    """The official layout of a field: a property over the ``_name`` instance attribute.

    The getter is a C-level ``attrgetter`` so reading a field stays as cheap as reading an
    attribute; only the setter runs Python code. ``model._name = x`` (user code written for
    the official SDK does this) writes the storage directly, without the setter's checks, and
    so does decoding (``WireModel.from_dict``): a status added by a newer server must not
    make a response unreadable.

    A field with ``allowed`` values (or ``not_none``) rejects ``None`` as the official setter
    does, except in the constructor (the first assignment), which the official constructors
    skip for ``None``, unless the field is ``required``: a few official constructors call
    the setter unconditionally. ``convert`` turns any other value into the stored one. An ``empty`` field reads as
    ``empty()`` (stored) instead of ``None``, as a few official getters do.
    """
    key = "_" + name
    getter: Callable[[Any], Any] = operator.attrgetter(key)
    if empty is not None:

        def get_or_empty(self: Any) -> Any:
            value = self.__dict__.get(key)
            if value is None:
                value = self.__dict__[key] = empty()
            return value

        getter = get_or_empty

    rejects_none = allowed is not None or not_none
    if allowed is None and convert is None and not not_none:

        def set_plain(self: Any, value: Any) -> None:
            self.__dict__[key] = value

        return property(getter, set_plain)

    def set_checked(self: Any, value: Any) -> None:
        if value is None:
            if rejects_none and (required or key in self.__dict__):
                if is_list and allowed is not None:
                    raise _RejectedNone("'NoneType' object is not iterable")
                if allowed is None:
                    raise _RejectedNone(f"Invalid value for `{name}`, must not be `None`")
                raise _RejectedNone(f"Invalid value for `{name}` (None), must be one of {list(allowed)}")
        else:
            if allowed is not None:
                _check_allowed(name, allowed, value, is_list)
            if convert is not None:
                value = convert(value)
        self.__dict__[key] = value

    return property(getter, set_checked)


def _check_allowed(name: str, allowed: tuple[str, ...], value: Any, is_list: bool) -> None:
    if is_list and isinstance(value, list | tuple | set | frozenset):
        bad = [v for v in value if _json_key(v) not in allowed]
        if bad:
            raise ValueError(
                f"Invalid values for `{name}` [{', '.join(map(str, bad))}], "
                f"must be a subset of [{', '.join(allowed)}]"
            )
    elif isinstance(value, list | dict) or _json_key(value) not in allowed:
        raise ValueError(f"Invalid value for `{name}` ({value}), must be one of {list(allowed)}")


@typing.dataclass_transform(field_specifiers=(dataclasses.field,))
class WireModel:
    """Base class of every ``conductor.client.http.models`` model.

    A subclass is made a dataclass when it is defined (no decorator needed), then each of
    its fields becomes a property over a ``_field`` instance attribute, as in the official
    swagger models: code written for them inspects ``type(model).field`` as a property and
    sets ``model._field`` directly. ``repr()`` is the official pretty-printed ``to_dict()``
    unless the class asks for the dataclass one (``class X(WireModel, repr=True)``).
    """

    #: Attribute -> JSON key, only where the mechanical camelCase rule does not apply.
    _json_names: ClassVar[Mapping[str, str]] = {}
    #: Attribute -> official swagger type name, only where the derived one differs.
    _swagger_names: ClassVar[Mapping[str, str]] = {}
    #: Attribute -> the values the official setter accepts (checked on every assignment).
    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    #: Attribute -> the official setter's conversion (raising ``ValueError`` on bad input).
    _converters: ClassVar[Mapping[str, Callable[[Any], Any]]] = {}
    #: Attributes whose official setter rejects ``None`` (those with allowed values do too).
    _not_none: ClassVar[frozenset[str]] = frozenset()
    #: Checked attributes whose official constructor rejects ``None`` too.
    _required: ClassVar[frozenset[str]] = frozenset()
    #: Attribute -> what the official getter answers (and stores) instead of ``None``.
    _empty: ClassVar[Mapping[str, Callable[[], Any]]] = {}
    #: Fields on the wire that the official model leaves out of its swagger tables.
    _unlisted: ClassVar[frozenset[str]] = frozenset()

    attribute_map: ClassVar[_AttributeMap] = _AttributeMap()
    swagger_types: ClassVar[_SwaggerTypes] = _SwaggerTypes()
    #: Always None, as on the official models (swagger polymorphism, unused by Conductor).
    discriminator: ClassVar[None] = None

    def __init_subclass__(cls, *, repr: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _MODEL_CLASSES[cls.__name__] = cls
        own = vars(cls).get("__annotations__", {})
        dataclasses.dataclass(repr=repr)(cls)
        for field in dataclasses.fields(cls):  # type: ignore[arg-type]
            if field.name not in own or not field.init:
                continue
            prop = _field_property(
                field.name,
                cls._allowed_values.get(field.name),
                is_list=str(own[field.name]).startswith(("list", "List")),
                required=field.name in cls._required,
                convert=cls._converters.get(field.name),
                empty=cls._empty.get(field.name),
                not_none=field.name in cls._not_none,
            )
            setattr(cls, field.name, prop)

    def __repr__(self) -> str:
        return self.to_str()

    def __ne__(self, other: object) -> bool:
        return not self == other

    def to_dict(self) -> dict[str, Any]:
        """``{attribute: value}`` for every entry of ``swagger_types``, as the official models
        answer (snake_case attribute names, ``None`` kept, nested models as their own
        ``to_dict``). What goes on the wire is :meth:`to_json_dict` (Conductor's camelCase JSON)."""
        return {attr: _official_dict_value(getattr(self, attr)) for attr in self.swagger_types}

    def to_json_dict(self) -> dict[str, JsonValue]:
        """The Conductor JSON object for this model (camelCase keys, ``None`` fields omitted):
        what the SDK sends, whatever ``to_dict`` answers."""
        # The storage is read directly: this runs for every task update and nested model.
        values = self.__dict__
        out: dict[str, JsonValue] = {}
        for field in _spec(type(self)).fields:
            value = values.get(field.storage)
            if value is not None:
                out[field.key] = to_json_value(value)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, JsonValue]) -> Self:
        """Build the model from a Conductor JSON object; unknown keys are ignored.

        The values are stored as received, without the setters' checks or the constructor
        (a required field the server left out stays at its default)."""
        spec = _spec(cls)
        by_key = spec.by_key
        model = cls.__new__(cls)
        values = model.__dict__
        values.update(spec.defaults())
        for key, value in data.items():
            field = by_key.get(key)
            if field is None:
                continue
            if field.decode is not None and value is not None:
                value = field.decode(value)
            values[field.storage] = value
        if spec.post_init:
            model.__post_init__()  # type: ignore[attr-defined]
        return model

    def to_str(self) -> str:
        """The model pretty-printed, as the official ``to_str``."""
        return pprint.pformat(self.to_dict())


def _official_dict_value(value: Any) -> Any:
    """A value as the official swagger-codegen ``to_dict`` leaves it: models (anything with a
    ``to_dict``) converted, inside lists and dict values too; everything else as it is."""
    if isinstance(value, list):
        return [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    if hasattr(value, "to_dict") and not isinstance(value, type):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: (v.to_dict() if hasattr(v, "to_dict") else v) for k, v in value.items()}
    return value


_PRIMITIVES: dict[str, Any] = {
    "str": str,
    "int": int,
    "long": int,
    "float": float,
    "bool": bool,
    "object": object,
    "datetime": str,
    "date": str,
}
_LIST_RE = re.compile(r"list\[(.*)\]")
_DICT_RE = re.compile(r"dict\(([^,]*),\s*(.*)\)")


def swagger_type(name: str) -> Any:
    """The type hint for an official swagger type name: ``"Task"`` -> ``Task``,
    ``"list[Task]"`` -> ``list[Task]``, ``"dict(str, object)"`` -> ``dict[str, object]``.
    An unknown name gives ``object`` (the JSON as decoded)."""
    name = name.strip()
    if name in _PRIMITIVES:
        return _PRIMITIVES[name]
    match = _LIST_RE.fullmatch(name)
    if match:
        return list[swagger_type(match.group(1))]  # type: ignore[misc]
    match = _DICT_RE.fullmatch(name)
    if match:
        return dict[swagger_type(match.group(1)), swagger_type(match.group(2))]  # type: ignore[misc]
    if name not in _MODEL_CLASSES:
        _import_all_models()
    return _MODEL_CLASSES.get(name, object)


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
        return value.to_json_dict()
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
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        # An object with its own to_dict (the official SDK's convention): used once, as is.
        result = to_dict()
        return {k: to_json_value(v) for k, v in result.items()} if isinstance(result, dict) else result
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
