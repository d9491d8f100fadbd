"""Task search, search by tasks, admin, environment, secrets and the default event queue."""

from __future__ import annotations

import httpx
from tests.api.apihelpers import assert_error, assert_text, assert_validation

from driver import Driver


async def _one_run(conductor: Driver) -> tuple[str, str, str]:
    task_name = await conductor.taskdef(retryCount=0)
    workflow_name = await conductor.simple_workflow(task_name)
    workflow_id = await conductor.start(workflow_name, {"k": 1})
    return task_name, workflow_name, workflow_id


async def test_task_search_filters_by_task_fields(api: httpx.AsyncClient, conductor: Driver) -> None:
    task_name, workflow_name, workflow_id = await _one_run(conductor)
    other_name, _, _ = await _one_run(conductor)

    found = (await api.get("/tasks/search", params={"query": f"taskDefName = {task_name}"})).json()
    assert found["totalHits"] == 1
    summary = found["results"][0]
    assert summary["workflowId"] == workflow_id
    assert summary["workflowType"] == workflow_name
    assert summary["taskDefName"] == task_name
    assert summary["status"] == "SCHEDULED"
    assert summary["startTime"] == "1970-01-01T00:00:00.000Z"  # never polled: ISO epoch, as Conductor

    full = (
        await api.get("/tasks/search-v2", params={"query": f"taskType IN ({task_name},{other_name})"})
    ).json()
    assert full["totalHits"] == 2
    assert {t["taskDefName"] for t in full["results"]} == {task_name, other_name}
    assert all("workflowTask" in t for t in full["results"])  # whole Task objects


async def test_search_by_tasks_returns_the_workflows_once(api: httpx.AsyncClient, conductor: Driver) -> None:
    task_name, workflow_name, workflow_id = await _one_run(conductor)
    found = (
        await api.get(
            "/workflow/search-by-tasks", params={"query": f"taskDefName = {task_name} AND status = SCHEDULED"}
        )
    ).json()
    assert found["totalHits"] == 1
    assert found["results"][0]["workflowId"] == workflow_id
    assert found["results"][0]["workflowType"] == workflow_name
    full = (
        await api.get("/workflow/search-by-tasks-v2", params={"query": f"taskDefName = {task_name}"})
    ).json()
    assert [w["workflowId"] for w in full["results"]] == [workflow_id]
    assert (await api.get("/tasks/search", params={"query": "taskType"})).status_code == 400


async def test_admin_requeue_and_queues(api: httpx.AsyncClient, conductor: Driver) -> None:
    task_name, _, workflow_id = await _one_run(conductor)
    assert assert_text(await api.post(f"/admin/sweep/requeue/{workflow_id}")) == f"true.{workflow_id}"
    assert assert_text(await api.post(f"/admin/consistency/verifyAndRepair/{workflow_id}")) == "true"
    queues = (await api.get("/admin/queues")).json()
    assert queues[task_name] == 1
    assert_error(await api.post("/admin/sweep/requeue/nope"), 404, "No such workflow found by id: nope")


async def test_environment_and_secrets_reveal_nothing(api: httpx.AsyncClient) -> None:
    assert (await api.get("/environment")).json() == []
    assert_error(await api.get("/environment/HOME"), 404, "Environment variable HOME not found")
    assert (await api.get("/secrets")).json() == []


async def test_unsupported_features_answer_clearly(api: httpx.AsyncClient) -> None:
    response = await api.get(
        "/workflow/externalstoragelocation",
        params={"path": "x", "operation": "READ", "payloadType": "TASK_INPUT"},
    )
    assert_error(response, 400, "External payload storage is not configured on this server")
    # Workflow test runs are supported (tests/api/test_workflow_test_run.py); an empty
    # request is a validation error like any start without a name.
    assert_validation(await api.post("/workflow/test", json={}), "Workflow name cannot be null or empty")


async def test_default_event_queue_completes_a_wait_task(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.define([{"name": "w", "taskReferenceName": "w", "type": "WAIT"}])
    workflow_id = await conductor.start(name)
    response = await api.post(f"/queue/update/{workflow_id}/w/COMPLETED", json={"approved": True})
    assert response.status_code == 200
    wf = await conductor.until(workflow_id, "COMPLETED")
    assert wf["tasks"][0]["outputData"] == {"approved": True}
