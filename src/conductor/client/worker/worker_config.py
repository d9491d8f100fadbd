"""Worker settings from the environment, overriding what the code says.

For a property ``prop`` of worker ``name`` the first variable found wins:

1. ``conductor.worker.<name>.<prop>``
2. ``conductor_worker_<name>_<prop>``
3. ``CONDUCTOR_WORKER_<NAME>_<PROP>`` (then with the name's original case)
4. ``conductor.worker.all.<prop>``
5. ``CONDUCTOR_WORKER_ALL_<PROP>``
6. ``conductor_worker_<prop>``
7. ``CONDUCTOR_WORKER_<PROP>``

Properties: poll_interval (ms; ``polling_interval`` also accepted), domain, worker_id,
thread_count, register_task_def, poll_timeout, lease_extend_enabled, paused,
overwrite_task_def, strict_schema, register_schema. Booleans accept true/1/yes/on.
A value that does not parse is ignored with a warning.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

__all__ = ["ENV_PROPERTY_TYPES", "apply_worker_config", "get_worker_config_summary", "resolve_worker_config"]

logger = logging.getLogger(__name__)

ENV_PROPERTY_TYPES: Mapping[str, type] = {
    "poll_interval": float,
    "domain": str,
    "worker_id": str,
    "thread_count": int,
    "register_task_def": bool,
    "poll_timeout": int,
    "lease_extend_enabled": bool,
    "paused": bool,
    "overwrite_task_def": bool,
    "strict_schema": bool,
    "register_schema": bool,
}


def _candidate_keys(worker_name: str, prop: str) -> list[str]:
    return [
        f"conductor.worker.{worker_name}.{prop}",
        f"conductor_worker_{worker_name}_{prop}",
        f"CONDUCTOR_WORKER_{worker_name.upper()}_{prop.upper()}",
        f"CONDUCTOR_WORKER_{worker_name}_{prop.upper()}",
        f"conductor.worker.all.{prop}",
        f"CONDUCTOR_WORKER_ALL_{prop.upper()}",
        f"conductor_worker_{prop}",
        f"CONDUCTOR_WORKER_{prop.upper()}",
    ]


def _parse(raw: str, kind: type, key: str) -> Any:
    if kind is bool:
        return raw.strip().lower() in ("true", "1", "yes", "on")
    if kind is str:
        return raw
    try:
        return kind(raw.strip())
    except ValueError:
        logger.warning("Ignoring %s=%r: not a valid %s", key, raw, kind.__name__)
        return None


def env_key(worker_name: str, prop: str) -> str | None:
    """The environment variable that sets ``prop`` for ``worker_name`` (the first found), or None."""
    props = [prop, "polling_interval"] if prop == "poll_interval" else [prop]
    for name in props:
        for key in _candidate_keys(worker_name, name):
            if os.environ.get(key) is not None:
                return key
    return None


def env_value(worker_name: str, prop: str) -> Any:
    """The parsed environment override of ``prop`` for ``worker_name``, or None."""
    key = env_key(worker_name, prop) if prop in ENV_PROPERTY_TYPES else None
    if key is None:
        return None
    return _parse(os.environ[key], ENV_PROPERTY_TYPES[prop], key)


def resolve_worker_config(worker_name: str, **code_values: Any) -> dict[str, Any]:
    """``code_values`` with every property that has an environment override replaced."""
    resolved = dict(code_values)
    for prop in ENV_PROPERTY_TYPES:
        value = env_value(worker_name, prop)
        if value is not None:
            resolved[prop] = value
        else:
            resolved.setdefault(prop, None)
    return resolved


def apply_worker_config(worker: Any) -> dict[str, Any]:
    """Apply environment overrides to a worker object in place; returns the overrides used."""
    overrides: dict[str, Any] = {}
    for name in worker.task_definition_names[:1]:
        for prop in ENV_PROPERTY_TYPES:
            value = env_value(name, prop)
            if value is not None:
                overrides[prop] = value
                setattr(worker, prop, value)
    if overrides:
        logger.info(
            "Worker %s: settings from the environment: %s", worker.task_definition_names[0], overrides
        )
    return overrides


def get_worker_config_summary(worker_name: str, resolved_config: dict[str, Any]) -> str:
    """A human-readable account of a worker's settings and where each came from.

    As in the official SDK: a header line, then one line per property whose value is not
    None, ``  <prop>: <value> (from <variable>)`` or ``(from code)``::

        Worker 'process_order' configuration:
          poll_interval: 500.0 (from conductor.worker.all.poll_interval)
          thread_count: 5 (from code)

    The official SDK only recognises the ``conductor.worker.<name>.<prop>`` and
    ``conductor.worker.all.<prop>`` spellings; here the variable named is whichever of the
    spellings listed in this module's docstring supplied the value.
    """
    lines = [f"Worker '{worker_name}' configuration:"]
    for prop, value in resolved_config.items():
        if value is None:
            continue
        key = env_key(worker_name, prop) if prop in ENV_PROPERTY_TYPES else None
        source = f"from {key}" if key is not None else "from code"
        lines.append(f"  {prop}: {value} ({source})")
    return "\n".join(lines)
