"""`pyconductor workflow ...`: definitions and runs, with Conductor CLI's verbs, flags and output."""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

import click

from conductor.cli.app import confirm_many, ids_from, parse_json, read_json_file, state
from conductor.cli.output import CliError, cell, emit, emit_json, fmt_time, format_option

TERMINAL = {"COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT"}


@click.group("workflow")
def workflow_group() -> None:
    """Workflow definitions and executions."""


def _input(input_json: str | None, input_file: str | None) -> dict[str, Any]:
    if input_json is not None and input_file is not None:
        raise CliError("give -i or -f, not both")
    data = parse_json(input_json, "-i") if input_json is not None else None
    if input_file is not None:
        data = read_json_file(input_file)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CliError("workflow input must be a JSON object")
    return data


# ---- definitions ---------------------------------------------------------------------------


@workflow_group.command("list")
@format_option
def list_(fmt: str | None) -> None:
    """List workflow definitions (NAME, VERSION, DESCRIPTION)."""
    defs = state().api.get("/metadata/workflow") or []
    rows = [[d.get("name"), d.get("version"), d.get("description")] for d in defs]
    emit(["NAME", "VERSION", "DESCRIPTION"], rows, as_json=defs, fmt=fmt)


@workflow_group.command("get")
@click.argument("name")
@click.argument("version", required=False, type=int)
def get(name: str, version: int | None) -> None:
    """Print a workflow definition's JSON (the latest version unless given)."""
    emit_json(state().api.get(f"/metadata/workflow/{name}", params={"version": version}))


@workflow_group.command("get-all")
def get_all() -> None:
    """Print every workflow definition as JSON."""
    emit_json(state().api.get("/metadata/workflow"))


def _definition(file: str | None, file_opt: str | None) -> dict[str, Any]:
    path = file or file_opt
    if not path:
        raise CliError("give the definition file (or - for stdin)")
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise CliError(f"{path}: a workflow definition is a JSON object")
    return data


@workflow_group.command("create")
@click.argument("file", required=False)
@click.option("--file", "file_opt", help="Same as the FILE argument (the spelling of Conductor's docs).")
@click.option("--force", is_flag=True, help="Overwrite an existing definition of the same name and version.")
def create(file: str | None, file_opt: str | None, force: bool) -> None:
    """Register a workflow definition from a JSON file."""
    definition = _definition(file, file_opt)
    api = state().api
    if force:
        api.put("/metadata/workflow", [definition])
    else:
        api.post("/metadata/workflow", definition)
    click.echo(f"Workflow {definition.get('name')} created successfully")


@workflow_group.command("update")
@click.argument("file", required=False)
@click.option("--file", "file_opt", help="Same as the FILE argument.")
def update(file: str | None, file_opt: str | None) -> None:
    """Update (or create) a workflow definition from a JSON file."""
    definition = _definition(file, file_opt)
    state().api.put("/metadata/workflow", [definition])
    click.echo(f"Workflow {definition.get('name')} updated successfully")


@workflow_group.command("delete")
@click.argument("name")
@click.argument("version", type=int)
@click.option("-y", "--yes", is_flag=True)
def delete(name: str, version: int, yes: bool) -> None:
    """Delete one version of a workflow definition."""
    if not (yes or state().yes) and not click.confirm(f"Delete workflow {name} version {version}?", err=True):
        raise CliError("cancelled")
    state().api.delete(f"/metadata/workflow/{name}/{version}")
    click.echo(f"Workflow {name} version {version} deleted successfully")


# ---- starting and reading runs -------------------------------------------------------------


