"""Health, version, admin and HTTP conventions: routing, 404/405 bodies, leniency (docs/api.md §1, §2.7-2.8)."""

from __future__ import annotations

import httpx
from apihelpers import assert_error, assert_text

from driver import Driver

HEALTHY = {"healthResults": [], "suppressedHealthResults": [], "healthy": True}


async def test_health_on_both_paths(api: httpx.AsyncClient) -> None:
    for url in ("http://127.0.0.1/health", "/health"):
        r = await api.get(url)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/json")
        assert r.json() == HEALTHY


async def test_version_is_plain_text(api: httpx.AsyncClient) -> None:
    version = assert_text(await api.get("/version"))
    assert version and version[0].isdigit()


async def test_admin_config(api: httpx.AsyncClient) -> None:
    r = await api.get("/admin/config")
    assert r.status_code == 200
    assert "version" in r.json()


async def test_unknown_route_is_404_error_response(api: httpx.AsyncClient) -> None:
    body = assert_error(await api.get("/no/such/thing"), 404)
    assert body["message"] == "No static resource api/no/such/thing."
    # No auth in OSS: the SDK switches to open mode on a 404 from /token.
    assert_error(await api.post("/token", json={"keyId": "k", "keySecret": "s"}), 404)


async def test_wrong_method_is_405_error_response(api: httpx.AsyncClient) -> None:
    assert_error(await api.put("/tasks/poll/batch/x"), 405)
    assert_error(await api.delete("/metadata/taskdefs"), 405)


async def test_static_segments_beat_variables(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    await conductor.start(await conductor.simple_workflow(t))
    # POST /tasks/queue/requeue/{type} must not be taken for /tasks/{workflowId}/{ref}/{status}.
    assert assert_text(await api.post(f"/tasks/queue/requeue/{t}")) == "1"
    # GET /workflow/search must not be taken for GET /workflow/{workflowId}.
    assert (await api.get("/workflow/search")).json()["totalHits"] == 1


async def test_accept_header_is_ignored(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    r = await api.post("/workflow", json={"name": name, "input": {}}, headers={"accept": "application/xml"})
    assert_text(r)
    r = await api.get(f"/metadata/taskdefs/{t}", headers={"accept": "text/plain"})
    assert r.status_code == 200
    assert r.json()["name"] == t


async def test_bodies_on_bodiless_calls_and_unknown_params_are_ignored(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    t = await conductor.taskdef()
    wid = await conductor.start(await conductor.simple_workflow(t))
    # The Python SDK sends `{}` bodies and Orkes-only query parameters.
    r = await api.put(f"/workflow/{wid}/pause", json={}, params={"access": "x"})
    assert r.status_code == 200
    r = await api.request("DELETE", f"/workflow/{wid}", json={}, params={"reason": "r", "unknown": "1"})
    assert r.status_code == 200
    assert (await conductor.get(wid))["status"] == "TERMINATED"
    r = await api.get("/metadata/taskdefs", params={"access": "READ"})
    assert r.status_code == 200
