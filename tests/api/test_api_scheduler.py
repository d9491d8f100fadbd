"""/api/scheduler: schedules, firing and execution history (docs/api.md, README "Schedules")."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from apihelpers import assert_empty, assert_error, assert_text, assert_validation, unique

from driver import Driver

# Fires once a year (Jan 1st 00:00:00 UTC): the server's own loop never fires it during a test;
# tests fire it explicitly with `fire_due(now)` at a chosen instant.
YEARLY = "0 0 0 1 1 *"


def schedule_body(name: str, workflow: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": name,
        "cronExpression": YEARLY,
        "startWorkflowRequest": {"name": workflow, "version": 1, "input": {"a": 1}, "correlationId": "c1"},
    }
    body.update(fields)
    return body


async def make_schedule(api: httpx.AsyncClient, conductor: Driver, **fields: Any) -> tuple[str, str]:
    workflow = await conductor.simple_workflow(await conductor.taskdef())
    name = unique("sched")
    r = await api.post("/scheduler/schedules", json=schedule_body(name, workflow, **fields))
    assert r.status_code == 200, r.text
    return name, workflow


async def test_save_get_list_delete(api: httpx.AsyncClient, conductor: Driver) -> None:
    workflow = await conductor.simple_workflow(await conductor.taskdef())
    name = unique("sched")
    r = await api.post(
        "/scheduler/schedules", json=schedule_body(name, workflow, zoneId="Europe/Berlin", description="d")
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    saved = r.json()
    assert saved["name"] == name and saved["zoneId"] == "Europe/Berlin" and saved["paused"] is False
    assert isinstance(saved["nextRunTime"], int) and isinstance(saved["createTime"], int)
    got = (await api.get(f"/scheduler/schedules/{name}")).json()
    assert got["cronExpression"] == YEARLY
    assert got["startWorkflowRequest"]["name"] == workflow
    assert got["nextRunTime"] == saved["nextRunTime"]
    listed = (await api.get("/scheduler/schedules", params={"workflowName": workflow})).json()
    assert [s["name"] for s in listed] == [name]
    assert name in [s["name"] for s in (await api.get("/scheduler/schedules")).json()]
    assert (await api.get("/scheduler/schedules", params={"workflowName": "none"})).json() == []
    # update by name keeps createTime
    r = await api.post("/scheduler/schedules", json=schedule_body(name, workflow, description="second"))
    assert r.json()["description"] == "second" and r.json()["createTime"] == saved["createTime"]
    assert_empty(await api.delete(f"/scheduler/schedules/{name}"))
    assert_error(await api.get(f"/scheduler/schedules/{name}"), 404, f"Schedule with name {name} not found")
    assert_error(
        await api.delete(f"/scheduler/schedules/{name}"), 404, f"Schedule with name {name} not found"
    )


async def test_unknown_schedule_is_404_everywhere(api: httpx.AsyncClient) -> None:
    message = "Schedule with name nope not found"
    assert_error(await api.get("/scheduler/schedules/nope"), 404, message)
    assert_error(await api.put("/scheduler/schedules/nope/pause"), 404, message)
    assert_error(await api.put("/scheduler/schedules/nope/resume"), 404, message)
    assert_error(await api.post("/scheduler/schedules/nope/run"), 404, message)


async def test_bad_input_is_400_and_nothing_is_stored(api: httpx.AsyncClient, conductor: Driver) -> None:
    workflow = await conductor.simple_workflow(await conductor.taskdef())
    cases = [
        ({"cronExpression": "not a cron"}, "cronExpression"),
        ({"cronExpression": "0 0 * * *"}, "cronExpression"),  # five fields: Spring needs six
        ({"cronExpression": "0 0 25 * * *"}, "cronExpression"),
        ({"zoneId": "Mars/Olympus"}, "zoneId"),
        ({"scheduleStartTime": 2000, "scheduleEndTime": 1000}, "scheduleEndTime"),
    ]
    for fields, path in cases:
        name = unique("bad")
        body = schedule_body(name, workflow, **fields)
        errors = assert_error(await api.post("/scheduler/schedules", json=body), 400)["validationErrors"]
        assert [e["path"] for e in errors] == [path], fields
        assert_error(await api.get(f"/scheduler/schedules/{name}"), 404)
    name = unique("bad")
    r = await api.post("/scheduler/schedules", json=schedule_body(name, "no_such_workflow"))
    errors = assert_validation(r, "No such workflow defined. name=no_such_workflow, version=1")
    assert errors[0]["path"] == "startWorkflowRequest.name"
    r = await api.post("/scheduler/schedules", json={"name": name, "cronExpression": YEARLY})
    assert_validation(r, "Workflow name cannot be null or empty")
    assert_error(
        await api.post("/scheduler/schedules", content=b"{", headers={"content-type": "application/json"}),
        400,
    )
    assert_error(await api.get(f"/scheduler/schedules/{name}"), 404)


async def test_macros_and_spring_syntax_are_accepted(api: httpx.AsyncClient, conductor: Driver) -> None:
    workflow = await conductor.simple_workflow(await conductor.taskdef())
    for cron in (
        "@daily",
        "@hourly",
        "0 */5 * * * *",
        "0 0 12 ? * MON-FRI",
        "0 0 0 L * ?",
        "0 0 9 15W * ?",
        "0 0 9 ? * 5#2",
        "0 0 9 ? * 5L",
        "0 0 0 1 JAN ?",
    ):
        r = await api.post(
            "/scheduler/schedules", json=schedule_body(unique("ok"), workflow, cronExpression=cron)
        )
        assert r.status_code == 200, (cron, r.text)


async def test_firing_starts_workflow_with_scheduler_input(
    api: httpx.AsyncClient, conductor: Driver, server: Any
) -> None:
    name, workflow = await make_schedule(api, conductor)
    svc = server.components.services.scheduler
    assert svc is not None
    due = (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"]
    assert await svc.fire_due(due + 10) >= 1
    executions = (await api.get("/scheduler/search/executions", params={"freeText": name})).json()
    assert executions["totalHits"] == 1
    record = executions["results"][0]
    assert record["state"] == "EXECUTED" and record["scheduleName"] == name
    assert record["scheduledTime"] == due and record["executionTime"] == due + 10
    wf = await conductor.get(record["workflowId"])
    assert wf["workflowName"] == workflow and wf["correlationId"] == "c1"
    assert wf["input"]["a"] == 1
    assert wf["input"]["_startedByScheduler"] == name
    assert wf["input"]["_scheduledTime"] == due
    assert wf["input"]["_executedTime"] == due + 10
    assert wf["input"]["_executionId"] == record["executionId"]
    assert wf["input"]["_schedulerCron"] == YEARLY
    # the schedule moved on to next year; firing the same instant again does nothing
    after = (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"]
    assert after > due
    await svc.fire_due(due + 10)
    by_query = await api.get("/scheduler/search/executions", params={"query": f"scheduleName='{name}'"})
    assert by_query.json()["totalHits"] == 1


async def test_fire_of_deleted_workflow_records_failure(
    api: httpx.AsyncClient, conductor: Driver, server: Any
) -> None:
    name, workflow = await make_schedule(api, conductor)
    assert (await api.delete(f"/metadata/workflow/{workflow}/1")).status_code == 200
    svc = server.components.services.scheduler
    assert svc is not None
    due = (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"]
    await svc.fire_due(due)
    r = await api.get(
        "/scheduler/search/executions", params={"query": f"scheduleName = '{name}' AND state = 'FAILED'"}
    )
    [record] = r.json()["results"]
    assert record["state"] == "FAILED" and record["workflowId"] is None
    assert "No such workflow defined" in record["reason"]
    assert (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"] > due


async def test_concurrent_fires_start_one_workflow(
    api: httpx.AsyncClient, conductor: Driver, server: Any
) -> None:
    name, _ = await make_schedule(api, conductor)
    svc = server.components.services.scheduler
    assert svc is not None
    schedule = await svc.get(name)
    due = schedule.next_run_time
    assert due is not None
    # Both fires read the schedule before either committed: only the claim decides.
    results = await asyncio.gather(*(svc.fire(schedule, due) for _ in range(4)))
    assert sorted(results) == [False, False, False, True]
    executions = (await api.get("/scheduler/search/executions", params={"freeText": name})).json()
    assert executions["totalHits"] == 1


async def test_pause_resume_and_bulk(api: httpx.AsyncClient, conductor: Driver, server: Any) -> None:
    name, _ = await make_schedule(api, conductor)
    other, _ = await make_schedule(api, conductor)
    assert_empty(await api.put(f"/scheduler/schedules/{name}/pause", params={"reason": "maintenance"}))
    got = (await api.get(f"/scheduler/schedules/{name}")).json()
    assert got["paused"] is True and got["pausedReason"] == "maintenance"
    svc = server.components.services.scheduler
    assert svc is not None
    await svc.fire_due(got["nextRunTime"] + 1)
    assert (await api.get("/scheduler/search/executions", params={"freeText": name})).json()["totalHits"] == 0
    assert_empty(await api.put(f"/scheduler/schedules/{name}/resume"))
    assert (await api.get(f"/scheduler/schedules/{name}")).json()["paused"] is False
    r = await api.put("/scheduler/bulk/pause", json=[name, other, "ghost"])
    assert r.status_code == 200
    assert r.json()["bulkSuccessfulResults"] == [name, other]
    assert r.json()["bulkErrorResults"] == {"ghost": "Schedule with name ghost not found"}
    paused = (
        await api.get("/scheduler/schedules/search", params={"paused": "true", "scheduleName": other})
    ).json()
    assert [s["name"] for s in paused["results"]] == [other]
    r = await api.put("/scheduler/bulk/resume", json=[name, other])
    assert r.json() == {"bulkSuccessfulResults": [name, other], "bulkErrorResults": {}}
    assert (await api.get(f"/scheduler/schedules/{other}")).json()["paused"] is False


async def test_search_schedules(api: httpx.AsyncClient, conductor: Driver) -> None:
    name, workflow = await make_schedule(api, conductor, description="nightly export")
    r = await api.get("/scheduler/schedules/search", params={"workflowName": workflow})
    assert r.status_code == 200
    assert r.json()["totalHits"] == 1 and r.json()["results"][0]["name"] == name
    r = await api.get("/scheduler/schedules/search", params={"freeText": "NIGHTLY", "workflowName": workflow})
    assert r.json()["totalHits"] == 1
    r = await api.get("/scheduler/schedules/search", params={"freeText": "nothing", "workflowName": workflow})
    assert r.json() == {"totalHits": 0, "results": []}
    r = await api.get("/scheduler/schedules/search", params={"start": 1, "size": 5, "workflowName": workflow})
    assert r.json()["totalHits"] == 1 and r.json()["results"] == []


async def test_run_now(api: httpx.AsyncClient, conductor: Driver) -> None:
    name, workflow = await make_schedule(api, conductor)
    before = (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"]
    wid = assert_text(await api.post(f"/scheduler/schedules/{name}/run"))
    wf = await conductor.get(wid)
    assert wf["workflowName"] == workflow and wf["input"]["_startedByScheduler"] == name
    assert (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"] == before
    r = await api.get("/scheduler/search/executions", params={"query": f"scheduleName='{name}'"})
    assert [e["workflowId"] for e in r.json()["results"]] == [wid]


async def test_next_few_schedules(api: httpx.AsyncClient) -> None:
    start = 1_893_456_000_000  # 2030-01-01T00:00:00Z
    r = await api.get(
        "/scheduler/nextFewSchedules",
        params={"cronExpression": "0 0 * * * *", "scheduleStartTime": start, "limit": 3},
    )
    assert r.status_code == 200
    assert r.json() == [start, start + 3_600_000, start + 7_200_000]
    r = await api.get(
        "/scheduler/nextFewSchedules",
        params={
            "cronExpression": "0 0 * * * *",
            "scheduleStartTime": start,
            "scheduleEndTime": start + 3_600_000,
        },
    )
    assert r.json() == [start, start + 3_600_000]
    r = await api.get(
        "/scheduler/nextFewSchedules",
        params={"cronExpression": "@daily", "scheduleStartTime": start, "limit": 50},
    )
    assert len(r.json()) == 5  # Conductor previews at most five
    errors = assert_error(
        await api.get("/scheduler/nextFewSchedules", params={"cronExpression": "bogus"}), 400
    )
    assert errors["validationErrors"][0]["path"] == "cronExpression"
    assert (await api.get("/scheduler/nextFewSchedules")).status_code == 400


async def test_search_route_is_not_shadowed(api: httpx.AsyncClient) -> None:
    r = await api.get("/scheduler/schedules/search")
    assert r.status_code == 200 and "totalHits" in r.json()


async def test_server_loop_fires_on_its_own(
    api: httpx.AsyncClient, conductor: Driver, eventually: Any
) -> None:
    """The loop bootstrap starts fires a schedule with no request (real clock, every second)."""
    name, _ = await make_schedule(api, conductor, cronExpression="* * * * * *")

    async def fired() -> int:
        r = await api.get("/scheduler/search/executions", params={"freeText": name})
        return int(r.json()["totalHits"])

    assert await eventually(fired, within=10)
    assert_empty(await api.delete(f"/scheduler/schedules/{name}"))


# Fires once a year on July 1st at 00:00:00 in Tokyo (June 30th, 15:00 UTC).
MIDYEAR_TOKYO = "0 0 0 1 7 *"


async def test_cron_schedules_list_fires_on_each_of_its_crons(
    api: httpx.AsyncClient, conductor: Driver, server: Any
) -> None:
    """`cronSchedules` (a non-empty list wins over cronExpression): the next run is the earliest
    of its crons, each read in its own zone, and `_schedulerCron` names the one that fired."""
    workflow = await conductor.simple_workflow(await conductor.taskdef())
    name = unique("multi")
    body = schedule_body(
        name,
        workflow,
        cronExpression="0 0 0 1 1 *",
        cronSchedules=[
            {"cronExpression": YEARLY, "zoneId": "UTC"},
            {"cronExpression": MIDYEAR_TOKYO, "zoneId": "Asia/Tokyo"},
        ],
    )
    saved = await api.post("/scheduler/schedules", json=body)
    assert saved.status_code == 200, saved.text
    schedule = saved.json()
    assert [c["zoneId"] for c in schedule["cronSchedules"]] == ["UTC", "Asia/Tokyo"]
    svc = server.components.services.scheduler
    fired: list[str] = []
    for _ in range(2):
        due = (await api.get(f"/scheduler/schedules/{name}")).json()["nextRunTime"]
        assert await svc.fire_due(due + 5) >= 1
        records = (await api.get("/scheduler/search/executions", params={"freeText": name})).json()["results"]
        record = next(r for r in records if r["scheduledTime"] == due)
        wf = await conductor.get(record["workflowId"])
        fired.append(wf["input"]["_schedulerCron"])
        # The instant is either Jan 1st 00:00 UTC or June 30th 15:00 UTC (July 1st in Tokyo).
        moment = time.gmtime(due / 1000)
        assert (moment.tm_mon, moment.tm_mday, moment.tm_hour) in ((1, 1, 0), (6, 30, 15))
    assert sorted(fired) == sorted([YEARLY, MIDYEAR_TOKYO])


async def test_a_bad_entry_in_cron_schedules_is_named(api: httpx.AsyncClient, conductor: Driver) -> None:
    workflow = await conductor.simple_workflow(await conductor.taskdef())
    name = unique("multi_bad")
    body = schedule_body(
        name,
        workflow,
        cronSchedules=[{"cronExpression": YEARLY}, {"cronExpression": "61 * * * * *", "zoneId": "Mars/Base"}],
    )
    errors = assert_validation_paths(await api.post("/scheduler/schedules", json=body))
    assert {"cronSchedules[1].cronExpression", "cronSchedules[1].zoneId"} <= errors
    assert_error(await api.get(f"/scheduler/schedules/{name}"), 404, f"Schedule with name {name} not found")


def assert_validation_paths(response: httpx.Response) -> set[str]:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["status"] == 400
    return {e["path"] for e in body["validationErrors"]}