@workflow_group.command("start")
@click.option("-w", "--workflow", "--name", "name", required=True, help="Workflow name.")
@click.option("--version", type=int, default=None, help="Version (latest by default).")
@click.option("-i", "--input", "input_json", default=None, help="Input as a JSON object.")
@click.option("-f", "--file", "input_file", default=None, help="Input from a JSON file (- for stdin).")
@click.option("--correlation", default=None, help="Correlation id.")
@click.option("--sync", is_flag=True, help="Wait for the run and print it as JSON.")
@click.option(
    "-u", "--wait-until", "wait_until", default=None, help="With --sync: return once this task ref ran."
)
@click.option(
    "--wait-for-seconds", type=int, default=10, show_default=True, help="With --sync: longest wait."
)
def start(
    name: str,
    version: int | None,
    input_json: str | None,
    input_file: str | None,
    correlation: str | None,
    sync: bool,
    wait_until: str | None,
    wait_for_seconds: int,
) -> None:
    """Start a workflow; prints only its id (the run's JSON with --sync)."""
    body: dict[str, Any] = {"name": name, "input": _input(input_json, input_file)}
    if version is not None:
        body["version"] = version
    if correlation is not None:
        body["correlationId"] = correlation
    api = state().api
    if not sync:
        click.echo(cell(api.post("/workflow", body)))
        return
    if version is None:
        version = int(api.get(f"/metadata/workflow/{name}").get("version", 1))
    run = api.post(
        f"/workflow/execute/{name}/{version}",
        body,
        params={"waitUntilTaskRef": wait_until, "waitForSeconds": wait_for_seconds},
        timeout=wait_for_seconds + 30.0,
    )
    emit_json(run)


@workflow_group.command("status")
@click.argument("workflow_id")
def status(workflow_id: str) -> None:
    """Print only the run's status word."""
    run = state().api.get(f"/workflow/{workflow_id}", params={"includeTasks": "false"})
    click.echo(run.get("status"))


@workflow_group.command("get-execution")
@click.argument("workflow_id")
@click.option("-c", "--complete", is_flag=True, help="Include the tasks.")
def get_execution(workflow_id: str, complete: bool) -> None:
    """Print a run as JSON."""
    emit_json(state().api.get(f"/workflow/{workflow_id}", params={"includeTasks": str(complete).lower()}))


def _epoch_ms(value: str) -> int:
    """Epoch ms, YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS] (local time), as Conductor's CLI accepts."""
    if value.isdigit():
        return int(value)
    try:
        when = dt.datetime.fromisoformat(value.replace("T", " "))
    except ValueError:
        raise CliError(f"invalid time {value!r}: use YYYY-MM-DD[ HH:MM:SS] or epoch milliseconds") from None
    return int(when.timestamp() * 1000)


def _time(value: Any) -> str:
    return fmt_time(value)


