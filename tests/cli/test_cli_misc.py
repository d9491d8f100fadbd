"""Errors, config profiles, auth, event handlers, schedules and `worker stdio` through the real script."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from tests.cli.conftest import PYCONDUCTOR, Cli, eventually
from tests.integration.conftest import free_port, start_server


def test_unknown_id_is_one_error_line(cli: Cli) -> None:
    done = cli.run("workflow", "status", "no-such-workflow")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == ["Error: No such workflow found by id: no-such-workflow"]


def test_server_down_names_the_url(cli: Cli) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    done = cli.run("workflow", "list", env=cli.env(CONDUCTOR_SERVER_URL=url))
    assert done.returncode == 1
    assert (
        len(done.stderr.splitlines()) == 1
        and f"{url}/api" in done.stderr
        and done.stderr.startswith("Error: ")
    )
    via_flag = cli.run("--server", url + "/api/", "workflow", "status", "x")
    assert via_flag.returncode == 1 and f"{url}/api" in via_flag.stderr


def test_bad_json_names_line_and_column(cli: Cli, tmp_path: Path) -> None:
    done = cli.run("workflow", "start", "-w", "x", "-i", '{"a": }')
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: invalid JSON in -i: Expecting value at line 1 column 7"
    (tmp_path / "bad.json").write_text('{\n  "name": "x",\n  "tasks": [,]\n}')
    from_file = cli.run("workflow", "create", str(tmp_path / "bad.json"))
    assert (
        from_file.returncode == 1
        and "line 3 column 13" in from_file.stderr
        and "bad.json" in from_file.stderr
    )
    assert "Traceback" not in from_file.stderr


def test_server_subcommands_still_argparse(cli: Cli) -> None:
    done = cli.run("--version")
    assert done.returncode == 0 and done.stdout.startswith("pyconductor ")
    bad = cli.run("server", "--port", "0")
    assert bad.returncode == 2 and bad.stderr.startswith("pyconductor: error: ")


def test_config_profiles(cli: Cli) -> None:
    env = cli.env()
    del env["CONDUCTOR_SERVER_URL"]  # no CONDUCTOR_* variable: the default file is used
    saved = cli.run(
        "--server", cli.url, "--auth-key", "k1", "--auth-secret", "s3cr3t-value", "config", "save", env=env
    )
    assert saved.returncode == 0, saved.stderr
    default = cli.home / ".conductor-cli" / "config.yaml"
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert "server: " + cli.url in default.read_text() and "auth-key: k1" in default.read_text()
    cli.run("--profile", "other", "--server", "http://elsewhere:1", "config", "save", env=env)
    profiles = {
        p["profile"]: p["server"] for p in json.loads(cli.run("config", "list", "--json", env=env).stdout)
    }
    assert profiles == {"default": cli.url, "other": "http://elsewhere:1"}

    shown = cli.run("config", "show", env=env).stdout
    assert "s3cr3t-value" not in shown and "s3cr****" in shown and str(default) in shown
    # The default file really is used: a command reaches the server through it.
    assert cli.run("workflow", "list", env=env).returncode == 0
    # Any CONDUCTOR_* variable switches everything to the environment (Conductor CLI's rule).
    show_env = json.loads(cli.run("config", "show", "--json", env={**env, "CONDUCTOR_AUTH_KEY": "ek"}).stdout)
    assert {r["key"]: r["source"] for r in show_env} == {"server": "default", "auth-key": "env"}
    # A profile beats the environment; a flag beats the profile.
    show_profile = json.loads(
        cli.run(
            "--profile",
            "other",
            "config",
            "show",
            "--json",
            env={**env, "CONDUCTOR_SERVER_URL": "http://e:2"},
        ).stdout
    )
    assert show_profile == [
        {
            "key": "server",
            "value": "http://elsewhere:1",
            "source": str(default.with_name("config-other.yaml")),
        }
    ]
    flag = json.loads(
        cli.run("--profile", "other", "--server", "http://f:3", "config", "show", "--json", env=env).stdout
    )
    assert flag[0]["value"] == "http://f:3" and flag[0]["source"] == "flag"

    assert cli.run("config", "delete", "other", "-y", env=env).returncode == 0
    assert not default.with_name("config-other.yaml").exists()
    missing = cli.run("--profile", "other", "workflow", "list", env=env)
    assert missing.returncode == 1 and "config-other.yaml does not exist" in missing.stderr


def test_auth_key_is_exchanged_for_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYCONDUCTOR_AUTH_KEYS", "cli-key:cli-secret")
    port = free_port()
    proc = start_server(f"sqlite:///{tmp_path / 'auth.db'}", port, tmp_path / "server.log")
    try:
        home = tmp_path / "home"
        home.mkdir()
        cli = Cli(f"http://127.0.0.1:{port}/api", home)
        refused = cli.run("workflow", "list")
        assert refused.returncode == 1 and refused.stderr.startswith("Error: ")
        ok = cli.run("--auth-key", "cli-key", "--auth-secret", "cli-secret", "workflow", "list", "--json")
        assert ok.returncode == 0, ok.stderr
        assert json.loads(ok.stdout) == []
        by_env = cli.run(
            "workflow", "list", env=cli.env(CONDUCTOR_AUTH_KEY="cli-key", CONDUCTOR_AUTH_SECRET="cli-secret")
        )
        assert by_env.returncode == 0, by_env.stderr
        wrong = cli.run("--auth-key", "cli-key", "--auth-secret", "nope", "workflow", "list")
        assert wrong.returncode == 1 and wrong.stderr.startswith("Error: ")
    finally:
        proc.terminate()
        proc.wait(10)


def test_event_handlers(cli: Cli, tmp_path: Path) -> None:
    name = f"eh_{uuid.uuid4().hex[:8]}"
    handler = {
        "name": name,
        "event": "conductor:x:done",
        "active": True,
        "actions": [{"action": "start_workflow", "start_workflow": {"name": "x"}}],
    }
    (tmp_path / "eh.json").write_text(json.dumps(handler))
    assert (
        cli.ok("event", "create", str(tmp_path / "eh.json")).strip()
        == f"Event handler {name} created successfully"
    )
    row = next(line.split() for line in cli.ok("event", "list").splitlines() if line.startswith(name))
    assert row == [name, "conductor:x:done", "YES", "1"]
    handler["active"] = False
    (tmp_path / "eh.json").write_text(json.dumps(handler))
    cli.ok("event", "update", str(tmp_path / "eh.json"))
    assert cli.json("event", "get", name)["active"] is False
    assert any(h["name"] == name for h in cli.json("event", "list", "--json"))
    cli.ok("event", "delete", name, "-y")
    gone = cli.run("event", "get", name)
    assert gone.returncode == 1 and gone.stderr.startswith("Error: ")


def test_schedules(cli: Cli) -> None:
    if cli.api.get("/scheduler/schedules").status_code == 404:
        pytest.skip("this server has no /api/scheduler endpoints yet")
    name = f"s_{uuid.uuid4().hex[:8]}"
    definition = {
        "name": "some_wf",
        "version": 1,
        "ownerEmail": "a@b.c",
        "schemaVersion": 2,
        "tasks": [{"name": "t", "taskReferenceName": "t", "type": "WAIT"}],
    }
    assert cli.api.put("/metadata/workflow", json=[definition]).status_code == 200
    created = cli.ok("schedule", "create", "-n", name, "-c", "0 0 * * * *", "-w", "some_wf", "-i", '{"a": 1}')
    assert created.strip() == f"Schedule {name} created successfully"
    got = cli.json("schedule", "get", name)
    assert got["cronExpression"] == "0 0 * * * *" and got["startWorkflowRequest"]["input"] == {"a": 1}
    row = next(line.split() for line in cli.ok("schedule", "list").splitlines() if line.startswith(name))
    assert row[:2] == [name, "some_wf"] and "ACTIVE" in row
    cli.ok("schedule", "pause", name, "--reason", "test")
    assert cli.json("schedule", "get", name)["paused"] is True
    found = cli.json("schedule", "search", "-n", name, "-s", "PAUSED", "--json")
    assert [s["name"] for s in found["results"]] == [name]
    cli.ok("schedule", "resume", name)
    cli.ok("schedule", "update", name, "-c", "0 30 * * * *")
    updated = cli.json("schedule", "get", name)
    assert updated["cronExpression"] == "0 30 * * * *" and updated["paused"] is False
    assert updated["startWorkflowRequest"]["name"] == "some_wf"  # kept by update
    assert any(s["name"] == name for s in cli.json("schedule", "list", "--json"))
    cli.ok("-y", "schedule", "delete", name)
    gone = cli.run("schedule", "get", name)
    assert gone.returncode == 1 and gone.stderr.startswith("Error: ")
    bad = cli.run("schedule", "create", "-n", name, "-c", "0 0 * * * *")
    assert bad.returncode == 1 and "-w" in bad.stderr


WORKER = """
import json, os, sys
task = json.load(sys.stdin)
if task["inputData"].get("fail"):
    print("boom", file=sys.stderr)
    sys.exit(3)
