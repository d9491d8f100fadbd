"""`POST /api/workflow/{name}` in its plain form is answered by the raw-ASGI shortcut
(api/fast_start.py), and answers exactly as the framework's route does: the same statuses,
headers and error bodies. Forms it does not take (query parameters, a body that is not a JSON
object, the `test` route) still reach the framework."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from conductor.server.api import asgi_io
from driver import Driver


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What the shortcuts decoded (only starts are sent through them here): one entry per
    start served without the framework."""
    seen: list[Any] = []
    real = asgi_io._decode

    def spy(body: bytes) -> Any:
        document = real(body)
        seen.append(document)
        return document

    monkeypatch.setattr(asgi_io, "_decode", spy)
    return seen


async def test_a_plain_start_is_served_by_the_shortcut_like_the_route(
    api: httpx.AsyncClient, conductor: Driver, decoded: list[Any]
) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    fast = await api.post(f"/workflow/{name}", json={"x": 1, "nested": {"y": [1, 2]}})
    assert decoded == [{"x": 1, "nested": {"y": [1, 2]}}]
    framework = await api.post(f"/workflow/{name}", params={"priority": 0}, json={"x": 2})
    assert len(decoded) == 1  # a query parameter: the framework's route
    for response in (fast, framework):
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/plain;charset=UTF-8"
        assert response.headers["content-length"] == str(len(response.content))
    started = await conductor.get(fast.text)
    assert (started["workflowName"], started["status"]) == (name, "RUNNING")
    assert started["input"] == {"x": 1, "nested": {"y": [1, 2]}}
    assert started["priority"] == 0 and started["correlationId"] in (None, "")
    [task] = started["tasks"]
    assert task["status"] == "SCHEDULED"


async def test_an_unknown_workflow_gets_the_routes_404(api: httpx.AsyncClient, decoded: list[Any]) -> None:
    fast = await api.post("/workflow/no_such_workflow_x", json={})
    framework = await api.post("/workflow/no_such_workflow_x", params={"priority": 0}, json={})
    assert decoded == [{}]
    assert fast.status_code == framework.status_code == 404
    assert fast.json() == framework.json()
    assert fast.json()["status"] == 404 and "no_such_workflow_x" in fast.json()["message"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"[1, 2]", "application/json"),
        (b"{not json", "application/json"),
        (b"", "application/json"),
        (b'{"x": 1}', "text/plain"),
    ],
)
async def test_bodies_the_shortcut_does_not_take_get_the_frameworks_answer(
    api: httpx.AsyncClient, conductor: Driver, body: bytes, content_type: str
) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    response = await api.post(f"/workflow/{name}", content=body, headers={"content-type": content_type})
    framework = await api.post(
        f"/workflow/{name}", params={"priority": 0}, content=body, headers={"content-type": content_type}
    )
    assert response.status_code == framework.status_code
    if response.status_code >= 400:
        assert response.json()["message"] == framework.json()["message"]


async def test_the_test_route_is_not_taken_for_a_workflow_name(
    api: httpx.AsyncClient, decoded: list[Any]
) -> None:
    response = await api.post("/workflow/test", json={"name": "x"})
    assert decoded == []
    # The test route looked up the definition its body names ("x"), not a workflow named "test".
    assert response.status_code == 404
    assert "name=x" in response.json()["message"]
