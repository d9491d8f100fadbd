"""GET /api/workflow/search and /search-v2: query, freeText, sort, pagination (docs/api.md §2.10, §4.11)."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from apihelpers import assert_error

from driver import Driver

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
async def population(api: httpx.AsyncClient, conductor: Driver) -> dict[str, Any]:
    """Two workflow types; `alpha` has 4 runs (one completed, one terminated), `beta` has 1."""
    t = await conductor.taskdef()
    alpha = await conductor.simple_workflow(t)
    beta = await conductor.simple_workflow(await conductor.taskdef())
    runs = [
        await conductor.start(alpha, {"color": "crimson", "n": i}, correlationId=f"c-{i}") for i in range(4)
    ]
    other = await conductor.start(beta, {"color": "teal"}, correlationId="c-0")
    # Complete the first alpha run and terminate the second.
    while True:
        task = await conductor.poll(t)
        if task["workflowInstanceId"] == runs[0]:
            await conductor.complete_task(task, {"done": 1})
            break
        await conductor.post_result(task, "IN_PROGRESS", callbackAfterSeconds=3600)
    await conductor.until(runs[0], "COMPLETED")
    assert (await api.delete(f"/workflow/{runs[1]}")).status_code == 200
    return {"alpha": alpha, "beta": beta, "runs": runs, "other": other}


async def search(api: httpx.AsyncClient, path: str = "/workflow/search", **params: Any) -> dict[str, Any]:
    r = await api.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def ids(result: dict[str, Any]) -> set[str]:
    return {w["workflowId"] for w in result["results"]}


async def test_search_by_workflow_type(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    result = await search(api, query=f"workflowType={population['alpha']}")
    assert result["totalHits"] == 4
    assert ids(result) == set(population["runs"])


async def test_search_by_status(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    alpha = population["alpha"]
    running = await search(api, query=f"workflowType={alpha} AND status=RUNNING")
    assert ids(running) == set(population["runs"][2:])
    ended = await search(api, query=f"workflowType={alpha} AND status IN (COMPLETED,TERMINATED)")
    assert ids(ended) == set(population["runs"][:2])
    assert ids(await search(api, query="status='COMPLETED'")) == {population["runs"][0]}


async def test_search_by_correlation_id(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    result = await search(api, query="correlationId=c-0")
    assert ids(result) == {population["runs"][0], population["other"]}


async def test_search_by_time_range(
    api: httpx.AsyncClient, conductor: Driver, population: dict[str, Any]
) -> None:
    runs = population["runs"]
    created = [(await conductor.get(r))["createTime"] for r in runs]
    low, high = created[1], created[2]
    result = await search(
        api, query=f"workflowType={population['alpha']} AND startTime>{low - 1} AND startTime<{high + 1}"
    )
    assert ids(result) >= {runs[1], runs[2]}
    assert all(low - 1 < c < high + 1 for r, c in zip(runs, created, strict=True) if r in ids(result))
    assert ids(await search(api, query=f"startTime>{max(created) + 60_000}")) == set()


async def test_search_free_text(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    assert ids(await search(api, freeText="teal")) == {population["other"]}
    assert ids(await search(api, freeText="CRIMSON")) == set(population["runs"])
    assert (await search(api, freeText="*"))["totalHits"] == 5
    assert (await search(api))["totalHits"] == 5


async def test_search_pagination_and_sort(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    alpha = population["alpha"]
    query = f"workflowType={alpha}"
    page1 = await search(api, query=query, start=0, size=3, sort="startTime:ASC")
    page2 = await search(api, query=query, start=3, size=3, sort="startTime:ASC")
    assert page1["totalHits"] == page2["totalHits"] == 4
    assert len(page1["results"]) == 3
    assert len(page2["results"]) == 1
    ordered = [w["workflowId"] for w in page1["results"] + page2["results"]]
    # Runs started within one millisecond tie on startTime; the server breaks ties by id.
    started = {wid: (await api.get(f"/workflow/{wid}")).json()["startTime"] for wid in population["runs"]}
    assert ordered == sorted(population["runs"], key=lambda wid: (started[wid], wid))
    desc = await search(api, query=query, sort="startTime:DESC|workflowId:ASC")
    expected_desc = sorted(population["runs"], key=lambda wid: (-started[wid], wid))
    assert [w["workflowId"] for w in desc["results"]] == expected_desc


async def test_search_summary_shape(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    done = population["runs"][0]
    (summary,) = (await search(api, query=f"workflowId={done}"))["results"]
    assert summary["workflowType"] == population["alpha"]
    assert summary["version"] == 1
    assert summary["status"] == "COMPLETED"
    assert summary["correlationId"] == "c-0"
    assert (
        ISO.match(summary["startTime"]) and ISO.match(summary["updateTime"]) and ISO.match(summary["endTime"])
    )
    assert summary["executionTime"] >= 0
    # Java Map.toString(), not JSON.
    assert summary["input"] == "{color=crimson, n=0}"
    assert summary["output"] == "{done=1}"
    assert summary["failedReferenceTaskNames"] == ""
    assert summary["parentWorkflowId"] == ""


async def test_search_v2_returns_workflows_without_tasks(
    api: httpx.AsyncClient, population: dict[str, Any]
) -> None:
    result = await search(api, "/workflow/search-v2", query=f"workflowType={population['beta']}")
    assert result["totalHits"] == 1
    (wf,) = result["results"]
    assert wf["workflowId"] == population["other"]
    assert wf["input"] == {"color": "teal"}
    assert wf["tasks"] == []


async def test_search_errors(api: httpx.AsyncClient) -> None:
    r = await api.get("/workflow/search", params={"size": 5001})
    assert_error(r, 400, "Cannot return more than 5000 workflows. Please use pagination.")
    r = await api.get("/workflow/search", params={"query": "status"})
    assert_error(r, 400, "Incorrectly formatted query string: status")
    r = await api.get("/workflow/search", params={"query": "startTime>yesterday"})
    assert_error(r, 400, contains="Incorrectly formatted query string")
    assert_error(await api.get("/workflow/search", params={"start": "x"}), 400)


async def test_unknown_search_fields_are_ignored(api: httpx.AsyncClient, population: dict[str, Any]) -> None:
    assert (await search(api, query="colour=blue"))["totalHits"] == 5
