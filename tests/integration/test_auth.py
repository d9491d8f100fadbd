"""Optional API-key auth: off by default (404 at /api/token), Orkes' token contract when on."""

from __future__ import annotations

import http.client
import re
import subprocess
import time
from pathlib import Path

import httpx
import jwt
import pytest
from tests.integration.conftest import LiveServer, free_port, start_server

from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.authentication_settings import AuthenticationSettings
from conductor.client.orkes_clients import OrkesClients


def test_open_mode_answers_404_at_token(live_server: LiveServer) -> None:
    response = live_server.api.post("/token", json={"keyId": "k", "keySecret": "s"})
    assert response.status_code == 404
    assert live_server.api.get("/metadata/taskdefs").status_code == 200


@pytest.fixture
def secured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LiveServer:
    monkeypatch.setenv("PYCONDUCTOR_AUTH_KEYS", "app-key:app-secret")
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'auth.db'}"
    proc = start_server(db_url, port, tmp_path / "server.log")
    yield LiveServer(f"http://127.0.0.1:{port}/api", port, db_url, proc)  # type: ignore[misc]
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_token_flow_and_rejections(secured: LiveServer) -> None:
    api = secured.api
    denied = api.get("/metadata/taskdefs")
    assert denied.status_code == 401
    assert denied.json()["error"] == "INVALID_TOKEN"
    bad = api.post("/token", json={"keyId": "app-key", "keySecret": "wrong"})
    assert bad.status_code == 401
    token = api.post("/token", json={"keyId": "app-key", "keySecret": "app-secret"}).json()["token"]
    ok = api.get("/metadata/taskdefs", headers={"X-Authorization": token})
    assert ok.status_code == 200
    forged = api.get("/metadata/taskdefs", headers={"X-Authorization": token[:-2] + "xx"})
    assert forged.status_code == 401 and forged.json()["error"] == "INVALID_TOKEN"
    assert httpx.get(f"http://127.0.0.1:{secured.port}/health").status_code == 200  # probes stay open


def test_our_sdk_authenticates_with_key_and_secret(secured: LiveServer) -> None:
    config = Configuration(
        server_api_url=secured.url,
        authentication_settings=AuthenticationSettings(key_id="app-key", key_secret="app-secret"),
    )
    metadata = OrkesClients(config).get_metadata_client()
    from conductor.client.http.models.task_def import TaskDef

    metadata.register_task_def(TaskDef(name="auth_probe"))
    assert metadata.get_task_def("auth_probe").name == "auth_probe"


def _spellings(path: str) -> list[str]:
    """The canonical path and the spellings a router may treat as the same route."""
    rest = path[len("/api") :]
    return [
        path,
        "/" + path,  # //api/...
        "/api/" + rest,  # /api//...
        "/." + path,  # /./api/...
        "/%61pi" + rest,  # percent-encoded letter
        "/api" + rest.replace("/", "//", 2),
        path + "/",
        "/api/token/.." + rest,
    ]


def _status(conn: http.client.HTTPConnection, method: str, target: str) -> int:
    conn.request(method, target, body=b"[]", headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def test_every_route_needs_a_token_under_every_spelling(secured: LiveServer) -> None:
    """Regression: `POST //api/metadata/taskdefs` used to be served without a token."""
    token = secured.api.post("/token", json={"keyId": "app-key", "keySecret": "app-secret"}).json()["token"]
    doc = httpx.get(f"http://127.0.0.1:{secured.port}/api-docs", headers={"X-Authorization": token}).json()
    assert httpx.get(f"http://127.0.0.1:{secured.port}/api-docs").status_code == 401
    routes = [
        (method.upper(), re.sub(r"\{[^}]+\}", "x", path))
        for path, item in doc["paths"].items()
        for method in item
        if method in ("get", "post", "put", "delete", "patch") and path.startswith("/api/")
    ]
    assert len(routes) > 80, routes  # the whole API, not a handful
    conn = http.client.HTTPConnection("127.0.0.1", secured.port, timeout=30)
    leaks = []
    try:
        for method, path in routes:
            if path in ("/api/token", "/api/health"):
                continue
            for target in _spellings(path):
                status = _status(conn, method, target)
                if status != 401:
                    leaks.append((method, target, status))
    finally:
        conn.close()
    assert leaks == []
    # Nothing was created by the attempts.
    defs = secured.api.get("/metadata/taskdefs", headers={"X-Authorization": token}).json()
    assert defs == []


def test_token_without_expiry_is_rejected() -> None:
    from conductor.server.api.auth import TokenAuth

    auth = TokenAuth({"k": "s"}, signing_secret="0" * 64)
    eternal = jwt.encode({"sub": "k", "iat": int(time.time())}, "0" * 64, algorithm="HS256")
    assert auth.check(eternal) == "INVALID_TOKEN"
    issued = auth.issue("k", "s")
    assert issued is not None and auth.check(issued) is None
    expired = jwt.encode({"sub": "k", "iat": 1, "exp": 2}, "0" * 64, algorithm="HS256")
    assert auth.check(expired) == "EXPIRED_TOKEN"


def test_wrong_secrets_are_throttled_per_client(secured: LiveServer) -> None:
    api = secured.api
    statuses = [
        api.post("/token", json={"keyId": "app-key", "keySecret": f"guess{i}"}).status_code for i in range(10)
    ]
    assert statuses == [401] * 10
    blocked = api.post("/token", json={"keyId": "app-key", "keySecret": "app-secret"})
    assert blocked.status_code == 429  # even the right secret waits: guessing is not rewarded
    assert int(blocked.headers["Retry-After"]) >= 1
    body = blocked.json()
    assert (
        body["status"] == 429 and body["retryable"] is True and "Too many failed attempts" in body["message"]
    )


def test_failure_throttle_window_and_memory_bound() -> None:
    from conductor.server.api.auth import FailureThrottle

    throttle = FailureThrottle(limit=3, window_s=60, max_clients=2)
    for t in (0.0, 1.0, 2.0):
        assert throttle.retry_after("a", now=t) is None
        throttle.failed("a", now=t)
    assert throttle.retry_after("a", now=3.0) == 57
    assert throttle.retry_after("a", now=60.5) is None  # the first failure left the window
    throttle.failed("b", now=61.0)
    throttle.failed("c", now=61.0)  # only the two most recent failing clients are remembered
    assert throttle.retry_after("a", now=61.5) is None
    assert len(throttle._failures) == 2
