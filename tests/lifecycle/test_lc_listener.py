"""Workflow status listener hooks: events published to `workflowStatusListenerSink`."""

from __future__ import annotations

from driver import Driver, unique
from operators.flow import Json, inline, simple


async def recorded(flow: Driver, recorder: str) -> list[Json]:
    r = await flow.api.get("/workflow/search", params={"query": f"workflowType IN ({recorder})", "size": 100})
    runs = []
    for hit in r.json()["results"]:
        runs.append((await flow.get(hit["workflowId"]))["input"])
    return runs


async def test_events_reach_handlers_on_the_sink(flow: Driver) -> None:
    recorder = await flow.define([inline("noop", "1")])
    sink = f"conductor:{unique('status')}"
    action = {
        "action": "start_workflow",
        "start_workflow": {
            "name": recorder,
            "input": {"event": "${eventType}", "id": "${workflowId}", "status": "${status}"},
        },
    }
    r = await flow.api.post(
        "/event", json={"name": unique("h"), "event": sink, "actions": [action], "active": True}
    )
    assert r.status_code == 200
    wid = await flow.run([simple("a")], workflowStatusListenerEnabled=True, workflowStatusListenerSink=sink)
    await flow.api.put(f"/workflow/{wid}/pause")
    await flow.api.put(f"/workflow/{wid}/resume")
    await flow.complete(wid, "a")
    await flow.until(wid, "COMPLETED")

    async def all_events() -> list[str] | None:
        events = sorted(run["event"] for run in await recorded(flow, recorder) if run["id"] == wid)
        return events if len(events) >= 5 else None

    events = await flow.eventually(all_events, message="five status events")
    assert events == sorted(["STARTED", "PAUSED", "RESUMED", "COMPLETED", "FINALIZED"])


async def test_nothing_is_published_unless_enabled(flow: Driver) -> None:
    recorder = await flow.define([inline("noop", "1")])
    sink = f"conductor:{unique('status')}"
    action = {"action": "start_workflow", "start_workflow": {"name": recorder, "input": {}}}
    await flow.api.post(
        "/event", json={"name": unique("h"), "event": sink, "actions": [action], "active": True}
    )
    wid = await flow.run([inline("x", "1")], workflowStatusListenerSink=sink)
    await flow.until(wid, "COMPLETED")
    marker = await flow.run([inline("x", "1")])
    await flow.until(marker, "COMPLETED")
    assert await recorded(flow, recorder) == []
