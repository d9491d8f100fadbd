"""Write a JSON inventory of the official conductor-python SDK's public surface.

Run it with the *official* SDK installed (not ours), e.g. in `.cache/compat-venv`:

    .cache/compat-venv/bin/python scripts/sdk_inventory.py > tests/compat/official_sdk_inventory.json

It imports every module under the `conductor` package and records, per module, the public
classes and functions it defines (or re-exports from `conductor`); per class its bases, public
methods with their signatures, properties, enum members and, for swagger models,
`swagger_types` / `attribute_map`. `tests/compat/test_sdk_surface.py` checks our SDK against the
committed file, so the test job needs neither PyPI nor the official SDK.

Signatures keep parameter names, kinds and the `repr` of defaults that are plain literals
(None, bool, int, float, str); other defaults are recorded as "<object>".
"""

from __future__ import annotations

import enum
import importlib
import importlib.metadata
import inspect
import json
import pkgutil
import sys
from typing import Any

_SIMPLE = (type(None), bool, int, float, str)


def _signature(func: Any) -> list[dict[str, Any]] | None:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    params = []
    for p in sig.parameters.values():
        entry: dict[str, Any] = {"name": p.name, "kind": p.kind.name}
        if p.default is not inspect.Parameter.empty:
            entry["default"] = repr(p.default) if isinstance(p.default, _SIMPLE) else "<object>"
        params.append(entry)
    return params


def _is_ours(obj: Any) -> bool:
    return str(getattr(obj, "__module__", "") or "").startswith("conductor")


def _class_entry(cls: type) -> dict[str, Any]:
    methods: dict[str, Any] = {}
    properties: list[str] = []
    for name in sorted(dir(cls)):
        if name.startswith("_") and name != "__init__":
            continue
        try:
            raw = inspect.getattr_static(cls, name)
        except AttributeError:
            continue
        owner = next((k for k in cls.__mro__ if name in vars(k)), None)
        if owner is None or not _is_ours(owner):
            continue  # inherited from object / Enum / Exception / dict...
        if isinstance(raw, property):
            properties.append(name)
        elif isinstance(raw, staticmethod | classmethod) or inspect.isfunction(raw):
            func = raw.__func__ if isinstance(raw, staticmethod | classmethod) else raw
            methods[name] = {
                "kind": type(raw).__name__ if not inspect.isfunction(raw) else "method",
                "params": _signature(func),
            }
    entry: dict[str, Any] = {
        "bases": [f"{b.__module__}.{b.__qualname__}" for b in cls.__bases__],
        "methods": methods,
        "properties": properties,
    }
    if issubclass(cls, enum.Enum):
        entry["enum"] = {m.name: m.value if isinstance(m.value, _SIMPLE) else repr(m.value) for m in cls}
    for table in ("swagger_types", "attribute_map"):
        value = vars(cls).get(table)
        if isinstance(value, dict):
            entry[table] = {str(k): str(v) for k, v in value.items()}
    return entry


def _module_entry(module: Any) -> dict[str, Any]:
    classes: dict[str, Any] = {}
    functions: dict[str, Any] = {}
    for name, obj in sorted(vars(module).items()):
        if name.startswith("_") or not _is_ours(obj):
            continue
        if inspect.isclass(obj):
            if obj.__module__ != module.__name__ or obj.__name__ != name:
                # A re-export (or alias): recorded by reference, described where defined.
                classes[name] = {"defined_in": obj.__module__, "name": obj.__name__}
            else:
                entry = _class_entry(obj)
                entry["defined_in"] = obj.__module__
                classes[name] = entry
        elif inspect.isfunction(obj):
            functions[name] = {"defined_in": obj.__module__, "params": _signature(obj)}
    return {"classes": classes, "functions": functions}


def inventory() -> dict[str, Any]:
    import conductor  # the official package, from the running interpreter

    modules: dict[str, Any] = {}
    names = sorted(
        {
            info.name
            for info in pkgutil.walk_packages(conductor.__path__, "conductor.", onerror=lambda _: None)
        }
        | {"conductor"}
    )
    for name in names:
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # an optional dependency missing: recorded, not fatal
            modules[name] = {"import_error": f"{type(exc).__name__}: {exc}"}
            continue
        modules[name] = _module_entry(module)
    return {
        "sdk": "conductor-python",
        "version": importlib.metadata.version("conductor-python"),
        "python": sys.version.split()[0],
        "modules": modules,
    }


if __name__ == "__main__":
    # Not sort_keys: swagger_types and attribute_map keep the declaration order (field order).
    json.dump(inventory(), sys.stdout, indent=1)
    sys.stdout.write("\n")
