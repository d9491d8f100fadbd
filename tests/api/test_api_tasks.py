"""/api/tasks: the worker protocol (poll, update), inspection, logs, queues (docs/api.md §2.4, §3)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from apihelpers import assert_empty, assert_error, assert_text, assert_validation

from conductor.server.clock import FakeClock
from driver import Driver


@pytest.fixture
async def single(conductor: Driver) -> tuple[str, str]:
    """(workflow name, task type): a workflow of one worker task."""
    t = await conductor.taskdef()
    return await conductor.simple_workflow(t), t


async def get_task(api: httpx.AsyncClient, task_id: str) -> dict[str, Any]:
    r = await api.get(f"/tasks/{task_id}")
    assert r.status_code == 200, r.text
    return r.json()


# ---- polling --------------------------------------------------------------------------------------


async def test_single_poll_without_work_is_204(api: httpx.AsyncClient) -> None:
    r = await api.get("/tasks/poll/nothing_here", params={"workerid": "w"})
    assert_empty(r, 204)


async def test_batch_poll_without_work_is_an_empty_array(api: httpx.AsyncClient) -> None:
    r = await api.get("/tasks/poll/batch/nothing_here", params={"workerid": "w", "count": 5, "timeout": 10})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == []


async def test_batch_poll_timeout_above_five_seconds_is_400(api: httpx.AsyncClient) -> None:
    r = await api.get("/tasks/poll/batch/x", params={"timeout": 5001})
    assert_error(r, 400, "Long Poll Timeout value cannot be more than 5 seconds")


async def test_poll_acknowledges_the_task(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name, {"k": "v"})
    task = await conductor.poll_once(t, worker="w-7")
    assert task is not None
    assert task["workflowInstanceId"] == wid
    assert task["taskType"] == t
    assert task["taskDefName"] == t
    assert task["status"] == "IN_PROGRESS"
    assert task["workerId"] == "w-7"
    assert task["pollCount"] == 1
    assert task["startTime"] >= task["scheduledTime"] > 0
    assert task["callbackAfterSeconds"] == 0
    assert task["responseTimeoutSeconds"] == 30
    # Acked on hand-out: stored IN_PROGRESS and gone from the queue.
    assert (await get_task(api, task["taskId"]))["status"] == "IN_PROGRESS"
    assert await conductor.poll_once(t) is None
    assert (await api.get("/tasks/queue/size", params={"taskType": t})).json() == 0


async def test_batch_poll_returns_up_to_count(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    started = {await conductor.start(name) for _ in range(5)}
    r = await api.get(f"/tasks/poll/batch/{t}", params={"workerid": "w", "count": 3, "timeout": 100})
    first = r.json()
    assert len(first) == 3
    r = await api.get(f"/tasks/poll/batch/{t}", params={"workerid": "w", "count": 3, "timeout": 100})
    second = r.json()
    assert len(second) == 2
    assert {x["workflowInstanceId"] for x in first + second} == started
    assert all(x["status"] == "IN_PROGRESS" for x in first + second)


async def test_long_poll_returns_as_soon_as_a_task_is_scheduled(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str], server: Any, eventually: Any
) -> None:
    name, t = single
    signals = server.components.signals

    async def long_poll() -> tuple[float, list[dict[str, Any]]]:
        r = await api.get(f"/tasks/poll/batch/{t}", params={"workerid": "w", "count": 1, "timeout": 5000})
        return time.monotonic(), r.json()

    poller = asyncio.create_task(long_poll())
    await eventually(lambda: signals.has_waiters(t), 5, message="the long poll to wait")
    started = time.monotonic()
    wid = await conductor.start(name)
    returned_at, tasks = await asyncio.wait_for(poller, 10)

    assert [x["workflowInstanceId"] for x in tasks] == [wid]
    assert returned_at - started < 1.5  # woken by the schedule, not by the 5 s timeout


# ---- domains --------------------------------------------------------------------------------------


async def test_task_to_domain_routes_tasks_to_the_domain_queue(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name, taskToDomain={t: "blue"})
    wf = await conductor.get(wid)
    assert wf["taskToDomain"] == {t: "blue"}
    assert wf["tasks"][0]["domain"] == "blue"

    assert await conductor.poll_once(t) is None  # not on the plain queue
    assert (await api.get("/tasks/queue/size", params={"taskType": t})).json() == 0
    assert (await api.get("/tasks/queue/size", params={"taskType": t, "domain": "blue"})).json() == 1
    assert "blue:" + t in (await api.get("/tasks/queue/all")).json()

    task = await conductor.poll_once(t, domain="blue")
    assert task is not None
    assert task["domain"] == "blue"
    await conductor.complete_task(task)
    await conductor.until(wid, "COMPLETED")


async def test_domain_selection_prefers_an_active_worker(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    # No worker has polled "red": the last listed domain is used.
    idle = await conductor.get(await conductor.start(name, taskToDomain={t: "red,green"}))
    assert idle["tasks"][0]["domain"] == "green"
    # A worker polled "blue" just now: the first active domain wins.
    assert await conductor.poll_once(t, domain="blue") is None
    active = await conductor.get(await conductor.start(name, taskToDomain={t: "blue,green"}))
    assert active["tasks"][0]["domain"] == "blue"
    # "*" covers every task; NO_DOMAIN means the plain queue.
    star = await conductor.get(await conductor.start(name, taskToDomain={"*": "purple"}))
    assert star["tasks"][0]["domain"] == "purple"
    plain = await conductor.get(await conductor.start(name, taskToDomain={t: "NO_DOMAIN"}))
    assert plain["tasks"][0].get("domain") is None
    assert (await conductor.poll_once(t))["workflowInstanceId"] == plain["workflowId"]


# ---- updates --------------------------------------------------------------------------------------


async def test_in_progress_with_callback_is_not_pollable_until_then(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str], clock: FakeClock
) -> None:
    name, t = single
    await conductor.start(name)
    task = await conductor.poll(t)
    r = await conductor.post_result(task, "IN_PROGRESS", callbackAfterSeconds=1, outputData={"progress": 50})
    assert assert_text(r) == task["taskId"]

    stored = await get_task(api, task["taskId"])
    assert stored["status"] == "SCHEDULED"  # "poll me again later"
    assert stored["callbackAfterSeconds"] == 1
    assert stored["outputData"] == {"progress": 50}
    assert await conductor.poll_once(t) is None
    clock.advance(0.9)
    assert await conductor.poll_once(t) is None  # 900 ms later: not yet

    clock.advance(0.1)
    again = await conductor.poll(t, within=5)
    assert again["taskId"] == task["taskId"]
    assert again["pollCount"] == 2
    assert again["status"] == "IN_PROGRESS"


async def test_extend_lease_is_a_heartbeat_only(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    await conductor.start(name)
    task = await conductor.poll(t)
    before = await get_task(api, task["taskId"])
    await asyncio.sleep(0.01)  # let the millisecond clock move so updateTime can be compared

    r = await conductor.post_result(task, "IN_PROGRESS", extendLease=True, outputData={"ignored": True})
    assert assert_text(r) == task["taskId"]

    after = await get_task(api, task["taskId"])
    assert after["status"] == "IN_PROGRESS"
    assert after["updateTime"] > before["updateTime"]
    assert after["outputData"] == {}
    assert after["pollCount"] == 1
    assert await conductor.poll_once(t) is None  # not re-queued
    assert (await api.get("/tasks/queue/size", params={"taskType": t})).json() == 0


async def test_output_is_replaced_not_merged(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name)
    task = await conductor.poll(t)
    await conductor.post_result(task, "IN_PROGRESS", outputData={"a": 1})
    task = await conductor.poll(t)
    await conductor.complete_task(task, {"b": 2})
    assert (await conductor.until(wid, "COMPLETED"))["tasks"][0]["outputData"] == {"b": 2}


async def test_update_of_a_terminal_task_is_an_idempotent_no_op(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name)
    task = await conductor.poll(t)
    await conductor.complete_task(task, {"first": True})
    await conductor.until(wid, "COMPLETED")

    r = await conductor.post_result(task, "FAILED", outputData={"second": True})
    assert assert_text(r) == task["taskId"]
    stored = await get_task(api, task["taskId"])
    assert (stored["status"], stored["outputData"]) == ("COMPLETED", {"first": True})
    assert (await conductor.get(wid))["status"] == "COMPLETED"


async def test_update_v2_returns_the_next_task_then_204(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wids = {await conductor.start(name) for _ in range(2)}
    task = await conductor.poll(t, worker="w-1")

    body = {
        "workflowInstanceId": task["workflowInstanceId"],
        "taskId": task["taskId"],
        "status": "IN_PROGRESS",
    }
    assert_empty(await api.post("/tasks/update-v2", json={**body, "workerId": "w-1"}), 204)
    task = await conductor.poll(t, worker="w-1")

    body = {"workflowInstanceId": task["workflowInstanceId"], "taskId": task["taskId"], "status": "COMPLETED"}
    r = await api.post("/tasks/update-v2", json={**body, "workerId": "w-1"})
    assert r.status_code == 200
    nxt = r.json()
    assert nxt["taskType"] == t
    assert nxt["status"] == "IN_PROGRESS"
    assert nxt["workerId"] == "w-1"
    assert {nxt["workflowInstanceId"], task["workflowInstanceId"]} == wids

    r = await api.post(
        "/tasks/update-v2",
        json={
            "workflowInstanceId": nxt["workflowInstanceId"],
            "taskId": nxt["taskId"],
            "status": "COMPLETED",
        },
    )
    assert_empty(r, 204)
    for wid in wids:
        await conductor.until(wid, "COMPLETED")


@pytest.mark.parametrize("path", ["/tasks", "/tasks/update-v2"])
async def test_update_validation(api: httpx.AsyncClient, path: str) -> None:
    r = await api.post(path, json={"status": "COMPLETED"})
    assert_validation(r, "Workflow Id cannot be null or empty", "Task ID cannot be null or empty")
    assert_error(await api.post(path, json={"workflowInstanceId": "w", "taskId": "t", "status": "DONE"}), 400)
    assert_error(await api.post(path, content=b"{", headers={"content-type": "application/json"}), 400)


async def test_update_of_unknown_workflow_or_task_is_404(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    r = await api.post("/tasks", json={"workflowInstanceId": "no-wf", "taskId": "t", "status": "COMPLETED"})
    assert_error(r, 404, "No such workflow found by id: no-wf")
    wid = await conductor.start(single[0])
    r = await api.post("/tasks", json={"workflowInstanceId": wid, "taskId": "no-task", "status": "COMPLETED"})
    assert_error(r, 404, "No such task found by id: no-task")


async def test_long_reason_is_cut_to_500_characters(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name)
    task = await conductor.poll(t)
    await conductor.fail_task(task, "x" * 2000)
    await conductor.until(wid, "FAILED")
    assert (await get_task(api, task["taskId"]))["reasonForIncompletion"] == "x" * 500


# ---- update by reference name, signal -------------------------------------------------------------


async def test_update_by_ref_merges_output(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name)
    task = await conductor.poll(t)
    await conductor.post_result(task, "IN_PROGRESS", outputData={"kept": 1}, callbackAfterSeconds=3600)

    r = await api.post(f"/tasks/{wid}/{t}/COMPLETED", params={"workerid": "by-ref"}, json={"added": 2})
    assert assert_text(r) == task["taskId"]

    stored = await get_task(api, task["taskId"])
    assert stored["status"] == "COMPLETED"
    assert stored["outputData"] == {"kept": 1, "added": 2}
    assert stored["workerId"] == "by-ref"
    await conductor.until(wid, "COMPLETED")

    # Nothing pending with that reference: 200 with an empty body.
    assert_empty(await api.post(f"/tasks/{wid}/{t}/COMPLETED", json={}))


async def test_update_by_ref_errors(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    wid = await conductor.start(single[0])
    assert_error(await api.post(f"/tasks/{wid}/{single[1]}/DONE", json={}), 400)
    assert_error(await api.post(f"/tasks/{wid}/{single[1]}/SKIPPED", json={}), 400)
    assert_error(
        await api.post(f"/tasks/nope/{single[1]}/COMPLETED", json={}),
        404,
        "No such workflow found by id: nope",
    )


async def test_update_by_ref_sync_returns_the_workflow(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wid = await conductor.start(name)
    r = await api.post(f"/tasks/{wid}/{t}/COMPLETED/sync", json={"v": 1})
    assert r.status_code == 200
    wf = r.json()
    assert wf["workflowId"] == wid
    assert wf["status"] == "COMPLETED"
    assert wf["tasks"][0]["outputData"] == {"v": 1}

    r = await api.post(f"/tasks/{wid}/{t}/COMPLETED/sync", json={})
    assert_error(r, 404, f"Found no running task {t} of workflow {wid} to update")


async def test_signal_completes_the_waiting_task(api: httpx.AsyncClient, conductor: Driver) -> None:
    name = await conductor.define([{"name": "wait", "taskReferenceName": "hold", "type": "WAIT"}])
    wid = await conductor.start(name)
    assert [x["status"] for x in (await conductor.get(wid))["tasks"]] == ["IN_PROGRESS"]

    assert_empty(await api.post(f"/tasks/{wid}/COMPLETED/signal", json={"approved": True}))

    wf = await conductor.until(wid, "COMPLETED")
    assert wf["tasks"][0]["status"] == "COMPLETED"
    assert wf["tasks"][0]["outputData"] == {"approved": True}
    # Nothing left to signal: still 200.
    assert_empty(await api.post(f"/tasks/{wid}/COMPLETED/signal", json={}))
    assert_error(await api.post("/tasks/nope/COMPLETED/signal", json={}), 404)


# ---- task reads and logs --------------------------------------------------------------------------


async def test_get_task(api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]) -> None:
    wid = await conductor.start(single[0])
    task_id = (await conductor.get(wid))["tasks"][0]["taskId"]
    task = await get_task(api, task_id)
    assert (task["taskId"], task["workflowInstanceId"], task["status"]) == (task_id, wid, "SCHEDULED")
    assert task["workflowTask"]["taskReferenceName"] == single[1]
    assert_error(await api.get("/tasks/missing"), 404, "Task not found for taskId: missing")


async def test_task_logs(api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]) -> None:
    wid = await conductor.start(single[0])
    task = await conductor.poll(single[1])
    assert_empty(await api.get(f"/tasks/{task['taskId']}/log"), 204)

    r = await conductor.post_result(task, "IN_PROGRESS", logs=[{"log": "from result", "createdTime": 5}])
    assert r.status_code == 200
    # The Python SDK posts raw text (JSON-escaped, quotes stripped), with any content type.
    r = await api.post(
        f"/tasks/{task['taskId']}/log",
        content=b"raw line \\u00e9",
        headers={"content-type": "application/json"},
    )
    assert_empty(r)
    assert_empty(
        await api.post(
            f"/tasks/{task['taskId']}/log", content="plain text", headers={"content-type": "text/plain"}
        )
    )

    r = await api.get(f"/tasks/{task['taskId']}/log")
    assert r.status_code == 200
    logs = r.json()
    assert [entry["log"] for entry in logs] == ["from result", "raw line \\u00e9", "plain text"]
    assert all(entry["taskId"] == task["taskId"] for entry in logs)
    assert logs[0]["createdTime"] == 5
    assert logs[1]["createdTime"] > 0
    assert wid


# ---- queues, poll data, requeue, admin ------------------------------------------------------------


async def test_queue_sizes(api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]) -> None:
    name, t = single
    for _ in range(2):
        await conductor.start(name)

    r = await api.get("/tasks/queue/size", params={"taskType": t})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.text == "2"

    sizes = (await api.get("/tasks/queue/sizes", params={"taskType": f"{t},other"})).json()
    assert sizes == {t: 2, "other": 0}
    repeated = (await api.get("/tasks/queue/sizes", params=[("taskType", t), ("taskType", "other")])).json()
    assert repeated == {t: 2, "other": 0}

    every = (await api.get("/tasks/queue/all")).json()
    assert every[t] == 2
    assert "_deciderQueue" not in every
    verbose = (await api.get("/tasks/queue/all/verbose")).json()
    assert verbose[t] == {"a": {"size": 2, "uacked": 0}}

    assert_error(await api.get("/tasks/queue/size"), 400)


async def test_poll_data(api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]) -> None:
    _, t = single
    before = int(time.time() * 1000)
    await conductor.poll_once(t, worker="plain-worker")
    await conductor.poll_once(t, worker="blue-worker", domain="blue")

    data = (await api.get("/tasks/queue/polldata", params={"taskType": t})).json()
    by_domain = {d.get("domain"): d for d in data}
    assert set(by_domain) == {None, "blue"}
    assert by_domain[None]["queueName"] == t
    assert by_domain[None]["workerId"] == "plain-worker"
    assert by_domain["blue"]["workerId"] == "blue-worker"
    assert all(d["lastPollTime"] >= before for d in data)

    await conductor.poll_once("another_type", worker="x")
    every = (await api.get("/tasks/queue/polldata/all")).json()
    assert {d["queueName"] for d in every} == {t, "another_type"}
    assert_error(await api.get("/tasks/queue/polldata"), 400)


async def test_requeue_and_pending_admin_listing(
    api: httpx.AsyncClient, conductor: Driver, single: tuple[str, str]
) -> None:
    name, t = single
    wids = {await conductor.start(name) for _ in range(2)}
    r = await api.post(f"/tasks/queue/requeue/{t}")
    assert assert_text(r) == "2"
    assert (await api.get("/tasks/queue/size", params={"taskType": t})).json() == 2

    pending = (await api.get(f"/admin/task/{t}")).json()
    assert {x["workflowInstanceId"] for x in pending} == wids


# ---- limits ---------------------------------------------------------------------------------------


async def test_concurrent_exec_limit(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef(concurrentExecLimit=1)
    name = await conductor.simple_workflow(t)
    first_wf, second_wf = await conductor.start(name), await conductor.start(name)

    r = await api.get(f"/tasks/poll/batch/{t}", params={"workerid": "w", "count": 2, "timeout": 100})
    handed = r.json()
    assert len(handed) == 1
    assert await conductor.poll_once(t) is None  # the limit holds the other one back

    await conductor.complete_task(handed[0])
    # Finishing the running task releases the waiting one at once (not after the 60 s postponement).
    other = await conductor.poll(t, within=5)
    assert {handed[0]["workflowInstanceId"], other["workflowInstanceId"]} == {first_wf, second_wf}


async def test_rate_limit_per_frequency(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef(rateLimitPerFrequency=1, rateLimitFrequencyInSeconds=60)
    name = await conductor.simple_workflow(t)
    for _ in range(2):
        await conductor.start(name)

    r = await api.get(f"/tasks/poll/batch/{t}", params={"workerid": "w", "count": 2, "timeout": 100})
    handed = r.json()
    assert len(handed) == 1
    await conductor.complete_task(handed[0])
    # One start per 60 s window: the second stays queued even though nothing is running.
    assert await conductor.poll_once(t) is None
    assert (await api.get("/tasks/queue/size", params={"taskType": t})).json() == 1