print(json.dumps({"status": "COMPLETED", "output": {"double": task["inputData"]["n"] * 2,
      "type": os.environ["TASK_TYPE"], "wf": os.environ["WORKFLOW_ID"]}, "logs": ["doubled"]}))
"""


def test_worker_stdio(cli: Cli, tmp_path: Path) -> None:
    suffix = uuid.uuid4().hex[:8]
    wf, task = f"wf_{suffix}", f"t_{suffix}"
    (tmp_path / "w.py").write_text(WORKER)
    # No retries: the failing run should end FAILED rather than wait for a retry.
    (tmp_path / "td.json").write_text(json.dumps({"name": task, "ownerEmail": "a@b.c", "retryCount": 0}))
    cli.ok("task", "create", str(tmp_path / "td.json"))
    definition = {
        "name": wf,
        "version": 1,
        "ownerEmail": "a@b.c",
        "schemaVersion": 2,
        "tasks": [
            {
                "name": task,
                "taskReferenceName": "s",
                "type": "SIMPLE",
                "inputParameters": {"n": "${workflow.input.n}", "fail": "${workflow.input.fail}"},
            }
        ],
    }
    (tmp_path / "wf.json").write_text(json.dumps(definition))
    cli.ok("workflow", "create", str(tmp_path / "wf.json"))
    good = cli.ok("workflow", "start", "-w", wf, "-i", '{"n": 21}').strip()
    bad = cli.ok("workflow", "start", "-w", wf, "-i", '{"n": 1, "fail": true}').strip()
    done = subprocess.run(
        [
            str(PYCONDUCTOR),
            "worker",
            "stdio",
            "--type",
            task,
            "--count",
            "2",
            "--max-tasks",
            "2",
            sys.executable,
            str(tmp_path / "w.py"),
        ],
        capture_output=True,
        text=True,
        env=cli.env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    eventually(lambda: cli.ok("workflow", "status", good).strip() == "COMPLETED")
    run = cli.json("workflow", "get-execution", "-c", good)
    assert run["tasks"][0]["outputData"] == {"double": 42, "type": task, "wf": good}
    assert "doubled" in cli.ok("task", "log", run["tasks"][0]["taskId"])
    eventually(lambda: cli.ok("workflow", "status", bad).strip() == "FAILED")
    failed = cli.json("workflow", "get-execution", "-c", bad)["tasks"][0]
    assert failed["status"] == "FAILED" and "boom" in failed["reasonForIncompletion"]
    assert os.environ.get("TASK_TYPE") is None  # the worker's variables stay in the child
