"""Idempotency keys and their strategies on start."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, simple


async def test_return_existing_gives_back_the_first_run(flow: Driver) -> None:
    name = await flow.define([simple("a")])
    body = {"name": name, "input": {}, "idempotencyKey": "order-1", "idempotencyStrategy": "RETURN_EXISTING"}
    first = (await flow.api.post("/workflow", json=body)).text
    second = (await flow.api.post("/workflow", json=body)).text
    assert first == second
    r = await flow.api.get(f"/workflow/running/{name}")
    assert r.json() == [first]


async def test_fail_strategy_refuses_a_duplicate(flow: Driver) -> None:
    name = await flow.define([inline("a", "1")])
    body = {"name": name, "input": {}, "idempotencyKey": "order-2", "idempotencyStrategy": "FAIL"}
    first = (await flow.api.post("/workflow", json=body)).text
    await flow.until(first, "COMPLETED")
    r = await flow.api.post("/workflow", json=body)
    assert r.status_code == 409
    assert first in r.json()["message"]
    other = {**body, "idempotencyKey": "order-3"}
    assert (await flow.api.post("/workflow", json=other)).status_code == 200


async def test_fail_on_running_allows_a_new_run_after_the_first_ended(flow: Driver) -> None:
    name = await flow.define([simple("a")])
    body = {"name": name, "input": {}, "idempotencyKey": "k", "idempotencyStrategy": "FAIL_ON_RUNNING"}
    first = (await flow.api.post("/workflow", json=body)).text
    assert (await flow.api.post("/workflow", json=body)).status_code == 409
    await flow.complete(first, "a")
    await flow.until(first, "COMPLETED")
    second = await flow.api.post("/workflow", json=body)
    assert second.status_code == 200
    assert second.text != first
