"""Bulk workflow operations, event handlers, synchronous execution and signals, actuator/metrics
(docs/api.md §2.2-2.5, §2.8, §4.12, §4.14)."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from apihelpers import assert_empty, assert_error, assert_validation, unique

from driver import Driver

# ---- bulk -----------------------------------------------------------------------------------------


@pytest.fixture
async def two_running(conductor: Driver) -> tuple[str, list[str]]:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    return t, [await conductor.start(name) for _ in range(2)]


async def bulk(
    api: httpx.AsyncClient, method: str, path: str, ids: list[str], **params: Any
) -> dict[str, Any]:
    r = await api.request(method, f"/workflow/bulk/{path}", json=ids, params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def test_bulk_pause_resume_terminate_restart_retry_remove(
    api: httpx.AsyncClient, conductor: Driver, two_running: tuple[str, list[str]]
) -> None:
    _, ids = two_running

    result = await bulk(api, "PUT", "pause", [*ids, "nope"])
    assert result == {
        "bulkSuccessfulResults": ids,
        "bulkErrorResults": {"nope": "No such workflow found by id: nope"},
    }
    assert {(await conductor.get(w))["status"] for w in ids} == {"PAUSED"}

    assert (await bulk(api, "PUT", "resume", ids))["bulkSuccessfulResults"] == ids
    assert {(await conductor.get(w))["status"] for w in ids} == {"RUNNING"}

    result = await bulk(api, "POST", "terminate", ids, reason="bulk stop")
    assert result["bulkSuccessfulResults"] == ids
    for w in ids:
        wf = await conductor.get(w)
        assert (wf["status"], wf["reasonForIncompletion"]) == ("TERMINATED", "bulk stop")

    assert (await bulk(api, "POST", "retry", ids))["bulkSuccessfulResults"] == ids
    assert {(await conductor.get(w))["status"] for w in ids} == {"RUNNING"}

    result = await bulk(api, "POST", "restart", ids)
    assert result["bulkSuccessfulResults"] == []
    assert all("not in terminal state" in msg for msg in result["bulkErrorResults"].values())

    result = await bulk(api, "DELETE", "remove", ids)
    assert result["bulkSuccessfulResults"] == []
    assert result["bulkErrorResults"] == {
        w: f"Cannot archive workflow: {w} with status: RUNNING" for w in ids
    }

    result = await bulk(api, "DELETE", "terminate-remove", ids, reason="gone")
    assert result["bulkSuccessfulResults"] == ids
    for w in ids:
        assert_error(await api.get(f"/workflow/{w}"), 404)


async def test_bulk_restart_and_remove_of_ended_workflows(
    api: httpx.AsyncClient, conductor: Driver, two_running: tuple[str, list[str]]
) -> None:
    t, ids = two_running
    await bulk(api, "POST", "terminate", ids)
    result = await bulk(api, "POST", "restart", ids, useLatestDefinitions="False")
    assert result["bulkSuccessfulResults"] == ids
    wf = await conductor.get(ids[0])
    assert [x["status"] for x in wf["tasks"]] == ["SCHEDULED"]

    await bulk(api, "POST", "terminate", ids)
    assert (await bulk(api, "DELETE", "remove", ids))["bulkSuccessfulResults"] == ids
    assert_error(await api.get(f"/workflow/{ids[1]}"), 404)


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([], "WorkflowIds list cannot be null."),
        (
            [f"w{i}" for i in range(1001)],
            "Cannot process more than 1000 workflows. Please use multiple requests.",
        ),
    ],
)
async def test_bulk_list_size_limits(api: httpx.AsyncClient, ids: list[str], message: str) -> None:
    assert_error(await api.put("/workflow/bulk/pause", json=ids), 400, message)
    assert_error(await api.request("DELETE", "/workflow/bulk/remove", json=ids), 400, message)


async def test_bulk_requires_an_array_body(api: httpx.AsyncClient) -> None:
    assert_error(await api.put("/workflow/bulk/pause", json={"id": "x"}), 400)


# ---- event handlers -------------------------------------------------------------------------------


def handler(
    name: str, event: str = "conductor:flow:task", active: bool = True, **fields: Any
) -> dict[str, Any]:
    action = {
        "action": "complete_task",
        "complete_task": {"workflowId": "${workflowId}", "taskRefName": "waiter", "output": {"k": "${v}"}},
        "expandInlineJSON": True,
    }
    return {"name": name, "event": event, "actions": [action], "active": active, **fields}


async def test_event_handler_crud(api: httpx.AsyncClient) -> None:
    on, off = unique("h"), unique("h")
    assert_empty(await api.post("/event", json=handler(on, condition="$.v > 1")))
    assert_empty(await api.post("/event", json=handler(off, active=False)))
    assert_error(
        await api.post("/event", json=handler(on)), 409, f"EventHandler with name {on} already exists!"
    )

    every = {h["name"]: h for h in (await api.get("/event")).json()}
    assert set(every) == {on, off}
    stored = every[on]
    assert stored["event"] == "conductor:flow:task"
    assert stored["condition"] == "$.v > 1"
    assert stored["active"] is True
    # Action keys are snake_case on the wire, exactly as in Conductor.
    assert stored["actions"][0]["action"] == "complete_task"
    assert stored["actions"][0]["complete_task"]["taskRefName"] == "waiter"
    assert stored["actions"][0]["expandInlineJSON"] is True

    active = (await api.get("/event/conductor:flow:task")).json()  # activeOnly defaults to true
    assert [h["name"] for h in active] == [on]
    both = (await api.get("/event/conductor:flow:task", params={"activeOnly": "false"})).json()
    assert sorted(h["name"] for h in both) == sorted([on, off])
    assert (await api.get("/event/sqs:other")).json() == []

    assert_empty(await api.put("/event", json=handler(off, active=True)))
    assert len((await api.get("/event/conductor:flow:task")).json()) == 2
    assert_error(
        await api.put("/event", json=handler("ghost")), 404, "EventHandler with name ghost not found!"
    )

    assert_empty(await api.delete(f"/event/{on}"))
    assert [h["name"] for h in (await api.get("/event")).json()] == [off]
    assert_error(await api.delete(f"/event/{on}"), 404, f"EventHandler with name {on} not found!")


async def test_event_handler_defaults_to_inactive(api: httpx.AsyncClient) -> None:
    name = unique("h")
    body = handler(name)
    del body["active"]
    assert_empty(await api.post("/event", json=body))
    assert (await api.get("/event")).json()[0]["active"] is False


async def test_invalid_event_handler_is_400(api: httpx.AsyncClient) -> None:
    r = await api.post("/event", json={"actions": []})
    assert_validation(
        r,
        "Missing event handler name",
        "Missing event location",
        "No actions specified. Please specify at-least one action",
    )
    assert (await api.get("/event")).json() == []
    assert_error(await api.post("/event", content=b"{", headers={"content-type": "application/json"}), 400)


# ---- synchronous execution ------------------------------------------------------------------------


async def test_execute_returns_the_finished_workflow(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.define(
        [{"name": "noop", "taskReferenceName": "nothing", "type": "NOOP"}],
        outputParameters={"echo": "${workflow.input.v}"},
    )
    r = await api.post(f"/workflow/execute/{name}/1", params={"requestId": "req-1"}, json={"input": {"v": 5}})
    assert r.status_code == 200
    run = r.json()
    assert run["responseType"] == "TARGET_WORKFLOW"
    assert run["requestId"] == "req-1"
    assert run["targetWorkflowStatus"] == "COMPLETED"
    assert run["status"] == "COMPLETED"
    assert run["output"] == {"echo": 5}
    assert run["input"] == {"v": 5}
    assert run["signalTimeout"] is False
    assert run["workflowId"] == run["targetWorkflowId"]
    assert [t["status"] for t in run["tasks"]] == ["COMPLETED"]
    # Version 0 means the latest.
    r = await api.post(f"/workflow/execute/{name}/0", json={"input": {"v": 6}})
    assert r.json()["output"] == {"echo": 6}


async def test_execute_answers_when_the_workflow_blocks_on_a_wait(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    name = await conductor.define([{"name": "wait", "taskReferenceName": "hold", "type": "WAIT"}])
    started = time.monotonic()
    r = await api.post(f"/workflow/execute/{name}/1", params={"waitForSeconds": 5}, json={})
    assert time.monotonic() - started < 3
    run = r.json()
    assert (run["targetWorkflowStatus"], run["signalTimeout"]) == ("RUNNING", False)

    r = await api.post(f"/workflow/execute/{name}/1", params={"returnStrategy": "BLOCKING_TASK"}, json={})
    task_run = r.json()
    assert task_run["responseType"] == "BLOCKING_TASK"
    assert task_run["taskType"] == "WAIT"
    assert task_run["referenceTaskName"] == "hold"
    assert task_run["status"] == "IN_PROGRESS"


async def test_execute_times_out_on_a_worker_task(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef())
    started = time.monotonic()
    r = await api.post(f"/workflow/execute/{name}/1", params={"waitForSeconds": 1}, json={})
    assert 0.9 <= time.monotonic() - started < 5
    run = r.json()
    assert run["signalTimeout"] is True
    assert run["targetWorkflowStatus"] == "RUNNING"


async def test_execute_errors(api: httpx.AsyncClient, conductor: Driver) -> None:
    assert_error(await api.post("/workflow/execute/nope/1", json={}), 404)
    name = await conductor.simple_workflow(await conductor.taskdef())
    r = await api.post(f"/workflow/execute/{name}/1", params={"returnStrategy": "SOMETHING"}, json={})
    assert_error(r, 400)


async def test_signal_sync_walks_a_chain_of_waits(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.define(
        [
            {"name": "wait", "taskReferenceName": "first", "type": "WAIT"},
            {"name": "wait", "taskReferenceName": "second", "type": "WAIT"},
        ]
    )
    wid = await conductor.start(name)

    r = await api.post(f"/tasks/{wid}/COMPLETED/signal/sync", json={"step": 1})
    assert r.status_code == 200
    run = r.json()
    assert run["targetWorkflowId"] == wid
    assert run["targetWorkflowStatus"] == "RUNNING"  # now blocked on `second`
    assert [(t["referenceTaskName"], t["status"]) for t in run["tasks"]] == [
        ("first", "COMPLETED"),
        ("second", "IN_PROGRESS"),
    ]
    assert run["tasks"][0]["outputData"] == {"step": 1}

    r = await api.post(f"/tasks/{wid}/COMPLETED/signal/sync", json={"step": 2})
    assert r.json()["targetWorkflowStatus"] == "COMPLETED"

    r = await api.post(f"/tasks/{wid}/COMPLETED/signal/sync", json={})
    assert_error(r, 404, f"Found no blocked task in workflow {wid} to signal")
    assert_error(await api.post(f"/tasks/{wid}/DONE/signal/sync", json={}), 400)


# ---- variables, actuator, metrics ----------------------------------------------------------------


async def test_update_variables(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.simple_workflow(await conductor.taskdef(), variables={"a": 1})
    wid = await conductor.start(name)
    r = await api.post(f"/workflow/{wid}/variables", json={"b": 2})
    assert r.status_code == 200
    assert r.json()["variables"] == {"a": 1, "b": 2}
    assert (await conductor.get(wid))["variables"] == {"a": 1, "b": 2}
    assert_error(await api.post("/workflow/nope/variables", json={}), 404)


async def test_actuator_health_and_metrics(api: httpx.AsyncClient, conductor: Driver) -> None:
    r = await api.get("http://127.0.0.1/actuator/health")
    assert (r.status_code, r.json()) == (200, {"status": "UP"})

    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    await conductor.start(name)
    await conductor.poll(t)
    for url in ("http://127.0.0.1/metrics", "http://127.0.0.1/actuator/prometheus"):
        r = await api.get(url)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/plain")
        assert f'workflow_start_success_total{{version="1",workflowName="{name}"}} 1' in r.text
        assert f'task_poll_total{{taskType="{t}"}}' in r.text


async def test_execute_reads_the_workflow_to_answer_not_at_every_step(
    api: httpx.AsyncClient, conductor: Driver, server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each commit of a chain wakes the waiting request. A commit that leaves the workflow
    running with no WAIT or SUB_WORKFLOW open is known from memory: no read for it."""
    import asyncio

    kind = await conductor.taskdef()
    refs = [f"s{i}" for i in range(6)]
    name = await conductor.define([{"name": kind, "taskReferenceName": r, "type": "SIMPLE"} for r in refs])
    workflows = server.components.services.workflows
    reads: list[str] = []
    read = workflows.get

    async def counted(workflow_id: str, include_tasks: bool = True) -> Any:
        reads.append(workflow_id)
        return await read(workflow_id, include_tasks=include_tasks)

    monkeypatch.setattr(workflows, "get", counted)
    execute = asyncio.create_task(
        api.post(f"/workflow/execute/{name}/1", params={"waitForSeconds": 30}, json={})
    )
    for ref in refs:
        task = await conductor.poll(kind)
        assert task["referenceTaskName"] == ref
        await conductor.complete_task(task, {"done": ref})
    run = (await execute).json()
    assert run["status"] == "COMPLETED"
    assert [t["outputData"] for t in run["tasks"]] == [{"done": r} for r in refs]
    # The first look and the answer (a slow machine may add one look per second of waiting);
    # reading at every commit made it seven.
    assert 2 <= len(reads) <= 4, reads
