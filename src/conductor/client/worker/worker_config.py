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

__all__ = [
    "ENV_PROPERTY_TYPES",
    "apply_worker_config",
    "get_worker_config_oneline",
    "get_worker_config_summary",
    "resolve_worker_config",
]

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


#: What an unset property resolves to when neither the code nor the environment sets it.
_RESOLVED_DEFAULTS: Mapping[str, bool] = {
    "overwrite_task_def": True,
    "strict_schema": False,
    "register_schema": False,
}


def resolve_worker_config(
    worker_name: str,
    poll_interval: float | None = None,
    domain: str | None = None,
    worker_id: str | None = None,
    thread_count: int | None = None,
    register_task_def: bool | None = None,
    poll_timeout: int | None = None,
    lease_extend_enabled: bool | None = None,
    paused: bool | None = None,
    overwrite_task_def: bool | None = None,
    strict_schema: bool | None = None,
    register_schema: bool | None = None,
    **code_values: Any,
) -> dict[str, Any]:
    """Every worker property: its environment override if there is one, else the value the
    code gives (the parameters, which are the official ones), else None, except the three
    with a default (``overwrite_task_def`` True, ``strict_schema`` and ``register_schema``
    False). Other ``code_values`` are passed through unchanged."""
    given: dict[str, Any] = {
        "poll_interval": poll_interval,
        "domain": domain,
        "worker_id": worker_id,
        "thread_count": thread_count,
        "register_task_def": register_task_def,
        "poll_timeout": poll_timeout,
        "lease_extend_enabled": lease_extend_enabled,
        "paused": paused,
        "overwrite_task_def": overwrite_task_def,
        "strict_schema": strict_schema,
        "register_schema": register_schema,
    }
    resolved = dict(code_values)
    for prop in ENV_PROPERTY_TYPES:
        value = env_value(worker_name, prop)
        if value is None:
            value = given[prop]
        if value is None:
            value = _RESOLVED_DEFAULTS.get(prop)
        resolved[prop] = value
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


def get_worker_config_oneline(worker_name: str, resolved_config: dict[str, Any]) -> str:
    """The worker's settings on one log line, in the official format::

        Conductor Worker[name=orders, pid=4242, status=active, poll_interval=500ms, thread_count=5]

    Unset (None) properties are left out; ``status`` is ``paused`` or ``active``.
    """
    config = resolved_config
    parts = [f"name={worker_name}", f"pid={os.getpid()}"]
    parts.append(f"status={'paused' if config.get('paused') else 'active'}")
    if config.get("poll_interval") is not None:
        parts.append(f"poll_interval={config['poll_interval']}ms")
    if config.get("domain") is not None:
        parts.append(f"domain={config['domain']}")
    if config.get("thread_count") is not None:
        parts.append(f"thread_count={config['thread_count']}")
    if config.get("poll_timeout") is not None:
        parts.append(f"poll_timeout={config['poll_timeout']}ms")
    for key, label in (("lease_extend_enabled", "lease_extend"), ("register_task_def", "register_task_def")):
        if config.get(key) is not None:
            parts.append(f"{label}={'true' if config[key] else 'false'}")
    return f"Conductor Worker[{', '.join(parts)}]"
