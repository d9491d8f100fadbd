"""Optional API-key auth: off by default (404 at /api/token), Orkes' token contract when on."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
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
