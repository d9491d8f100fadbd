"""Bulk operations (`/api/workflow/bulk/*`): successes and per-id errors."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, simple


async def test_bulk_pause_resume_terminate_restart_retry_remove(flow: Driver) -> None:
    await flow.taskdef("a")
    name = await flow.define([simple("a")])
    ids = [await flow.start(name) for _ in range(3)]
    r = await flow.api.put("/workflow/bulk/pause", json=[*ids, "missing"])
    body = r.json()
    assert body["bulkSuccessfulResults"] == ids
    assert list(body["bulkErrorResults"]) == ["missing"]
    for wid in ids:
        await flow.until(wid, "PAUSED")
    r = await flow.api.put("/workflow/bulk/resume", json=ids)
    assert r.json()["bulkSuccessfulResults"] == ids
    r = await flow.api.post("/workflow/bulk/terminate", params={"reason": "bulk"}, json=ids)
    assert r.json()["bulkSuccessfulResults"] == ids
    for wid in ids:
        assert (await flow.until(wid, "TERMINATED"))["reasonForIncompletion"] == "bulk"
    r = await flow.api.post("/workflow/bulk/retry", json=ids)
    assert r.json()["bulkSuccessfulResults"] == ids
    for wid in ids:
        await flow.until(wid, "RUNNING")
    await flow.api.post("/workflow/bulk/terminate", json=ids)
    r = await flow.api.post("/workflow/bulk/restart", json=ids)
    assert r.json()["bulkSuccessfulResults"] == ids
    for wid in ids:
        await flow.complete(wid, "a")
        await flow.until(wid, "COMPLETED")
    done = await flow.run([inline("x", "1")])
    await flow.until(done, "COMPLETED")
    r = await flow.api.post("/workflow/bulk/retry", json=[done])
    assert r.json()["bulkErrorResults"][done].startswith("There are no retryable tasks!")
    r = await flow.api.request("DELETE", "/workflow/bulk/remove", json=[*ids, done])
    assert r.json()["bulkSuccessfulResults"] == [*ids, done]
    assert (await flow.api.get(f"/workflow/{ids[0]}")).status_code == 404


async def test_bulk_terminate_remove_and_limits(flow: Driver) -> None:
    wid = await flow.run([simple("a")])
    r = await flow.api.request("DELETE", "/workflow/bulk/terminate-remove", json=[wid])
    assert r.json()["bulkSuccessfulResults"] == [wid]
    assert (await flow.api.get(f"/workflow/{wid}")).status_code == 404
    r = await flow.api.put("/workflow/bulk/pause", json=[str(i) for i in range(1001)])
    assert r.status_code == 400
