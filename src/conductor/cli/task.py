"""`pyconductor task ...`: task definitions, polling and completing tasks, queues and logs."""

from __future__ import annotations

import time
from typing import Any

import click

from conductor.cli.app import parse_json, read_json_file, state
from conductor.cli.output import CliError, cell, emit, emit_json, fmt_time, format_option


@click.group("task")
def task_group() -> None:
    """Task definitions and task executions."""


@task_group.command("list")
@format_option
def list_(fmt: str | None) -> None:
    """List task definitions."""
    defs = state().api.get("/metadata/taskdefs") or []
    rows = [
        [
            d.get("name"),
            "YES" if d.get("executable", True) else "NO",
            d.get("description"),
            d.get("ownerEmail"),
            d.get("timeoutPolicy"),
            d.get("timeoutSeconds"),
            d.get("retryCount"),
            d.get("responseTimeoutSeconds"),
        ]
        for d in defs
    ]
    headers = ["NAME", "EXECUTABLE", "DESCRIPTION", "OWNER", "TIMEOUT POLICY", "TIMEOUT (s)", "RETRY COUNT"]
    emit([*headers, "RESPONSE TIMEOUT (s)"], rows, as_json=defs, fmt=fmt)


@task_group.command("get")
@click.argument("name")
def get(name: str) -> None:
    """Print a task definition's JSON."""
    emit_json(state().api.get(f"/metadata/taskdefs/{name}"))


@task_group.command("get-all")
def get_all() -> None:
    """Print every task definition as JSON."""
    emit_json(state().api.get("/metadata/taskdefs"))


def _defs(file: str | None, file_opt: str | None) -> list[dict[str, Any]]:
    path = file or file_opt
    if not path:
        raise CliError("give the definition file (or - for stdin)")
    data = read_json_file(path)
    # One definition or a list of them: both shapes circulate in Conductor examples.
    defs = data if isinstance(data, list) else [data]
    if not all(isinstance(d, dict) for d in defs):
        raise CliError(f"{path}: a task definition is a JSON object")
    return defs


@task_group.command("create")
@click.argument("file", required=False)
@click.option("--file", "file_opt", help="Same as the FILE argument.")
def create(file: str | None, file_opt: str | None) -> None:
    """Register task definitions from a JSON file (an object or a list)."""
    defs = _defs(file, file_opt)
    state().api.post("/metadata/taskdefs", defs)
    for d in defs:
        click.echo(f"Task {d.get('name')} created successfully")


@task_group.command("update")
@click.argument("file", required=False)
@click.option("--file", "file_opt", help="Same as the FILE argument.")
def update(file: str | None, file_opt: str | None) -> None:
    """Update task definitions from a JSON file."""
    for d in _defs(file, file_opt):
        state().api.put("/metadata/taskdefs", d)
        click.echo(f"Task {d.get('name')} updated successfully")


@task_group.command("delete")
@click.argument("name")
@click.option("-y", "--yes", is_flag=True)
def delete(name: str, yes: bool) -> None:
    """Delete a task definition."""
    if not (yes or state().yes) and not click.confirm(f"Delete task {name}?", err=True):
        raise CliError("cancelled")
    state().api.delete(f"/metadata/taskdefs/{name}")
    click.echo(f"Task {name} deleted successfully")


@task_group.command("poll")
@click.argument("task_type")
@click.option("--count", type=int, default=1, show_default=True)
@click.option("--worker-id", default="pyconductor-cli")
@click.option("--domain", default=None)
@click.option("--timeout", type=int, default=100, show_default=True, help="Long-poll milliseconds.")
def poll(task_type: str, count: int, worker_id: str, domain: str | None, timeout: int) -> None:
    """Poll tasks of a type; prints them as a JSON list."""
    tasks = state().api.get(
        f"/tasks/poll/batch/{task_type}",
        params={"count": count, "workerid": worker_id, "domain": domain, "timeout": timeout},
        timeout=timeout / 1000 + 30,
    )
    emit_json(tasks or [])


