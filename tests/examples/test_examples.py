"""Every script in examples/ runs against a real server and prints the expected outputs.

Each script is run as its users run it (`python examples/<name>.py`), with
CONDUCTOR_SERVER_URL pointing at a server on 127.0.0.1; the HTTP example calls a local
endpoint instead of the public one (EXAMPLE_HTTP_URI).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from systasks.live_server import LiveServer
from systasks.local_http import _Server, base_url

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run_example(name: str, server: LiveServer, **env: str) -> dict[str, tuple[str, Any]]:
    """Run examples/<name>.py; return {workflow name: (status, rest of its line)}."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        cwd=ROOT,
        env={**os.environ, "CONDUCTOR_SERVER_URL": server.api_url, **env},
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}\n{server.log()}"
    lines: dict[str, tuple[str, Any]] = {}
    for line in result.stdout.splitlines():
        workflow, status, rest = [*line.split(" ", 2), ""][:3]
        try:
            lines[workflow] = (status, json.loads(rest))
        except ValueError:
            lines[workflow] = (status, rest)
    return lines


def test_workers_example(live_server: LiveServer) -> None:
    out = run_example("workers", live_server)
    assert out["greetings_workflow"] == ("COMPLETED", {"greeting": "Hello, World", "order": "order: 42"})


def test_wait_example(live_server: LiveServer) -> None:
    out = run_example("wait_task", live_server)
    assert out["wait_example"] == ("COMPLETED", {"approved_by": "alice"})
    assert out["wait_json_example"] == ("COMPLETED", ["COMPLETED"])


def test_http_example_code(live_server: LiveServer, http_endpoint: _Server) -> None:
    out = run_example("http_task", live_server, EXAMPLE_HTTP_URI=f"{base_url(http_endpoint)}/api")
    status, output = out["http_example"]
    assert status == "COMPLETED"
    assert output["status"] == 200
    assert output["body"]["method"] == "GET"
    assert output["body"]["path"] == "/api"


def test_http_example_json(live_server: LiveServer, http_endpoint: _Server) -> None:
    out = run_example("http_task", live_server, EXAMPLE_HTTP_URI=f"{base_url(http_endpoint)}/api")
    assert out["http_json_example"] == ("COMPLETED", {"status": 200})


def test_inline_example(live_server: LiveServer) -> None:
    out = run_example("inline_task", live_server)
    assert out["inline_example"] == ("COMPLETED", {"greeting": "hello Conductor"})
    assert out["inline_json_example"] == ("COMPLETED", {"greeting": "hello JSON"})


def test_jq_example(live_server: LiveServer) -> None:
    out = run_example("jq_task", live_server)
    assert out["jq_example"] == ("COMPLETED", {"key3": ["a", "b", "c", "d"]})
    assert out["jq_json_example"] == ("COMPLETED", {"result": {"key3": ["a", "b", "c", "d"]}})


def test_examples_import_without_side_effects() -> None:
    """Importing an example only defines things (no server is reachable here)."""
    code = (
        "import sys; sys.path.insert(0, 'examples');"
        "import greetings, workers, wait_task, http_task, inline_task, jq_task;"
        "mods = (workers, wait_task, http_task, inline_task, jq_task);"
        "print(all(callable(getattr(m, 'main', None)) for m in mods))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "CONDUCTOR_SERVER_URL": "http://127.0.0.1:9/api"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
