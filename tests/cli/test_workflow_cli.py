"""`pyconductor workflow ...` against a real server: definitions, runs, search, bulk from stdin, watch."""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

from tests.cli.conftest import PYCONDUCTOR, Cli, eventually


def _names() -> tuple[str, str]:
    suffix = uuid.uuid4().hex[:8]
    return f"wf_{suffix}", f"t_{suffix}"


def _register(cli: Cli, tmp_path: Path, tasks: list[dict[str, Any]] | None = None) -> tuple[str, str]:
    wf, task = _names()
    (tmp_path / "td.json").write_text(
        json.dumps({"name": task, "ownerEmail": "a@b.c", "responseTimeoutSeconds": 30})
    )
    assert cli.ok("task", "create", str(tmp_path / "td.json")).strip() == f"Task {task} created successfully"
    definition = {
        "name": wf,
        "version": 1,
        "ownerEmail": "a@b.c",
        "schemaVersion": 2,
        "tasks": tasks or [{"name": task, "taskReferenceName": "step", "type": "SIMPLE"}],
    }
    (tmp_path / "wf.json").write_text(json.dumps(definition))
    cli.ok("workflow", "create", str(tmp_path / "wf.json"))
    return wf, task


def _status(cli: Cli, workflow_id: str) -> str:
    return cli.ok("workflow", "status", workflow_id).strip()


def test_definitions(cli: Cli, tmp_path: Path) -> None:
    wf, task = _register(cli, tmp_path)
    again = cli.run("workflow", "create", str(tmp_path / "wf.json"))
    assert again.returncode == 1 and again.stderr.startswith("Error: ") and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    assert cli.ok("workflow", "create", "--force", "--file", str(tmp_path / "wf.json")).startswith("Workflow")
    listing = cli.ok("workflow", "list").splitlines()
    assert listing[0].split() == ["NAME", "VERSION", "DESCRIPTION"]
    assert any(line.split()[:2] == [wf, "1"] for line in listing[1:])
    assert any(d["name"] == wf for d in cli.json("workflow", "list", "--json"))
    assert f"{wf},1," in cli.ok("workflow", "list", "--csv")
    assert cli.json("workflow", "get", wf, "1")["tasks"][0]["name"] == task
    assert any(d["name"] == wf for d in cli.json("workflow", "get-all"))
    definition = json.loads((tmp_path / "wf.json").read_text())
    definition["description"] = "changed"
    (tmp_path / "wf.json").write_text(json.dumps(definition))
    cli.ok("workflow", "update", str(tmp_path / "wf.json"))
    assert cli.json("workflow", "get", wf)["description"] == "changed"

    tasks = cli.ok("task", "list").splitlines()
    assert tasks[0].startswith("NAME") and "RESPONSE TIMEOUT (s)" in tasks[0]
    assert cli.json("task", "get", task)["responseTimeoutSeconds"] == 30
    assert any(t["name"] == task for t in cli.json("task", "get-all"))
    (tmp_path / "td.json").write_text(json.dumps({"name": task, "ownerEmail": "a@b.c", "retryCount": 7}))
    cli.ok("task", "update", str(tmp_path / "td.json"))
    assert any(t["name"] == task and t["retryCount"] == 7 for t in cli.json("task", "list", "--json"))

    assert (
        cli.ok("-y", "workflow", "delete", wf, "1").strip() == f"Workflow {wf} version 1 deleted successfully"
    )
    gone = cli.run("workflow", "get", wf)
    assert gone.returncode == 1 and gone.stderr.startswith("Error: ")
    cli.ok("task", "delete", "-y", task)
    assert cli.run("task", "get", task).returncode == 1


