"""Reset callbacks: tasks waiting out callbackAfterSeconds become pollable now."""

from __future__ import annotations

from driver import Driver
from operators.flow import simple


async def test_reset_callbacks_makes_a_postponed_task_pollable(flow: Driver) -> None:
    wid = await flow.run([simple("slow")])
    polled = await flow.poll("slow")
    await flow.update(polled, "IN_PROGRESS", callbackAfterSeconds=3600)
    t = await flow.until_task(wid, "slow", "SCHEDULED")
    assert t["callbackAfterSeconds"] == 3600
    assert (await flow.api.get("/tasks/poll/slow")).status_code == 204
    assert (await flow.api.post(f"/workflow/{wid}/resetcallbacks")).status_code == 204
    again = await flow.poll("slow", within=3)
    assert again["taskId"] == polled["taskId"]
    assert again["pollCount"] == 2
    await flow.update(again, "COMPLETED")
    await flow.until(wid, "COMPLETED")
    r = await flow.api.post(f"/workflow/{wid}/resetcallbacks")
    assert r.status_code == 409
