"""Remove and terminate-remove (docs/engine.md §7.2)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, simple


async def test_remove_an_ended_workflow(flow: Driver) -> None:
    wid = await flow.run([inline("a", "1")])
    await flow.until(wid, "COMPLETED")
    assert (await flow.api.delete(f"/workflow/{wid}/remove")).status_code == 200
    assert (await flow.api.get(f"/workflow/{wid}")).status_code == 404
    assert (await flow.api.delete(f"/workflow/{wid}/remove")).status_code == 404


async def test_archiving_a_running_workflow_is_refused(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    r = await flow.api.delete(f"/workflow/{wid}/remove")
    assert r.status_code == 400
    assert r.json()["message"] == f"Cannot archive workflow: {wid} with status: RUNNING"
    assert (
        await flow.api.delete(f"/workflow/{wid}/remove", params={"archiveWorkflow": "false"})
    ).status_code == 200
    assert (await flow.api.get(f"/workflow/{wid}")).status_code == 404
    assert (await flow.api.get("/tasks/poll/a")).status_code == 204  # its queue messages are gone


async def test_terminate_remove(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    await flow.until_task(wid, "a", "SCHEDULED")
    assert (
        await flow.api.delete(f"/workflow/{wid}/terminate-remove", params={"reason": "x"})
    ).status_code == 200
    assert (await flow.api.get(f"/workflow/{wid}")).status_code == 404
    assert (await flow.api.get("/tasks/poll/a")).status_code == 204
