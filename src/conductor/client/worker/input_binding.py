"""How a worker function's parameters are filled from a task.

* A function with exactly one parameter that is annotated ``Task``, annotated ``object`` or
  not annotated at all receives the whole :class:`Task`.
* Otherwise each parameter is looked up by name in ``task.input_data``. Values for
  ``int/float/str/bool/date/datetime/object/Any`` (or unannotated) parameters are passed
  unchanged; any other annotation (a dataclass, ``list[X]``, a wire model ...) is converted
  from the JSON value with ``msgspec.convert(..., strict=False)``, which is lenient (an int
  is accepted for a float field, ISO strings for datetimes). A dataclass missing some fields
  is still built, with ``None`` for them, as the official SDK does.
* A missing key gives the parameter's default, else ``None``; ``**kwargs`` receives the
  input keys no other parameter took.

Unlike the official SDK, annotations written as strings (``from __future__ import
annotations``) are resolved, so such modules work too.
"""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import logging
import typing
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.task import Task

__all__ = ["InputBinder", "convert_input_value"]

logger = logging.getLogger(__name__)

_PASS_THROUGH: frozenset[Any] = frozenset(
    {int, float, str, bool, datetime.date, datetime.datetime, object, Any, inspect.Parameter.empty}
)
_WHOLE_TASK_ANNOTATIONS: frozenset[Any] = frozenset({Task, object, inspect.Parameter.empty})


@dataclasses.dataclass(frozen=True)
class _Param:
    name: str
    kind: inspect._ParameterKind
    default: Any
    annotation: Any


class InputBinder:
    """Precomputed binding plan for one function (signatures are inspected once)."""

    def __init__(self, function: Callable[..., Any]) -> None:
        signature = inspect.signature(function)
        hints = _type_hints(function)
        self.params: tuple[_Param, ...] = tuple(
            _Param(p.name, p.kind, p.default, hints.get(p.name, p.annotation))
            for p in signature.parameters.values()
        )
        self.takes_task = len(self.params) == 1 and _is_one_of(
            self.params[0].annotation, _WHOLE_TASK_ANNOTATIONS
        )

    def bind(self, task: Task) -> tuple[list[Any], dict[str, Any]]:
        """Positional and keyword arguments for calling the function on ``task``."""
        if self.takes_task:
            return [task], {}
        input_data: Mapping[str, Any] = task.input_data or {}
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for param in self.params:
            if param.kind is inspect.Parameter.VAR_POSITIONAL:
                continue
            if param.kind is inspect.Parameter.VAR_KEYWORD:
                taken = {p.name for p in self.params}
                kwargs.update({k: v for k, v in input_data.items() if k not in taken})
                continue
            if param.name in input_data:
                value = convert_input_value(input_data[param.name], param.annotation, param.name)
            elif param.default is not inspect.Parameter.empty:
                value = param.default
            else:
                value = None
            if param.kind is inspect.Parameter.POSITIONAL_ONLY:
                args.append(value)
            else:
                kwargs[param.name] = value
        return args, kwargs


def convert_input_value(value: Any, annotation: Any, name: str = "value") -> Any:
    """Convert one task input value to ``annotation`` (see the module docstring)."""
    if value is None or _is_one_of(annotation, _PASS_THROUGH) or isinstance(annotation, str):
        return value
    if isinstance(annotation, type):
        if isinstance(value, annotation):
            return value
        if issubclass(annotation, WireModel) and isinstance(value, Mapping):
            return annotation.from_dict(value)
    try:
        return msgspec.convert(value, annotation, strict=False)
    except msgspec.ValidationError as exc:
        missing_fields = "missing required field" in str(exc)
        if missing_fields and dataclasses.is_dataclass(annotation) and isinstance(value, Mapping):
            return _partial_dataclass(annotation, value, name)  # type: ignore[arg-type]
        raise TypeError(f"input {name!r} cannot be converted to {_type_name(annotation)}: {exc}") from exc
    except TypeError:
        # A type msgspec does not know (a TypeVar, an arbitrary class): hand the value over as is.
        return value


def _partial_dataclass(cls: type[Any], value: Mapping[str, Any], name: str) -> Any:
    """Build ``cls`` from the fields present in ``value``, ``None`` for the missing ones."""
    hints = _type_hints(cls)
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        if field.name in value:
            try:
                kwargs[field.name] = msgspec.convert(
                    value[field.name], hints.get(field.name, Any), strict=False
                )
            except msgspec.ValidationError as exc:
                raise TypeError(f"input {name!r}.{field.name} cannot be converted: {exc}") from exc
            except TypeError:  # a field type msgspec does not know: keep the raw value
                kwargs[field.name] = value[field.name]
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            kwargs[field.name] = None
    missing = sorted(f.name for f in dataclasses.fields(cls) if f.name not in value)
    logger.debug("Built %s from a partial input; missing fields set to None: %s", cls.__name__, missing)
    return cls(**kwargs)


def _is_one_of(annotation: Any, annotations: frozenset[Any]) -> bool:
    try:
        return annotation in annotations
    except TypeError:  # an unhashable annotation object
        return False


def _type_hints(obj: Any) -> dict[str, Any]:
    target = inspect.unwrap(obj)
    if not (inspect.isfunction(target) or inspect.ismethod(target) or isinstance(target, type)):
        target = target.__call__
    try:
        return typing.get_type_hints(target)
    except Exception:  # an unresolvable forward reference: fall back to the raw annotations
        return dict(getattr(target, "__annotations__", {}))


def _type_name(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation)
