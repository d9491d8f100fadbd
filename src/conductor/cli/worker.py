"""`pyconductor worker stdio <program...>`: any program as a worker, with Conductor CLI's contract.

Each polled task is written as JSON to the program's stdin (with TASK_TYPE, TASK_ID, WORKFLOW_ID,
EXECUTION_ID, POLL_DOMAIN in its environment); the program prints `{status, output, logs, reason}`
on stdout. A non-zero exit status means FAILED, with the end of stderr as the reason.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from typing import Any

import click

from conductor.cli.app import state
from conductor.cli.client import Api
from conductor.cli.output import CliError

_STATUSES = {"COMPLETED", "FAILED", "FAILED_WITH_TERMINAL_ERROR", "IN_PROGRESS"}


@click.group("worker")
def worker_group() -> None:
    """Run workers from the command line."""


def run_task(
    task: dict[str, Any], program: list[str], domain: str | None, exec_timeout: float
) -> dict[str, Any]:
    """Run the program for one task and turn what it did into a TaskResult body."""
    env = {
        **os.environ,
        "TASK_TYPE": str(task.get("taskType", "")),
        "TASK_ID": str(task.get("taskId", "")),
        "WORKFLOW_ID": str(task.get("workflowInstanceId", "")),
        "EXECUTION_ID": str(task.get("taskId", "")),
        "POLL_DOMAIN": domain or "",
    }
    result: dict[str, Any] = {
        "workflowInstanceId": task.get("workflowInstanceId"),
        "taskId": task.get("taskId"),
    }
    now = int(time.time() * 1000)
    try:
        done = subprocess.run(
            program,
            input=json.dumps(task),
            capture_output=True,
            text=True,
            env=env,
            timeout=exec_timeout if exec_timeout > 0 else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {**result, "status": "FAILED", "reasonForIncompletion": f"timed out after {exec_timeout:g}s"}
    except OSError as exc:
        return {
            **result,
            "status": "FAILED",
            "reasonForIncompletion": f"cannot run {program[0]}: {exc.strerror}",
        }
    reply: dict[str, Any] = {}
    text = done.stdout.strip()
    if text:
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            # Plain text is still useful output: keep it rather than failing a task that worked.
            parsed = {"output": {"result": text}}
        reply = parsed if isinstance(parsed, dict) else {"output": {"result": parsed}}
    status = str(reply.get("status") or "COMPLETED").upper()
    if done.returncode != 0:
        status = "FAILED"
        reply.setdefault("reason", done.stderr.strip()[-500:] or f"exit status {done.returncode}")
    if status not in _STATUSES:
        status, reply["reason"] = "FAILED", f"invalid status {status!r} from the worker"
    output = reply.get("output")
    logs = reply.get("logs") or []
    if isinstance(logs, str):
        logs = [logs]
    return {
        **result,
        "status": status,
        "outputData": output if isinstance(output, dict) else ({} if output is None else {"result": output}),
        "reasonForIncompletion": reply.get("reason"),
        "logs": [{"log": str(line), "taskId": task.get("taskId"), "createdTime": now} for line in logs],
    }


@worker_group.command("stdio", context_settings={"ignore_unknown_options": True})
@click.option("--type", "task_type", required=True, help="Task type to poll.")
@click.option(
    "--count", type=int, default=1, show_default=True, help="Tasks per poll (run one after another)."
)
@click.option("--worker-id", default=None, help="Worker id reported to the server (default: host name).")
@click.option("--domain", default=None)
@click.option("--poll-timeout", type=int, default=1000, show_default=True, help="Long-poll milliseconds.")
@click.option("--exec-timeout", type=float, default=0, help="Seconds before the program is killed (0: none).")
@click.option("--max-tasks", type=int, default=0, help="Stop after this many tasks (0: run until Ctrl-C).")
@click.argument("program", nargs=-1, required=True, type=click.UNPROCESSED)
def stdio(
    task_type: str,
    count: int,
    worker_id: str | None,
    domain: str | None,
    poll_timeout: int,
    exec_timeout: float,
    max_tasks: int,
    program: tuple[str, ...],
) -> None:
    """Poll TYPE and run PROGRAM for each task (task JSON on stdin, result JSON on stdout)."""
    api: Api = state().api
    worker_id = worker_id or socket.gethostname()
    verbose = state().verbose
    handled = 0
    try:
        while not max_tasks or handled < max_tasks:
            try:
                tasks = api.get(
                    f"/tasks/poll/batch/{task_type}",
                    params={"count": count, "workerid": worker_id, "domain": domain, "timeout": poll_timeout},
                    timeout=poll_timeout / 1000 + 30,
                )
            except CliError as exc:
                # A restarting server should not end a long-running worker: say it and poll again.
                click.echo(f"Error: {exc.message}", err=True)
                time.sleep(1)
                continue
            for task in tasks or []:
                body = run_task(task, list(program), domain, exec_timeout)
                body["workerId"] = worker_id
                api.post("/tasks", body)
                handled += 1
                if verbose:
                    click.echo(f"task {task.get('taskId')} {body['status']}", err=True)
    except KeyboardInterrupt:
        pass
