"""The task-update shortcut (api/fast_update.py) answers exactly as the framework's routes.

A query string sends the same request through Litestar (the shortcut only takes bare paths),
so every case here is asked both ways and the answers compared: status, content type, body.
"""

from __future__ import annotations

from typing import Any

import httpx
from tests.api.apihelpers import assert_error

from driver import Driver

BOTH = ("", "?via=framework")


def _shape(response: httpx.Response) -> tuple[int, str, Any]:
    kind = response.headers.get("content-type", "")
    body: Any = response.json() if kind.startswith("application/json") and response.content else response.text
    return response.status_code, kind, body


async def _two_tasks(conductor: Driver) -> tuple[str, list[dict[str, Any]]]:
    t = await conductor.taskdef()
    name = await conductor.define([{"name": t, "taskReferenceName": "a"}])
    for _ in range(2):
        await conductor.start(name)
    return t, [await conductor.poll(t), await conductor.poll(t)]


async def test_update_v2_answers_alike(api: httpx.AsyncClient, conductor: Driver) -> None:
    t, tasks = await _two_tasks(conductor)
    empties = []
    for suffix, task in zip(BOTH, tasks, strict=True):
        body = {
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": "COMPLETED",
        }
        # Nothing else queued: 204 with Litestar's empty text answer, both ways.
        response = await api.post(f"/tasks/update-v2{suffix}", json={**body, "workerId": "w"})
        empties.append((response.status_code, response.headers.get("content-type"), response.content))
    assert empties[0] == empties[1]
    assert empties[0][0] == 204 and empties[0][2] == b""
    shapes = []
    for suffix in BOTH:
        t2 = await conductor.taskdef()
        name = await conductor.define([{"name": t2, "taskReferenceName": "x"}])
        first_wf = await conductor.start(name)
        await conductor.start(name)
        first = await conductor.poll(t2)
        assert first["workflowInstanceId"] == first_wf
        body = {
            "workflowInstanceId": first_wf,
            "taskId": first["taskId"],
            "status": "COMPLETED",
            "workerId": "w",
        }
        response = await api.post(f"/tasks/update-v2{suffix}", json=body)
        status, kind, task = _shape(response)
        assert (status, task["taskDefName"], task["status"]) == (200, t2, "IN_PROGRESS")
        shapes.append((status, kind, sorted(task)))
        assert (await conductor.get(first_wf))["status"] == "COMPLETED"
    assert shapes[0] == shapes[1]
    assert t


async def test_update_answers_the_task_id_as_text_alike(api: httpx.AsyncClient, conductor: Driver) -> None:
    _, tasks = await _two_tasks(conductor)
    shapes = []
    for suffix, task in zip(BOTH, tasks, strict=True):
        body = {
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": "COMPLETED",
        }
        response = await api.post(f"/tasks{suffix}", json=body)
        shapes.append(_shape(response)[:2])
        assert response.text == task["taskId"]
    assert shapes[0] == shapes[1] == (200, "text/plain;charset=UTF-8")


async def test_errors_answer_alike(api: httpx.AsyncClient, conductor: Driver) -> None:
    t, tasks = await _two_tasks(conductor)
    wid = tasks[0]["workflowInstanceId"]
    bad: list[tuple[Any, int]] = [
        ({"workflowInstanceId": wid, "taskId": "no-such-task", "status": "COMPLETED"}, 404),
        ({"workflowInstanceId": "no-such-wf", "taskId": "x", "status": "COMPLETED"}, 404),
        ({"status": "COMPLETED"}, 400),  # no ids: Conductor's validation errors
        ({"workflowInstanceId": wid, "taskId": tasks[0]["taskId"], "status": "NOT_A_STATUS"}, 400),
        ({"workflowInstanceId": wid, "taskId": tasks[0]["taskId"], "callbackAfterSeconds": "soon"}, 400),
        ([1, 2, 3], 400),
    ]
    for body, status in bad:
        for path in ("/tasks/update-v2", "/tasks"):
            answers = [_shape(await api.post(f"{path}{suffix}", json=body)) for suffix in BOTH]
            assert answers[0] == answers[1], (path, body)
            assert answers[0][0] == status, (path, body, answers[0])
    # Not JSON at all, and JSON nested beyond the limit: the framework's 400s, through the fallback.
    for content in (b"{not json", b"[" * 5000 + b"]" * 5000):
        for path in ("/tasks/update-v2", "/tasks"):
            response = await api.post(path, content=content, headers={"content-type": "application/json"})
            assert response.status_code == 400, response.text
            assert response.json()["status"] == 400
    # The task itself is untouched by all of that.
    assert_error(
        await api.post("/tasks", json={"workflowInstanceId": wid, "taskId": "gone", "status": "COMPLETED"}),
        404,
        "No such task found by id: gone",
    )
    assert (await conductor.get(wid))["tasks"][0]["status"] == "IN_PROGRESS"
    assert t
