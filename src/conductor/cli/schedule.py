"""`pyconductor schedule ...`: cron schedules through Conductor's /api/scheduler endpoints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from conductor.cli.app import parse_json, read_json_file, state
from conductor.cli.output import CliError, emit, emit_json, fmt_time, format_option

_HINT = " (is the scheduler enabled on this server?)"


def _call(method: str, path: str, **kwargs: Any) -> Any:
    # A server without the scheduler module answers 404 for every path: say so, as the Go CLI does.
    try:
        return state().api.request(method, "/scheduler" + path, **kwargs)
    except CliError as exc:
        if "404" in exc.message or "Not Found" in exc.message:
            raise CliError(exc.message + _HINT) from None
        raise


@click.group("schedule")
def schedule_group() -> None:
    """Workflow schedules (cron)."""


def _rows(schedules: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            s.get("name"),
            (s.get("startWorkflowRequest") or {}).get("name"),
            s.get("cronExpression"),
            "PAUSED" if s.get("paused") else "ACTIVE",
            fmt_time(s.get("nextRunTime")),
            fmt_time(s.get("createTime")),
        ]
        for s in schedules
    ]


_HEADERS = ["NAME", "WORKFLOW", "CRON", "STATUS", "NEXT RUN", "CREATED TIME"]


@schedule_group.command("list")
@click.option("-w", "--workflow", default=None, help="Only schedules of this workflow.")
@format_option
def list_(workflow: str | None, fmt: str | None) -> None:
    """List schedules."""
    schedules = _call("GET", "/schedules", params={"workflowName": workflow}) or []
    emit(_HEADERS, _rows(schedules), as_json=schedules, fmt=fmt)


@schedule_group.command("get")
@click.argument("name")
def get(name: str) -> None:
    """Print a schedule's JSON."""
    emit_json(_call("GET", f"/schedules/{name}"))


def _schedule(
    file: str | None,
    name: str | None,
    cron: str | None,
    workflow: str | None,
    version: int | None,
    input_json: str | None,
    paused: bool | None,
    update: bool = False,
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if (
        file
        and not name
        and file != "-"
        and not file.endswith((".json", ".yaml"))
        and not Path(file).exists()
    ):
        # `schedule update NAME -c ...`: a bare word that is no file is the schedule's name.
        file, name = None, file
    if update and name:
        # Create and update share one endpoint; update keeps what the flags do not change.
        body = dict(_call("GET", f"/schedules/{name}") or {})
    if file:
        data = read_json_file(file)
        if not isinstance(data, dict):
            raise CliError(f"{file}: a schedule is a JSON object")
        body = {**body, **data}
    if name:
        body["name"] = name
    if cron:
        body["cronExpression"] = cron
    request = dict(body.get("startWorkflowRequest") or {})
    if workflow:
        request["name"] = workflow
    if version is not None:
        request["version"] = version
    if input_json is not None:
        request["input"] = parse_json(input_json, "-i")
    if request:
        body["startWorkflowRequest"] = request
    if paused is not None:
        body["paused"] = paused
    for key, flag in (("name", "-n"), ("cronExpression", "-c")):
        if not body.get(key):
            raise CliError(f"missing {flag}/{key}")
    if not request.get("name"):
        raise CliError("missing -w (the workflow to start)")
    return body


def _save_command(verb: str) -> Any:
    @click.argument("file", metavar="[FILE|NAME]", required=False)
    @click.option("-n", "--name", default=None, help="Schedule name.")
    @click.option("-c", "--cron", default=None, help="Spring cron, seconds first: '0 * * * * *'.")
    @click.option("-w", "--workflow", default=None, help="Workflow to start.")
    @click.option("--version", type=int, default=None, help="Workflow version.")
    @click.option("-i", "--input", "input_json", default=None, help="Workflow input, JSON.")
    @click.option("-p", "--paused/--active", "paused", default=None, help="Create paused.")
    def command(
        file: str | None,
        name: str | None,
        cron: str | None,
        workflow: str | None,
        version: int | None,
        input_json: str | None,
        paused: bool | None,
    ) -> None:
        body = _schedule(file, name, cron, workflow, version, input_json, paused, update=verb == "update")
        _call("POST", "/schedules", json_body=body)
        click.echo(f"Schedule {body['name']} {verb}d successfully")

    command.__doc__ = f"{verb.capitalize()} a schedule from flags or a JSON file."
    return command


schedule_group.command("create")(_save_command("create"))
schedule_group.command("update")(_save_command("update"))


@schedule_group.command("delete")
@click.argument("name")
@click.option("-y", "--yes", is_flag=True)
def delete(name: str, yes: bool) -> None:
    """Delete a schedule."""
    if not (yes or state().yes) and not click.confirm(f"Delete schedule {name}?", err=True):
        raise CliError("cancelled")
    _call("DELETE", f"/schedules/{name}")
    click.echo(f"Schedule {name} deleted successfully")


@schedule_group.command("pause")
@click.argument("name")
@click.option("--reason", default=None)
def pause(name: str, reason: str | None) -> None:
    """Pause a schedule."""
    _call("PUT", f"/schedules/{name}/pause", params={"reason": reason})
    click.echo(f"Schedule {name} paused successfully")


@schedule_group.command("resume")
@click.argument("name")
def resume(name: str) -> None:
    """Resume a paused schedule."""
    _call("PUT", f"/schedules/{name}/resume")
    click.echo(f"Schedule {name} resumed successfully")


@schedule_group.command("search")
@click.argument("free_text", required=False, default="*")
@click.option("-w", "--workflow", default=None)
@click.option("-n", "--name", default=None)
@click.option("-s", "--status", type=click.Choice(["ACTIVE", "PAUSED"], case_sensitive=False), default=None)
@click.option("-c", "--count", type=click.IntRange(1, 1000), default=100, show_default=True)
@format_option
def search(
    free_text: str, workflow: str | None, name: str | None, status: str | None, count: int, fmt: str | None
) -> None:
    """Search schedules."""
    paused = None if status is None else str(status.upper() == "PAUSED").lower()
    result = _call(
        "GET",
        "/schedules/search",
        params={
            "workflowName": workflow,
            "scheduleName": name,
            "paused": paused,
            "freeText": free_text,
            "start": 0,
            "size": count,
        },
    )
    emit(_HEADERS, _rows((result or {}).get("results") or []), as_json=result, fmt=fmt)
