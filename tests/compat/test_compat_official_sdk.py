"""The official conductor-python 2.0.0 works against our server: workers and the DSL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from systasks.live_server import LiveServer
from systasks.local_http import _Server, base_url

from .conftest import OfficialSdk

pytestmark = pytest.mark.compat

SCRIPTS = Path(__file__).parent / "scripts"
ROOT = Path(__file__).resolve().parents[2]


def test_official_worker_task_under_task_handler(official_sdk: OfficialSdk, live_server: LiveServer) -> None:
    results = official_sdk.run_json(
        SCRIPTS / "run_official_worker.py", {"CONDUCTOR_SERVER_URL": live_server.api_url}, timeout=110
    )
    assert results == [
        {"status": "COMPLETED", "output": {"greeting": f"Hello, n{i}", "total": (i + 1) * 2.5}}
        for i in range(3)
    ]


def test_official_dsl_classes(
    official_sdk: OfficialSdk, live_server: LiveServer, http_endpoint: _Server
) -> None:
    results = official_sdk.run_json(
        SCRIPTS / "run_official_dsl.py",
        {"CONDUCTOR_SERVER_URL": live_server.api_url, "COMPAT_HTTP_URL": f"{base_url(http_endpoint)}/compat"},
    )
    assert results["systasks"] == {
        "status": "COMPLETED",
        "output": {
            "greeting": "hello official",
            "jq": {"key3": ["a", "hello official"]},
            "status": 200,
            "method": "POST",
            "routed": True,
        },
    }
    assert results["blocked_status"] == "RUNNING"
    assert results["signal_target"] is True
    assert results["waits"] == {
        "status": "COMPLETED",
        "output": {"first": "ref", "second": "signal"},
        "tasks": {
            "short": "COMPLETED",
            "until_past": "COMPLETED",
            "first_signal": "COMPLETED",
            "second_signal": "COMPLETED",
        },
    }
    assert results["started"] == {"status": "COMPLETED", "greeting": "hello async", "corr": "compat-corr"}
    posted = [r for r in http_endpoint.requests if r["path"] == "/compat"]
    assert posted and json.loads(posted[-1]["body"]) == {"from": "official"}


def test_golden_json_matches_the_live_official_sdk(official_sdk: OfficialSdk) -> None:
    """tests/dsl/golden/official_dsl.json is what the official SDK produces today, and ours too."""
    script = ROOT / "tests" / "dsl" / "golden_cases.py"
    official = json.loads(official_sdk.run(script))
    golden = json.loads((ROOT / "tests" / "dsl" / "golden" / "official_dsl.json").read_text())
    assert official == golden
    ours = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(ours.stdout) == official


def test_official_scheduler_client(official_sdk: OfficialSdk, live_server: LiveServer) -> None:
    results = official_sdk.run_json(
        SCRIPTS / "run_official_scheduler.py", {"CONDUCTOR_SERVER_URL": live_server.api_url}
    )
    assert results == {
        "name": "compat_sched",
        "cron": "0 0 0 1 1 ?",
        "zone": "Europe/Berlin",
        "workflow": "compat_sched_wf",
        "input": {"k": "v"},
        "listed": ["compat_sched"],
        "paused": [True, "because"],
        "resumed": False,
        "times": [1893456000000, 1893459600000],
        "executions": 0,
        "after_delete": [],
    }
