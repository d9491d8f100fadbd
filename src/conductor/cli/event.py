"""`pyconductor event ...`: event handlers (the Go CLI has none; the server's /api/event)."""

from __future__ import annotations

from typing import Any

import click

from conductor.cli.app import read_json_file, state
from conductor.cli.output import CliError, emit, emit_json, format_option


@click.group("event")
def event_group() -> None:
    """Event handlers."""


@event_group.command("list")
@format_option
def list_(fmt: str | None) -> None:
    """List event handlers."""
    handlers = state().api.get("/event") or []
    rows = [
        [h.get("name"), h.get("event"), "YES" if h.get("active") else "NO", len(h.get("actions") or [])]
        for h in handlers
    ]
    emit(["NAME", "EVENT", "ACTIVE", "ACTIONS"], rows, as_json=handlers, fmt=fmt)


@event_group.command("get")
@click.argument("name")
def get(name: str) -> None:
    """Print an event handler's JSON by its name."""
    for handler in state().api.get("/event") or []:
        if handler.get("name") == name:
            emit_json(handler)
            return
    raise CliError(f"No such event handler found by name: {name}")


def _handler(path: str) -> dict[str, Any]:
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise CliError(f"{path}: an event handler is a JSON object")
    return data


@event_group.command("create")
@click.argument("file")
def create(file: str) -> None:
    """Add an event handler from a JSON file."""
    handler = _handler(file)
    state().api.post("/event", handler)
    click.echo(f"Event handler {handler.get('name')} created successfully")


@event_group.command("update")
@click.argument("file")
def update(file: str) -> None:
    """Update an event handler from a JSON file."""
    handler = _handler(file)
    state().api.put("/event", handler)
    click.echo(f"Event handler {handler.get('name')} updated successfully")


@event_group.command("delete")
@click.argument("name")
@click.option("-y", "--yes", is_flag=True)
def delete(name: str, yes: bool) -> None:
    """Remove an event handler."""
    if not (yes or state().yes) and not click.confirm(f"Delete event handler {name}?", err=True):
        raise CliError("cancelled")
    state().api.delete(f"/event/{name}")
    click.echo(f"Event handler {name} deleted successfully")
