"""How results reach the terminal: aligned tables, --json, --csv, and one-line errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text


class CliError(click.ClickException):
    """An error shown as `Error: <message>` on stderr with exit status 1 (Conductor CLI's contract)."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.message}", err=True)


def color_wanted() -> bool:
    # Colour only for a person at a terminal: pipes and NO_COLOR get plain text.
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def console() -> Console:
    return Console(
        no_color=not color_wanted(), force_terminal=color_wanted(), highlight=False, soft_wrap=False
    )


def fmt_time(value: Any) -> str:
    """Epoch milliseconds in local time, as Conductor's CLI shows them; empty for 0/None."""
    if isinstance(value, str) and value:
        # Search summaries carry ISO-8601 UTC strings ("2026-12-03T09:22:11.939Z").
        try:
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    if not isinstance(value, int | float) or value <= 0:
        return ""
    return dt.datetime.fromtimestamp(value / 1000).strftime("%Y-%m-%d %H:%M:%S")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2))


def emit(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, as_json: Any = None, fmt: str | None = None
) -> None:
    """Print rows as a table (upper-case headers), CSV, or the full JSON objects given in `as_json`."""
    if fmt == "json":
        emit_json(as_json)
        return
    values = [[cell(v) for v in row] for row in rows]
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([h.upper() for h in headers])
        writer.writerows(values)
        return
    table = Table(box=None, header_style="bold" if color_wanted() else "", pad_edge=False, show_edge=False)
    for header in headers:
        table.add_column(header, no_wrap=True, overflow="ignore")
    for row in values:
        # Text, not markup: names like "a[b]" or "conductor:x:done" must print as typed.
        table.add_row(*(Text(v) for v in row))
    if color_wanted():
        console().print(table)
        return
    print_wide(table)


def print_wide(renderable: Any) -> None:
    """Plain text for pipes: never wrap or cut a row to a guessed width, no trailing padding."""
    out = Console(width=100_000, no_color=True, highlight=False, emoji=False)
    with out.capture() as captured:
        out.print(renderable)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def format_option(func: Any) -> Any:
    """--json / --csv flags shared by every listing command."""
    func = click.option("--csv", "fmt", flag_value="csv", help="Print CSV.")(func)
    func = click.option("--json", "fmt", flag_value="json", help="Print the full JSON objects.")(func)
    return func
