"""/api/workflow: both start endpoints and the read endpoints (docs/api.md §2.2, §4.7, §4.10)."""

from __future__ import annotations

import httpx
import pytest
from apihelpers import assert_error, assert_text, assert_validation, unique

from driver import Driver


@pytest.fixture
async def two_step(conductor: Driver) -> tuple[str, str, str]:
    """(workflow name, first task, second task): a linear workflow of two worker tasks."""
    first, second = await conductor.taskdef(), await conductor.taskdef()
    tasks = [
        {"name": first, "taskReferenceName": "first", "inputParameters": {"x": "${workflow.input.x}"}},
        {"name": second, "taskReferenceName": "second", "inputParameters": {"y": "${first.output.y}"}},
    ]
    name = await conductor.define(tasks, outputParameters={"result": "${second.output.z}"})
    return name, first, second


# ---- POST /workflow (StartWorkflowRequest) ------------------------------------------------------


async def test_start_returns_the_bare_id_as_text_and_schedules_the_first_task(
    api: httpx.AsyncClient, conductor: Driver, two_step: tuple[str, str, str]
) -> None:
    name, first, _ = two_step
    r = await api.post("/workflow", json={"name": name, "input": {"x": 5}, "correlationId": "c-1"})
    workflow_id = assert_text(r)
    assert len(workflow_id) == 36 and '"' not in workflow_id

    wf = await conductor.get(workflow_id)
    assert wf["workflowId"] == workflow_id
    assert wf["status"] == "RUNNING"
    assert wf["workflowName"] == name
    assert wf["workflowVersion"] == 1
    assert wf["correlationId"] == "c-1"
    assert wf["input"] == {"x": 5}
    assert wf["priority"] == 0
    assert wf["startTime"] == wf["createTime"] > 0
    assert wf["workflowDefinition"]["name"] == name
    (task,) = wf["tasks"]
    assert task["taskType"] == first
    assert task["referenceTaskName"] == "first"
    assert task["status"] == "SCHEDULED"
    assert task["inputData"] == {"x": 5}
    assert task["seq"] == 1
    assert task["workflowInstanceId"] == workflow_id
    assert task["correlationId"] == "c-1"


async def test_full_run_produces_output_parameters(conductor: Driver, two_step: tuple[str, str, str]) -> None:
    name, first, second = two_step
    workflow_id = await conductor.start(name, {"x": 1})
    t1 = await conductor.poll(first)
    assert t1["inputData"] == {"x": 1}
    await conductor.complete_task(t1, {"y": 2})
    t2 = await conductor.poll(second)
    assert t2["inputData"] == {"y": 2}
    await conductor.complete_task(t2, {"z": 3})

    wf = await conductor.until(workflow_id, "COMPLETED")
    assert wf["output"] == {"result": 3}
    assert wf["endTime"] >= wf["startTime"]
    assert [t["status"] for t in wf["tasks"]] == ["COMPLETED", "COMPLETED"]


