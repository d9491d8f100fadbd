"""Inputs of new tasks and workflow outputs: `${...}` expressions against a workflow snapshot."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conductor.server.domain.definitions import TaskDef
from conductor.server.expressions.templating import resolve


def task_input(
    input_parameters: Mapping[str, Any],
    doc: Mapping[str, Any],
    task_id: str | None,
    task_def: TaskDef | None,
) -> dict[str, Any]:
    """Resolve a node's inputParameters, with the TaskDef's inputTemplate as defaults."""
    template = task_def.input_template if task_def is not None else {}
    params: dict[str, Any] = dict(input_parameters)
    for key, value in template.items():
        params.setdefault(key, value)
    resolved = resolve(params, doc, task_id)
    assert isinstance(resolved, dict)
    for key, value in template.items():
        if resolved.get(key) is None:
            resolved[key] = value
    return resolved


def resolve_map(params: Mapping[str, Any], doc: Mapping[str, Any]) -> dict[str, Any]:
    resolved = resolve(dict(params), doc, None)
    assert isinstance(resolved, dict)
    return resolved