@workflow_group.command("search")
@click.argument("free_text", required=False, default="*")
@click.option("-w", "--workflow", "workflows", multiple=True, help="Workflow name (repeatable).")
@click.option("-s", "--status", "statuses", multiple=True, help="Status (repeatable or comma-separated).")
@click.option("-c", "--count", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--start-time-after", default=None, help="Date, datetime or epoch ms.")
@click.option("--start-time-before", default=None, help="Date, datetime or epoch ms.")
@click.option("--ids", is_flag=True, help="Print only the workflow ids, one per line.")
@format_option
def search(
    free_text: str,
    workflows: tuple[str, ...],
    statuses: tuple[str, ...],
    count: int,
    start_time_after: str | None,
    start_time_before: str | None,
    ids: bool,
    fmt: str | None,
) -> None:
    """Search runs (START TIME, WORKFLOW ID, WORKFLOW NAME, END TIME, STATUS), newest first."""
    clauses = []
    names = [n for w in workflows for n in w.split(",") if n]
    if names:
        clauses.append(f"workflowType IN ({','.join(names)})")
    wanted = [s.upper() for st in statuses for s in st.split(",") if s]
    if wanted:
        clauses.append(f"status IN ({','.join(wanted)})")
    if start_time_after:
        clauses.append(f"startTime>{_epoch_ms(start_time_after)}")
    if start_time_before:
        clauses.append(f"startTime<{_epoch_ms(start_time_before)}")
    result = state().api.get(
        "/workflow/search",
        params={
            "start": 0,
            "size": count,
            "sort": "startTime:DESC",
            "freeText": free_text,
            "query": " AND ".join(clauses) or None,
        },
    )
    runs = result.get("results") or []
    if ids:
        for run in runs:
            click.echo(run.get("workflowId"))
        return
    rows = [
        [
            _time(r.get("startTime")),
            r.get("workflowId"),
            r.get("workflowType"),
            _time(r.get("endTime")),
            r.get("status"),
        ]
        for r in runs
    ]
    emit(["START TIME", "WORKFLOW ID", "WORKFLOW NAME", "END TIME", "STATUS"], rows, as_json=result, fmt=fmt)


# ---- acting on runs ------------------------------------------------------------------------


def _each(action: str, ids: list[str], call: Any, done: str) -> None:
    """Apply one call per id; report each, and exit 1 if any failed (the others still run)."""
    failed = 0
    for workflow_id in ids:
        try:
            call(workflow_id)
        except CliError as exc:
            failed += 1
            click.echo(
                f"Error: {workflow_id}: {exc.message}" if len(ids) > 1 else f"Error: {exc.message}", err=True
            )
            continue
        click.echo(f"workflow {workflow_id} {done} successfully")
    if failed:
        raise click.exceptions.Exit(1)


_yes = click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
_ids = click.argument("workflow_ids", nargs=-1)


@workflow_group.command("terminate")
@_ids
@click.option("-r", "--reason", default=None, help="Why (kept as the run's reason).")
@_yes
def terminate(workflow_ids: tuple[str, ...], reason: str | None, yes: bool) -> None:
    """Terminate runs (ids, or - for one id per line on stdin)."""
    ids = ids_from(workflow_ids)
    confirm_many("Terminate", ids, yes)
    api = state().api
    _each("terminate", ids, lambda i: api.delete(f"/workflow/{i}", params={"reason": reason}), "terminated")


@workflow_group.command("pause")
@_ids
@_yes
def pause(workflow_ids: tuple[str, ...], yes: bool) -> None:
    """Pause runs."""
    ids = ids_from(workflow_ids)
    confirm_many("Pause", ids, yes)
    api = state().api
    _each("pause", ids, lambda i: api.put(f"/workflow/{i}/pause"), "paused")


@workflow_group.command("resume")
@_ids
@_yes
def resume(workflow_ids: tuple[str, ...], yes: bool) -> None:
    """Resume paused runs."""
    ids = ids_from(workflow_ids)
    confirm_many("Resume", ids, yes)
    api = state().api
    _each("resume", ids, lambda i: api.put(f"/workflow/{i}/resume"), "resumed")


@workflow_group.command("restart")
@_ids
@click.option("--use-latest", is_flag=True, help="Use the latest definitions.")
@_yes
def restart(workflow_ids: tuple[str, ...], use_latest: bool, yes: bool) -> None:
    """Restart ended runs from the beginning."""
    ids = ids_from(workflow_ids)
    confirm_many("Restart", ids, yes)
    api = state().api
    params = {"useLatestDefinitions": str(use_latest).lower()}
    _each("restart", ids, lambda i: api.post(f"/workflow/{i}/restart", params=params), "restarted")


@workflow_group.command("retry")
@_ids
@click.option("--resume-subworkflow-tasks", is_flag=True, help="Retry inside failed sub-workflows.")
@_yes
def retry(workflow_ids: tuple[str, ...], resume_subworkflow_tasks: bool, yes: bool) -> None:
    """Retry failed runs from their last failed task."""
    ids = ids_from(workflow_ids)
    confirm_many("Retry", ids, yes)
    api = state().api
    params = {"resumeSubworkflowTasks": str(resume_subworkflow_tasks).lower()}
    _each("retry", ids, lambda i: api.post(f"/workflow/{i}/retry", params=params), "retried")


def _obj(text: str | None, what: str) -> dict[str, Any] | None:
    if text is None:
        return None
    data = parse_json(text, what)
    if not isinstance(data, dict):
        raise CliError(f"{what} must be a JSON object")
    return data


@workflow_group.command("rerun")
@click.argument("workflow_id")
@click.option("--task-id", default=None, help="Rerun from this task.")
@click.option("--correlation-id", default=None)
@click.option("--task-input", default=None, help="JSON object.")
@click.option("--workflow-input", default=None, help="JSON object.")
def rerun(
    workflow_id: str,
    task_id: str | None,
    correlation_id: str | None,
    task_input: str | None,
    workflow_input: str | None,
) -> None:
    """Rerun a run (from a task); prints only the id."""
    body = {
        "reRunFromWorkflowId": workflow_id,
        "reRunFromTaskId": task_id,
        "correlationId": correlation_id,
        "taskInput": _obj(task_input, "--task-input"),
        "workflowInput": _obj(workflow_input, "--workflow-input"),
    }
    new_id = state().api.post(
        f"/workflow/{workflow_id}/rerun", {k: v for k, v in body.items() if v is not None}
    )
    click.echo(cell(new_id))


@workflow_group.command("skip-task")
@click.argument("workflow_id")
@click.argument("task_ref")
@click.option("--task-input", default=None, help="JSON object.")
@click.option("--task-output", default=None, help="JSON object.")
def skip_task(workflow_id: str, task_ref: str, task_input: str | None, task_output: str | None) -> None:
    """Skip a task of a running workflow."""
    body = {"taskInput": _obj(task_input, "--task-input"), "taskOutput": _obj(task_output, "--task-output")}
    state().api.put(f"/workflow/{workflow_id}/skiptask/{task_ref}", {k: v for k, v in body.items() if v})
    click.echo(f"task {task_ref} of workflow {workflow_id} skipped successfully")


@workflow_group.command("delete-execution")
@_ids
@click.option("-a", "--archive", is_flag=True, help="Archive instead of deleting.")
@_yes
def delete_execution(workflow_ids: tuple[str, ...], archive: bool, yes: bool) -> None:
    """Delete runs."""
    ids = ids_from(workflow_ids)
    confirm_many("Delete", ids, yes)
    api = state().api
    params = {"archiveWorkflow": str(archive).lower()}
    _each("delete", ids, lambda i: api.delete(f"/workflow/{i}/remove", params=params), "deleted")


# ---- watch ---------------------------------------------------------------------------------

_STYLE = {
    "COMPLETED": "green",
    "IN_PROGRESS": "cyan",
    "SCHEDULED": "yellow",
    "FAILED": "red",
    "FAILED_WITH_TERMINAL_ERROR": "red",
    "TIMED_OUT": "red",
    "TERMINATED": "magenta",
    "CANCELED": "magenta",
    "SKIPPED": "dim",
    "PAUSED": "yellow",
    "RUNNING": "cyan",
}


def _view(run: dict[str, Any], color: bool) -> Any:
    from rich.markup import escape
    from rich.table import Table

    def paint(word: str) -> str:
        return f"[{_STYLE[word]}]{word}[/]" if color and word in _STYLE else word

    status_word = run.get("status", "")
    table = Table(
        title=f"{escape(cell(run.get('workflowName')))} v{run.get('workflowVersion')}  {run.get('workflowId')}  "
        f"{paint(status_word)}",
        box=None,
        title_justify="left",
    )
    for header in ("REF", "TYPE", "STATUS", "ATTEMPT", "STARTED", "ENDED", "WORKER"):
        table.add_column(header, no_wrap=True)
    for task in run.get("tasks") or []:
        word = task.get("status", "")
        table.add_row(
            escape(cell(task.get("referenceTaskName"))),
            escape(cell(task.get("taskType"))),
            paint(word),
            cell(task.get("retryCount", 0) + 1),
            fmt_time(task.get("startTime")),
            fmt_time(task.get("endTime")),
            escape(cell(task.get("workerId"))),
        )
    if run.get("reasonForIncompletion"):
        table.caption = f"reason: {escape(str(run['reasonForIncompletion']))}"
        table.caption_justify = "left"
    return table


@workflow_group.command("watch")
@click.argument("workflow_id")
@click.option("--interval", type=float, default=1.0, show_default=True, help="Seconds between refreshes.")
def watch(workflow_id: str, interval: float) -> None:
    """Show a run's tasks live until it ends; exit 1 unless it COMPLETED."""
    from rich.live import Live

    from conductor.cli.output import color_wanted, console, print_wide

    api = state().api
    run = api.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"})
    if not sys.stdout.isatty():
        # Piped or logged: no redraws (they would be escape codes in a file); one line per
        # status change of the run, then the final table.
        last = None
        while True:
            if run.get("status") != last:
                last = run.get("status")
                click.echo(f"{workflow_id} {last}")
            if last in TERMINAL:
                break
            time.sleep(interval)
            run = api.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"})
        print_wide(_view(run, color=False))
    else:
        with Live(_view(run, color_wanted()), console=console(), refresh_per_second=4) as live:
            while run.get("status") not in TERMINAL:
                time.sleep(interval)
                run = api.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"})
                live.update(_view(run, color_wanted()))
    if run.get("status") != "COMPLETED":
        raise click.exceptions.Exit(1)