def test_run_lifecycle_and_watch(cli: Cli, tmp_path: Path) -> None:
    wf, task = _register(cli, tmp_path)
    workflow_id = cli.ok("workflow", "start", "-w", wf, "-i", '{"n": 1}', "--correlation", "c-1").strip()
    assert len(workflow_id) == 36 and "\n" not in workflow_id  # only the id
    assert _status(cli, workflow_id) == "RUNNING"
    run = cli.json("workflow", "get-execution", "-c", workflow_id)
    assert run["input"] == {"n": 1} and run["correlationId"] == "c-1" and run["tasks"]
    assert "tasks" not in cli.json("workflow", "get-execution", workflow_id) or not cli.json(
        "workflow", "get-execution", workflow_id
    ).get("tasks")

    assert cli.ok("workflow", "pause", workflow_id).strip() == f"workflow {workflow_id} paused successfully"
    assert _status(cli, workflow_id) == "PAUSED"
    cli.ok("workflow", "resume", workflow_id)
    assert _status(cli, workflow_id) == "RUNNING"

    # watch runs until the run ends, which happens while it watches.
    watch = subprocess.Popen(
        [str(PYCONDUCTOR), "workflow", "watch", workflow_id, "--interval", "0.2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli.env(),
    )
    try:
        polled = cli.json("task", "poll", task, "--worker-id", "cli-test")
        assert len(polled) == 1 and polled[0]["workflowInstanceId"] == workflow_id
        queue = {q["queue"]: q for q in cli.json("task", "queue", task, "--json")}
        assert queue[task]["workerId"] == "cli-test" and queue[task]["lastPollTime"]
        assert "cli-test" in cli.ok("task", "queue", task)
        cli.ok(
            "task",
            "update-execution",
            "--workflow-id",
            workflow_id,
            "--task-ref-name",
            "step",
            "--status",
            "COMPLETED",
            "--output",
            '{"ok": true}',
        )
        out, err = watch.communicate(timeout=20)
    finally:
        watch.kill()
    assert watch.returncode == 0, err
    assert f"{workflow_id} COMPLETED" in out and "step" in out and "COMPLETED" in out.splitlines()[-1]
    assert _status(cli, workflow_id) == "COMPLETED"
    assert cli.json("task", "get-execution", polled[0]["taskId"])["outputData"] == {"ok": True}
    assert cli.ok("task", "log", polled[0]["taskId"]).splitlines()[0].split() == ["TIME", "LOG"]

    # restart, terminate, retry, rerun, delete-execution on the same run.
    cli.ok("workflow", "restart", "--use-latest", workflow_id)
    assert _status(cli, workflow_id) == "RUNNING"
    cli.ok("workflow", "terminate", workflow_id, "--reason", "testing")
    assert _status(cli, workflow_id) == "TERMINATED"
    cli.ok("workflow", "retry", "--resume-subworkflow-tasks", workflow_id)
    assert _status(cli, workflow_id) == "RUNNING"
    cli.ok("workflow", "terminate", workflow_id)  # rerun needs an ended run
    new_id = cli.ok("workflow", "rerun", workflow_id, "--workflow-input", '{"n": 2}').strip()
    assert new_id == workflow_id
    assert cli.json("workflow", "get-execution", workflow_id)["input"] == {"n": 2}
    cli.ok("workflow", "delete-execution", workflow_id)
    missing = cli.run("workflow", "status", workflow_id)
    assert missing.returncode == 1 and missing.stderr.startswith("Error: ")


def test_watch_exits_1_when_the_run_fails(cli: Cli, tmp_path: Path) -> None:
    wf, _ = _register(cli, tmp_path)
    workflow_id = cli.ok("workflow", "start", "-w", wf).strip()
    cli.ok("workflow", "terminate", workflow_id)
    done = cli.run("workflow", "watch", workflow_id, timeout=20)
    assert done.returncode == 1 and "TERMINATED" in done.stdout


def test_skip_task_and_signal(cli: Cli, tmp_path: Path) -> None:
    tasks = [
        {"name": "wait", "taskReferenceName": "hold", "type": "WAIT"},
        {"name": "later", "taskReferenceName": "later", "type": "SIMPLE"},
    ]
    wf, _ = _register(cli, tmp_path, tasks)
    workflow_id = cli.ok("workflow", "start", "-w", wf).strip()
    skipped = cli.ok("workflow", "skip-task", workflow_id, "later", "--task-output", '{"skipped": true}')
    assert "skipped successfully" in skipped
    cli.ok("task", "signal", "--workflow-id", workflow_id, "--status", "COMPLETED", "--output", '{"a": 1}')
    eventually(lambda: _status(cli, workflow_id) == "COMPLETED")
    run = cli.json("workflow", "get-execution", "-c", workflow_id)
    assert [t["status"] for t in run["tasks"]] == ["COMPLETED", "SKIPPED"]

    second = cli.ok("workflow", "start", "-w", wf).strip()
    after = cli.json("task", "signal-sync", "--workflow-id", second, "--status", "COMPLETED")
    assert after["workflowId"] == second or after.get("targetWorkflowId") == second


def test_start_sync_prints_the_run(cli: Cli, tmp_path: Path) -> None:
    inline = {
        "name": "inline",
        "taskReferenceName": "calc",
        "type": "INLINE",
        "inputParameters": {"evaluatorType": "graaljs", "expression": "(function(){return 6*7;})()"},
    }
    wf, _ = _register(cli, tmp_path, [inline])
    (tmp_path / "in.json").write_text('{"x": 1}')
    run = cli.json("workflow", "start", "-w", wf, "--version", "1", "-f", str(tmp_path / "in.json"), "--sync")
    assert run["status"] == "COMPLETED" and run["input"] == {"x": 1}


def test_search_ids_piped_into_terminate(cli: Cli, tmp_path: Path) -> None:
    wf, _ = _register(cli, tmp_path)
    started = {cli.ok("workflow", "start", "-w", wf).strip() for _ in range(3)}

    def found() -> set[str]:
        return set(cli.ok("workflow", "search", "-w", wf, "-s", "RUNNING", "--ids").split())

    eventually(lambda: found() == started)
    table = cli.ok("workflow", "search", "-w", wf).splitlines()
    assert table[0].split() == [
        "START",
        "TIME",
        "WORKFLOW",
        "ID",
        "WORKFLOW",
        "NAME",
        "END",
        "TIME",
        "STATUS",
    ]
    assert len(table) == 4
    result = cli.json("workflow", "search", "-w", wf, "-c", "2", "--json")
    assert result["totalHits"] == 3 and len(result["results"]) == 2
    today = time.strftime("%Y-%m-%d")
    assert len(cli.ok("workflow", "search", "-w", wf, "--start-time-after", today, "--ids").split()) == 3
    assert cli.ok("workflow", "search", "-w", wf, "--start-time-before", "2000-01-01", "--ids") == ""
    assert cli.ok("workflow", "search", "-w", wf, "--csv").startswith("START TIME,WORKFLOW ID,")

    ids = "\n".join(sorted(started)) + "\n"
    # Many ids without -y: asked, and without a terminal nothing is done.
    refused = cli.run("workflow", "terminate", "-", stdin=ids)
    assert refused.returncode == 1 and "-y" in refused.stderr
    assert found() == started
    done = cli.run("-y", "workflow", "terminate", "-", stdin=ids)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 3 and all(
        s.endswith("terminated successfully") for s in done.stdout.splitlines()
    )
    assert set(cli.ok("workflow", "search", "-w", wf, "-s", "TERMINATED", "--ids").split()) == started
    # Partial failure: the good ids are still acted on, and the status is 1.
    mixed = cli.run("workflow", "delete-execution", "-y", sorted(started)[0], "no-such-id")
    assert mixed.returncode == 1 and "no-such-id" in mixed.stderr and "deleted successfully" in mixed.stdout
