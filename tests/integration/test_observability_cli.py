"""`pyconductor server --log-format json --access-log` as operators run it: JSON lines, one access
line per request, the failed workflow logged, and no key secret or token anywhere in the log."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from tests.integration.conftest import free_port

PYCONDUCTOR = Path(sys.executable).with_name("pyconductor")
KEY_SECRET = "cli-key-secret-0123456789"
SIGNING_SECRET = "cli-signing-secret-0123456789-abcdefgh"
pytestmark = pytest.mark.slow


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYCONDUCTOR_")}
    return {**env, **extra}


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pyconductor: error: "), done.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--log-format", "yaml"], {}, ["log format", "'yaml'"]),
        ([], {"PYCONDUCTOR_LOG_FORMAT": "xml"}, ["log format", "'xml'"]),
        ([], {"PYCONDUCTOR_ACCESS_LOG": "maybe"}, ["PYCONDUCTOR_ACCESS_LOG", "'maybe'"]),
    ],
)
def test_bad_log_settings_are_one_line(
    args: list[str], env: dict[str, str], words: list[str], tmp_path: Path
) -> None:
    done = subprocess.run(
        [str(PYCONDUCTOR), "server", "--port", str(free_port()), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(**env),
        cwd=tmp_path,
        check=False,
    )
    one_line_error(done, *words)
    assert list(tmp_path.iterdir()) == []


def test_json_logs_with_auth_have_no_secrets(tmp_path: Path) -> None:
    port = free_port()
    log_path = tmp_path / "server.log"
    env = clean_env(
        PYCONDUCTOR_AUTH_KEYS=f"ops:{KEY_SECRET}",
        PYCONDUCTOR_AUTH_SECRET=SIGNING_SECRET,
        PYCONDUCTOR_ACCESS_LOG="true",
    )
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(PYCONDUCTOR),
                "server",
                "--port",
                str(port),
                "--db",
                str(tmp_path / "c.db"),
                "--log-format",
                "json",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not become healthy in 30 s"
            time.sleep(0.05)
        token = httpx.post(f"{base}/api/token", json={"keyId": "ops", "keySecret": KEY_SECRET}).json()[
            "token"
        ]
        api = httpx.Client(base_url=f"{base}/api", headers={"X-Authorization": token}, timeout=30)
        task = {"name": "cli_obs_task", "retryCount": 0, "responseTimeoutSeconds": 30}
        assert api.post("/metadata/taskdefs", json=[task]).status_code == 200
        flow = {
            "name": "cli_obs_wf",
            "version": 1,
            "tasks": [{"name": "cli_obs_task", "taskReferenceName": "t", "type": "SIMPLE"}],
        }
        assert api.post("/metadata/workflow", json=flow).status_code == 200
        workflow_id = api.post("/workflow", json={"name": "cli_obs_wf", "input": {}}).text
        polled = api.get("/tasks/poll/cli_obs_task", params={"workerid": "w1"}).json()
        result = {
            "workflowInstanceId": workflow_id,
            "taskId": polled["taskId"],
            "status": "FAILED",
            "reasonForIncompletion": "disk on fire",
        }
        assert api.post("/tasks", json=result).status_code == 200
        assert api.get(f"/workflow/{workflow_id}").json()["status"] == "FAILED"
        assert httpx.get(f"{base}/api/metadata/taskdefs", params={"token": token}).status_code == 401
        assert httpx.get(f"{base}/queues", cookies={"conductor_ui_token": token}).status_code == 200
        families = {f.name: f for f in text_string_to_metric_families(httpx.get(f"{base}/metrics").text)}
        assert families["workflow_failure"].samples[0].labels == {
            "workflowName": "cli_obs_wf",
            "status": "FAILED",
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    text = log_path.read_text()
    for secret in (KEY_SECRET, SIGNING_SECRET, token):
        assert secret not in text
    entries = []
    for line in text.splitlines():
        if line.startswith("pyconductor "):  # the two lines printed for people: listening, stopped
            continue
        entries.append(json.loads(line))  # everything else is one JSON object per line
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    access = [e for e in entries if e["logger"] == "conductor.server.access"]
    assert ("POST", "/api/token", 200) in [(e["method"], e["path"], e["status"]) for e in access]
    assert ("GET", "/api/metadata/taskdefs?token=***", 401) in [
        (e["method"], e["path"], e["status"]) for e in access
    ]
    failed = [e for e in entries if e.get("workflowId") == workflow_id and e["logger"] == "conductor.server"]
    assert len(failed) == 1
    assert failed[0]["level"] == "INFO" and failed[0]["status"] == "FAILED"
    assert "disk on fire" in failed[0]["reason"] and failed[0]["workflowName"] == "cli_obs_wf"
