"""SET_VARIABLE and workflow variables (docs/engine.md §2.10, §6.12; e2e SetVariableTests)."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from driver import Driver
from operators.flow import inline, set_variable, simple, task


async def test_variables_start_from_the_definition_and_are_overwritten(flow: Driver) -> None:
    wid = await flow.run(
        [
            set_variable("sv", b="${workflow.input.b}", c={"nested": [1, 2]}),
            inline("read", "$.v", v="${workflow.variables}"),
        ],
        {"b": 2},
        variables={"a": 1, "b": 0},
    )
    wf = await flow.until(wid, "COMPLETED")
    assert wf["variables"] == {"a": 1, "b": 2, "c": {"nested": [1, 2]}}
    assert task(wf, "sv")["outputData"] == {}
    assert task(wf, "read")["outputData"]["result"] == {"a": 1, "b": 2, "c": {"nested": [1, 2]}}


async def test_oversized_variables_fail_terminally_and_are_rolled_back(flow: Driver) -> None:
    wid = await flow.run(
        [set_variable("big", blob="${workflow.input.blob}")],
        {"blob": "x" * (256 * 1024 + 10)},
        variables={"a": 1},
    )
    wf = await flow.until(wid, "FAILED")
    assert task(wf, "big")["status"] == "FAILED_WITH_TERMINAL_ERROR"
    assert "greater than the permissible limit" in task(wf, "big")["reasonForIncompletion"]
    assert wf["variables"] == {"a": 1}


async def test_status_endpoint_and_variables_update(flow: Driver) -> None:
    wid = await flow.run([set_variable("sv", x=1), simple("hold")])
    await flow.until_task(wid, "hold", "SCHEDULED")
    r = await flow.api.get(f"/workflow/{wid}/status", params={"includeVariables": "true"})
    assert r.json()["variables"] == {"x": 1}
    r = await flow.api.post(f"/workflow/{wid}/variables", json={"y": 2})
    assert r.status_code == 200
    assert (await flow.get(wid))["variables"] == {"x": 1, "y": 2}


async def test_two_thousand_concurrent_workflows_see_only_their_own_variables(
    flow: Driver, api: httpx.AsyncClient
) -> None:
    """SetVariableTests.testAll: 2000 concurrent workflows each set `vars` to their own input."""
    name = await flow.define(
        [
            set_variable("set_vars", vars="${workflow.input.id}"),
            inline("echo", "$.v", v="${workflow.variables.vars}"),
        ],
        variables={"vars": "shared-default"},
    )
    ids = [str(uuid.uuid4()) for _ in range(2000)]
    semaphore = asyncio.Semaphore(64)

    async def start(value: str) -> str:
        async with semaphore:
            r = await api.post("/workflow", json={"name": name, "input": {"id": value}})
            assert r.status_code == 200, r.text
            return r.text

    started = await asyncio.gather(*(start(v) for v in ids))

    async def check(wid: str, value: str) -> None:
        async with semaphore:
            wf = await flow.until(wid, "COMPLETED", within=60)
            assert wf["variables"] == {"vars": value}
            assert task(wf, "echo")["outputData"]["result"] == value

    await asyncio.gather(*(check(w, v) for w, v in zip(started, ids, strict=True)))
    r = await api.get(f"/metadata/workflow/{name}")
    assert r.json()["variables"] == {"vars": "shared-default"}
