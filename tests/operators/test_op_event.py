"""EVENT with the built-in `conductor` sink, and event handlers (/api/event; docs/engine.md §6.16;
e2e EventClientTests)."""

from __future__ import annotations

from typing import Any

from driver import Driver, unique
from operators.flow import Json, inline, simple, task, wait


def event_task(ref: str, sink: str = "conductor", **inputs: Any) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "EVENT", "sink": sink, "inputParameters": inputs}


async def register(flow: Driver, event: str, actions: list[Json], condition: str | None = None) -> str:
    name = unique("handler")
    body: Json = {"name": name, "event": event, "actions": actions, "active": True}
    if condition is not None:
        body["condition"] = condition
    r = await flow.api.post("/event", json=body)
    assert r.status_code == 200, r.text
    return name


async def test_handler_registration_listing_update_and_removal(flow: Driver) -> None:
    action = {"action": "start_workflow", "start_workflow": {"name": "x", "input": {}}}
    name = await register(flow, "conductor:wf:ref", [action])
    r = await flow.api.post("/event", json={"name": name, "event": "conductor:wf:ref", "actions": [action]})
    assert r.status_code == 409
    listed = (await flow.api.get("/event/conductor:wf:ref")).json()
    assert [h["name"] for h in listed] == [name]
    assert listed[0]["actions"][0]["start_workflow"]["name"] == "x"
    r = await flow.api.put(
        "/event", json={"name": name, "event": "conductor:wf:ref", "actions": [action], "active": False}
    )
    assert r.status_code == 200
    assert (await flow.api.get("/event/conductor:wf:ref", params={"activeOnly": "true"})).json() == []
    assert len((await flow.api.get("/event/conductor:wf:ref", params={"activeOnly": "false"})).json()) == 1
    assert name in [h["name"] for h in (await flow.api.get("/event")).json()]
    assert (await flow.api.delete(f"/event/{name}")).status_code == 200
    assert (await flow.api.get("/event/conductor:wf:ref", params={"activeOnly": "false"})).json() == []
    assert (await flow.api.delete(f"/event/{name}")).status_code == 404


async def test_event_task_publishes_its_output(flow: Driver) -> None:
    wid = await flow.run([event_task("notify", order="${workflow.input.order}")], {"order": 42})
    wf = await flow.until(wid, "COMPLETED")
    out = task(wf, "notify")["outputData"]
    assert out["event_produced"] == f"conductor:{wf['workflowName']}:notify"
    assert out["order"] == 42
    assert out["workflowInstanceId"] == wid
    assert out["workflowType"] == wf["workflowName"]
    assert out["sink"] == "conductor"


async def test_start_workflow_action(flow: Driver) -> None:
    target = await flow.define([inline("echo", "$.o", o="${workflow.input.order}")])
    source = await flow.define([event_task("notify", order="${workflow.input.order}")])
    await register(
        flow,
        f"conductor:{source}:notify",
        [
            {
                "action": "start_workflow",
                "start_workflow": {
                    "name": target,
                    "version": 1,
                    "input": {"order": "${order}", "from": "${workflowInstanceId}"},
                },
            }
        ],
    )
    wid = await flow.start(source, {"order": 7})
    await flow.until(wid, "COMPLETED")

    async def started() -> Json | None:
        r = await flow.api.get("/workflow/search", params={"query": f"workflowType IN ({target})"})
        hits = r.json()["results"]
        return hits[0] if hits else None

    hit = await flow.eventually(started, message="the handler's workflow")
    run = await flow.until(hit["workflowId"], "COMPLETED")
    assert run["input"]["order"] == 7
    assert run["input"]["from"] == wid
    assert run["input"]["conductor.event.name"] == f"conductor:{source}:notify"
    assert task(run, "echo")["outputData"]["result"] == 7


async def test_complete_task_action_completes_a_waiting_task(flow: Driver) -> None:
    waiter = await flow.run([wait("gate"), inline("after", "$.v", v="${gate.output.value}")])
    await flow.until_task(waiter, "gate", "IN_PROGRESS")
    source = await flow.define(
        [event_task("signal", sink="conductor:release", target="${workflow.input.target}")]
    )
    await register(
        flow,
        f"conductor:{source}:release",
        [
            {
                "action": "complete_task",
                "complete_task": {
                    "workflowId": "${target}",
                    "taskRefName": "gate",
                    "output": {"value": "${target}"},
                },
            }
        ],
    )
    await flow.start(source, {"target": waiter})
    wf = await flow.until(waiter, "COMPLETED")
    gate = task(wf, "gate")
    assert gate["outputData"]["value"] == waiter
    assert gate["outputData"]["conductor.event.name"] == f"conductor:{source}:release"
    assert task(wf, "after")["outputData"]["result"] == waiter


async def test_fail_task_action_and_condition(flow: Driver) -> None:
    await flow.taskdef("job")
    waiter = await flow.run([simple("job")])
    await flow.until_task(waiter, "job", "SCHEDULED")
    source = await flow.define(
        [event_task("verdict", target="${workflow.input.target}", ok="${workflow.input.ok}")]
    )
    fail = {
        "action": "fail_task",
        "fail_task": {
            "workflowId": "${target}",
            "taskRefName": "job",
            "reasonForIncompletion": "rejected by event",
        },
    }
    await register(flow, f"conductor:{source}:verdict", [fail], condition="$.ok == false")
    await flow.start(source, {"target": waiter, "ok": True})  # condition false: nothing happens
    second = await flow.start(source, {"target": waiter, "ok": False})
    await flow.until(second, "COMPLETED")
    wf = await flow.until(waiter, "FAILED")
    assert task(wf, "job")["reasonForIncompletion"] == "rejected by event"


async def test_async_complete_event_task_waits_for_an_update(flow: Driver) -> None:
    node = {**event_task("notify"), "asyncComplete": True}
    wid = await flow.run([node])
    ev = await flow.until_task(wid, "notify", "IN_PROGRESS")
    await flow.update(ev, "COMPLETED", {"ack": True})
    wf = await flow.until(wid, "COMPLETED")
    assert task(wf, "notify")["outputData"]["ack"] is True


async def test_unsupported_sink_fails_the_task(flow: Driver) -> None:
    # A literal unsupported sink is refused at registration (tests/api/test_api_unsupported.py);
    # one that an expression yields is only known, and refused, at run time.
    wid = await flow.run([event_task("notify", sink="${workflow.input.sink}")], {"sink": "conductorx"})
    wf = await flow.until(wid, "FAILED")
    assert task(wf, "notify")["reasonForIncompletion"] == "Invalid / Unsupported sink specified: conductorx"