async def test_start_with_priority_and_version(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    await conductor.simple_workflow(t, t + "_v2", name=name, version=2)

    wid = await conductor.start(name, priority=42, version=1)
    wf = await conductor.get(wid)
    assert (wf["priority"], wf["workflowVersion"]) == (42, 1)
    assert wf["tasks"][0]["workflowPriority"] == 42

    latest = await conductor.get(await conductor.start(name))
    assert latest["workflowVersion"] == 2


@pytest.mark.parametrize(("priority", "bound"), [(100, "maximum 99"), (-1, "minimum 0")])
async def test_start_with_out_of_range_priority_is_400(
    api: httpx.AsyncClient, conductor: Driver, priority: int, bound: str
) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    r = await api.post("/workflow", json={"name": name, "input": {}, "priority": priority})
    assert_validation(r, f"priority: {priority} should be {bound}")
    assert (await api.get("/workflow/search", params={"query": f"workflowType={name}"})).json()[
        "totalHits"
    ] == 0


async def test_start_without_name_is_400(api: httpx.AsyncClient) -> None:
    assert_validation(
        await api.post("/workflow", json={"input": {}}), "Workflow name cannot be null or empty"
    )


async def test_start_unknown_definition_is_404(api: httpx.AsyncClient) -> None:
    r = await api.post("/workflow", json={"name": "nope", "input": {}})
    assert_error(r, 404, "No such workflow defined. name=nope, version=null")
    r = await api.post("/workflow", json={"name": "nope", "version": 3, "input": {}})
    assert_error(r, 404, "No such workflow defined. name=nope, version=3")


async def test_start_with_null_input_is_400(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    r = await api.post("/workflow", json={"name": name, "input": None})
    assert_error(r, 400, "NULL input passed when starting workflow")


@pytest.mark.parametrize(
    "content",
    [b"{", b"[]", b'{"name": 5}', b'{"name": "w", "priority": "high"}', b'{"name": "w", "input": [1]}'],
)
async def test_start_with_malformed_body_is_400(api: httpx.AsyncClient, content: bytes) -> None:
    r = await api.post("/workflow", content=content, headers={"content-type": "application/json"})
    assert_error(r, 400)


async def test_start_with_inline_definition(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    inline = {"name": unique("inline"), "tasks": [{"name": t, "taskReferenceName": "only"}]}
    r = await api.post("/workflow", json={"name": inline["name"], "workflowDef": inline, "input": {"a": 1}})
    wid = assert_text(r)

    wf = await conductor.get(wid)
    assert wf["workflowName"] == inline["name"]
    assert [x["referenceTaskName"] for x in wf["tasks"]] == ["only"]
    # An inline definition is ephemeral: nothing was registered.
    assert_error(await api.get(f"/metadata/workflow/{inline['name']}"), 404)

    task = await conductor.poll(t)
    await conductor.complete_task(task, {"done": True})
    assert (await conductor.until(wid, "COMPLETED"))["output"] == {"done": True}


async def test_start_with_invalid_inline_definition_is_400(api: httpx.AsyncClient) -> None:
    inline = {
        "name": "bad",
        "tasks": [{"name": "t", "taskReferenceName": "a"}, {"name": "u", "taskReferenceName": "a"}],
    }
    r = await api.post("/workflow", json={"name": "bad", "workflowDef": inline, "input": {}})
    assert_validation(
        r, "taskReferenceName: a should be unique across tasks for a given workflowDefinition: bad"
    )


async def test_start_with_unregistered_task_uses_default_task_def(conductor: Driver) -> None:
    t = unique("adhoc")
    wid = await conductor.start(await conductor.simple_workflow(t))
    task = await conductor.poll(t)
    assert task["workflowInstanceId"] == wid
    assert task["responseTimeoutSeconds"] == 3600  # ad-hoc TaskDef defaults (docs/api.md §4.4)


# ---- POST /workflow/{name} ----------------------------------------------------------------------


async def test_start_by_name(
    api: httpx.AsyncClient, conductor: Driver, two_step: tuple[str, str, str]
) -> None:
    name, first, _ = two_step
    r = await api.post(f"/workflow/{name}", params={"correlationId": "cid", "priority": 7}, json={"x": "in"})
    wid = assert_text(r)
    wf = await conductor.get(wid)
    assert (wf["correlationId"], wf["priority"], wf["input"]) == ("cid", 7, {"x": "in"})
    assert wf["tasks"][0]["inputData"] == {"x": "in"}


async def test_start_by_name_errors(api: httpx.AsyncClient, conductor: Driver) -> None:
    assert_error(
        await api.post("/workflow/nope", json={}), 404, "No such workflow found by name: nope, version: null"
    )
    assert_error(
        await api.post("/workflow/nope", params={"version": 2}, json={}),
        404,
        "No such workflow found by name: nope, version: 2",
    )
    name = await conductor.simple_workflow(await conductor.taskdef())
    r = await api.post(f"/workflow/{name}", params={"priority": 100}, json={})
    assert_validation(r, "priority: 100 should be maximum 99")
    assert_error(await api.post(f"/workflow/{name}", params={"priority": "x"}, json={}), 400)
    assert_error(
        await api.post(f"/workflow/{name}", content=b"{oops", headers={"content-type": "application/json"}),
        400,
    )


# ---- idempotency --------------------------------------------------------------------------------


async def test_idempotency_key_fail_strategy(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    body = {"name": name, "input": {}, "idempotencyKey": "k-1", "idempotencyStrategy": "FAIL"}
    first = assert_text(await api.post("/workflow", json=body))
    assert (await conductor.get(first))["idempotencyKey"] == "k-1"

    assert_error(await api.post("/workflow", json=body), 409, contains="k-1")
    # Another key is a different request.
    assert assert_text(await api.post("/workflow", json={**body, "idempotencyKey": "k-2"})) != first


async def test_idempotency_key_return_existing_strategy(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    body = {"name": name, "input": {}, "idempotencyKey": "same", "idempotencyStrategy": "RETURN_EXISTING"}
    first = assert_text(await api.post("/workflow", json=body))
    assert assert_text(await api.post("/workflow", json=body)) == first
    assert len((await api.get(f"/workflow/running/{name}")).json()) == 1


async def test_idempotency_fail_on_running_allows_a_new_run_after_the_end(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    body = {"name": name, "input": {}, "idempotencyKey": "r", "idempotencyStrategy": "FAIL_ON_RUNNING"}
    first = assert_text(await api.post("/workflow", json=body))
    assert_error(await api.post("/workflow", json=body), 409)
    assert (await api.delete(f"/workflow/{first}")).status_code == 200
    assert assert_text(await api.post("/workflow", json=body)) != first


# ---- reads --------------------------------------------------------------------------------------


async def test_get_with_and_without_tasks(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    wid = await conductor.start(name)

    with_tasks = (await api.get(f"/workflow/{wid}")).json()  # includeTasks defaults to true
    assert len(with_tasks["tasks"]) == 1
    without = (await api.get(f"/workflow/{wid}", params={"includeTasks": "false"})).json()
    assert without["tasks"] == []
    assert without["workflowId"] == wid
    assert without["status"] == "RUNNING"


async def test_get_unknown_workflow_is_404(api: httpx.AsyncClient) -> None:
    assert_error(await api.get("/workflow/missing-id"), 404, "No such workflow found by id: missing-id")
    assert_error(
        await api.get("/workflow/missing-id/status"), 404, "No such workflow found by id: missing-id"
    )
    assert_error(await api.get("/workflow/missing-id/tasks"), 404, "No such workflow found by id: missing-id")


async def test_status_summary(
    api: httpx.AsyncClient, conductor: Driver, two_step: tuple[str, str, str]
) -> None:
    name, first, second = two_step
    wid = await conductor.start(name, {"x": 1}, correlationId="corr")
    for task_type, out in ((first, {"y": 1}), (second, {"z": 9})):
        await conductor.complete_task(await conductor.poll(task_type), out)
    await conductor.until(wid, "COMPLETED")

    bare = (await api.get(f"/workflow/{wid}/status")).json()
    assert bare == {"workflowId": wid, "correlationId": "corr", "status": "COMPLETED"}
    full = (
        await api.get(f"/workflow/{wid}/status", params={"includeOutput": "true", "includeVariables": "true"})
    ).json()
    assert full["output"] == {"result": 9}
    assert full["variables"] == {}


async def test_tasks_page_with_status_filter(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    refs = [f"r{i}" for i in range(18)]
    name = await conductor.define([{"name": t, "taskReferenceName": r} for r in refs])
    wid = await conductor.start(name)
    for _ in range(17):
        await conductor.complete_task(await conductor.poll(t))

    page = (await api.get(f"/workflow/{wid}/tasks")).json()
    assert page["totalHits"] == 18
    assert len(page["results"]) == 15  # count defaults to 15
    assert [x["referenceTaskName"] for x in page["results"]] == refs[:15]

    page2 = (await api.get(f"/workflow/{wid}/tasks", params={"start": 15, "count": 10})).json()
    assert [x["referenceTaskName"] for x in page2["results"]] == refs[15:]

    scheduled = (await api.get(f"/workflow/{wid}/tasks", params={"status": "scheduled"})).json()
    assert scheduled["totalHits"] == 1
    assert scheduled["results"][0]["referenceTaskName"] == "r17"
    both = (
        await api.get(f"/workflow/{wid}/tasks", params=[("status", "SCHEDULED"), ("status", "COMPLETED")])
    ).json()
    assert both["totalHits"] == 18


async def test_running_ids_by_name_and_version(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    await conductor.simple_workflow(t, name=name, version=2)
    v1 = [await conductor.start(name, version=1) for _ in range(2)]
    v2 = await conductor.start(name, version=2)
    done = await conductor.start(name, version=1)
    assert (await api.delete(f"/workflow/{done}")).status_code == 200

    r = await api.get(f"/workflow/running/{name}")  # version defaults to 1, not latest
    assert r.status_code == 200
    assert sorted(r.json()) == sorted(v1)
    assert (await api.get(f"/workflow/running/{name}", params={"version": 2})).json() == [v2]

    wf = await conductor.get(v1[0])
    window = {"version": 1, "startTime": wf["createTime"] - 1, "endTime": wf["createTime"] + 1}
    assert v1[0] in (await api.get(f"/workflow/running/{name}", params=window)).json()


async def test_correlated_workflows(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    running = await conductor.start(name, correlationId="order-1")
    closed = await conductor.start(name, correlationId="order-1")
    other = await conductor.start(name, correlationId="order-2")
    assert (await api.delete(f"/workflow/{closed}")).status_code == 200

    r = await api.get(f"/workflow/{name}/correlated/order-1")
    assert [w["workflowId"] for w in r.json()] == [running]
    assert r.json()[0]["tasks"] == []  # includeTasks defaults to false

    r = await api.get(
        f"/workflow/{name}/correlated/order-1", params={"includeClosed": "true", "includeTasks": "true"}
    )
    assert sorted(w["workflowId"] for w in r.json()) == sorted([running, closed])
    assert all(len(w["tasks"]) == 1 for w in r.json())

    r = await api.post(
        f"/workflow/{name}/correlated", params={"includeClosed": "True"}, json=["order-1", "order-2"]
    )
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"order-1", "order-2"}
    assert sorted(w["workflowId"] for w in body["order-1"]) == sorted([running, closed])
    assert [w["workflowId"] for w in body["order-2"]] == [other]
