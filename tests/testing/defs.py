"""Workflow definitions as plain JSON dicts, for the conductor.testing tests."""

from __future__ import annotations

from typing import Any


def simple(
    name: str, ref: str | None = None, inputs: dict[str, Any] | None = None, **task_def: Any
) -> dict[str, Any]:
    """A SIMPLE task node; keyword arguments (camelCase) go into its inline TaskDef."""
    node: dict[str, Any] = {"name": name, "taskReferenceName": ref or name, "type": "SIMPLE"}
    if inputs:
        node["inputParameters"] = inputs
    if task_def:
        node["taskDefinition"] = {"name": name, **task_def}
    return node


def wait(ref: str, **inputs: Any) -> dict[str, Any]:
    return {"name": ref, "taskReferenceName": ref, "type": "WAIT", "inputParameters": inputs}


def workflow(name: str, *tasks: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"name": name, "version": 1, "schemaVersion": 2, "tasks": list(tasks), **extra}
