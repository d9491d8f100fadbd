"""The server keeps answering while it chews on hostile input (the attack battery's heavy cases).

Each case used to block the event loop for seconds (or much longer): nested `${...}`
validation, a backtracking JSONPath regex, a 50 MB HTTP response, a jq filter producing
millions of values, JSON nested hundreds of levels deep, numbers beyond 64 bits. A probe thread
asks `/health` every 20 ms while each case runs; every answer must come within 200 ms.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from tests.integration.conftest import free_port, start_server

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
LIMIT_S = 0.2
BIG_JSON = json.dumps({"rows": [{"i": i, "text": "x" * 40} for i in range(900_000)]}).encode()  # ~50 MB


class _Big(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BIG_JSON)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the server stops reading at its limit: the point
            self.wfile.write(BIG_JSON)


@pytest.fixture(scope="module")
def big_endpoint() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Big)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/big"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("responsive")
    port = free_port()
    proc = start_server(f"sqlite:///{tmp / 'r.db'}", port, tmp / "server.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _worst_health_latency(base: str, work: Callable[[httpx.Client], None]) -> float:
    """Run `work` while probing /health; the slowest probe answer in seconds."""
    stop = threading.Event()
    ready = threading.Event()
    latencies: list[float] = []

    def probe() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                began = time.perf_counter()
                assert client.get(f"{base}/health").status_code == 200
                latencies.append(time.perf_counter() - began)
                ready.set()
                stop.wait(0.02)

    prober = threading.Thread(target=probe)
    prober.start()
    assert ready.wait(10), "the /health probe did not start"
    try:
        with httpx.Client(base_url=f"{base}/api", timeout=60) as client:
            work(client)
    finally:
        stop.set()
        prober.join(30)
    return max(latencies)


def _wait_done(client: httpx.Client, workflow_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while True:
        wf: dict[str, Any] = client.get(f"/workflow/{workflow_id}").json()
        if wf["status"] != "RUNNING":
            return wf
        assert time.monotonic() < deadline, wf
        time.sleep(0.05)


def _run_one_task(
    client: httpx.Client, name: str, task: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    definition = {"name": name, "version": 1, "ownerEmail": "a@b.c", "tasks": [task]}
    assert client.post("/metadata/workflow", json=definition).status_code == 200
    started = client.post("/workflow", json={"name": name, "input": data})
    assert started.status_code == 200, started.text
    return _wait_done(client, started.text)


def test_nested_expressions(server: str) -> None:
    def work(client: httpx.Client) -> None:
        for depth in (22, 30):
            nested = "${" * depth + "x" + "}" * depth
            body = {
                "name": "deep_refs",
                "version": 1,
                "tasks": [
                    {
                        "name": "t",
                        "taskReferenceName": "t",
                        "type": "SIMPLE",
                        "inputParameters": {"a": nested},
                    }
                ],
            }
            assert client.post("/metadata/workflow/validate", json=body).status_code in (200, 400)

    assert _worst_health_latency(server, work) < LIMIT_S


def test_backtracking_regex_in_a_jsonpath_filter(server: str) -> None:
    def work(client: httpx.Client) -> None:
        task = {
            "name": "regex_probe",
            "taskReferenceName": "r",
            "type": "SET_VARIABLE",
            "inputParameters": {"hit": "${workflow.input.items[?(@ =~ /(a+)+$/)]}"},
        }
        wf = _run_one_task(client, "regex_wf", task, {"items": ["a" * 25 + "!"] * 4})
        assert wf["status"] in ("COMPLETED", "FAILED")

    assert _worst_health_latency(server, work) < LIMIT_S


def test_a_50_megabyte_http_response(server: str, big_endpoint: str) -> None:
    def work(client: httpx.Client) -> None:
        task = {
            "name": "big_http",
            "taskReferenceName": "h",
            "type": "HTTP",
            "inputParameters": {"http_request": {"uri": big_endpoint, "method": "GET"}},
        }
        wf = _run_one_task(client, "big_http_wf", task, {})
        assert wf["status"] == "FAILED"
        assert wf["tasks"][0]["status"] in ("FAILED", "FAILED_WITH_TERMINAL_ERROR")
        assert wf["tasks"][0]["reasonForIncompletion"]

    assert _worst_health_latency(server, work) < LIMIT_S


def test_a_jq_filter_producing_millions_of_values(server: str) -> None:
    def work(client: httpx.Client) -> None:
        task = {
            "name": "jq_range",
            "taskReferenceName": "j",
            "type": "JSON_JQ_TRANSFORM",
            "inputParameters": {"queryExpression": "[range(3000000)]"},
        }
        wf = _run_one_task(client, "jq_range_wf", task, {})
        assert wf["status"] == "FAILED"

    assert _worst_health_latency(server, work) < LIMIT_S


def test_deeply_nested_json_and_huge_numbers(server: str) -> None:
    def work(client: httpx.Client) -> None:
        deep: Any = "x"
        for _ in range(600):
            deep = {"a": deep}
        response = client.post("/workflow", json={"name": "whatever", "input": deep})
        assert response.status_code == 400
        huge = client.get("/workflow/search-by-tasks-v2", params={"start": "36893488147419103231"})
        assert huge.status_code == 400 and huge.json()["status"] == 400

    assert _worst_health_latency(server, work) < LIMIT_S