def _output(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    data = parse_json(text, "--output")
    if not isinstance(data, dict):
        raise CliError("--output must be a JSON object")
    return data


_STATUSES = click.Choice(
    ["COMPLETED", "FAILED", "FAILED_WITH_TERMINAL_ERROR", "IN_PROGRESS"], case_sensitive=False
)


@task_group.command("update-execution")
@click.option("--workflow-id", required=True)
@click.option("--task-ref-name", required=True)
@click.option("--status", required=True, type=_STATUSES)
@click.option("--output", default=None, help="JSON object.")
@click.option("--worker-id", default=None)
def update_execution(
    workflow_id: str, task_ref_name: str, status: str, output: str | None, worker_id: str | None
) -> None:
    """Complete (or fail) a workflow's pending task by its reference name."""
    task_id = state().api.post(
        f"/tasks/{workflow_id}/{task_ref_name}/{status.upper()}",
        _output(output),
        params={"workerid": worker_id},
    )
    click.echo(cell(task_id))


@task_group.command("signal")
@click.option("--workflow-id", required=True)
@click.option("--status", required=True, type=_STATUSES)
@click.option("--output", default=None, help="JSON object.")
def signal(workflow_id: str, status: str, output: str | None) -> None:
    """Complete the workflow's pending WAIT / HUMAN / YIELD task."""
    state().api.post(f"/tasks/{workflow_id}/{status.upper()}/signal", _output(output))
    click.echo(f"workflow {workflow_id} signalled successfully")


@task_group.command("signal-sync")
@click.option("--workflow-id", required=True)
@click.option("--status", required=True, type=_STATUSES)
@click.option("--output", default=None, help="JSON object.")
def signal_sync(workflow_id: str, status: str, output: str | None) -> None:
    """Signal and print the workflow as it is afterwards."""
    emit_json(state().api.post(f"/tasks/{workflow_id}/{status.upper()}/signal/sync", _output(output)))


@task_group.command("queue")
@click.argument("task_types", nargs=-1)
@format_option
def queue(task_types: tuple[str, ...], fmt: str | None) -> None:
    """Task queues: depth, last poll and last worker (answers "why is it stuck")."""
    api = state().api
    sizes: dict[str, int] = {}
    for name, shards in (api.get("/tasks/queue/all/verbose") or {}).items():
        # {type: {shard: {"size": n, "uacked": m}}}: the depth is the sum over shards.
        sizes[name] = sum(int(shard.get("size", 0)) for shard in shards.values())
    polls: dict[str, dict[str, Any]] = {}
    for p in api.get("/tasks/queue/polldata/all") or []:
        # Queue names carry the domain as "domain:type", as Conductor names them.
        polls[p.get("queueName", "")] = p
    now = time.time() * 1000
    rows, data = [], []
    for name in sorted(set(sizes) | set(polls)):
        if task_types and name.split(":")[-1] not in task_types:
            continue
        p = polls.get(name, {})
        last = p.get("lastPollTime") or 0
        item = {
            "queue": name,
            "size": sizes.get(name, 0),
            "lastPollTime": last or None,
            "workerId": p.get("workerId"),
            "domain": p.get("domain"),
        }
        data.append(item)
        ago = f"{int((now - last) / 1000)}s ago" if last else "never"
        rows.append([name, item["size"], fmt_time(last), ago if last else "never", item["workerId"]])
    emit(["QUEUE", "SIZE", "LAST POLL", "AGE", "LAST WORKER"], rows, as_json=data, fmt=fmt)


@task_group.command("log")
@click.argument("task_id")
@format_option
def log(task_id: str, fmt: str | None) -> None:
    """A task's execution logs."""
    logs = state().api.get(f"/tasks/{task_id}/log") or []
    rows = [[fmt_time(entry.get("createdTime")), entry.get("log")] for entry in logs]
    emit(["TIME", "LOG"], rows, as_json=logs, fmt=fmt)


@task_group.command("get-execution")
@click.argument("task_id")
def get_execution(task_id: str) -> None:
    """Print a task execution as JSON."""
    emit_json(state().api.get(f"/tasks/{task_id}"))
