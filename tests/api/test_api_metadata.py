"""/api/metadata: task and workflow definitions, versions, validation (docs/api.md §2.1, §4.4-4.6)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from apihelpers import assert_empty, assert_error, assert_validation, unique

from driver import Driver

# ---- task definitions ---------------------------------------------------------------------------


async def test_task_def_register_get_with_conductor_defaults(api: httpx.AsyncClient) -> None:
    name = unique("td")
    assert_empty(await api.post("/metadata/taskdefs", json=[{"name": name, "description": "d"}]))

    r = await api.get(f"/metadata/taskdefs/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    td = r.json()
    assert td["name"] == name
    assert td["description"] == "d"
    # SDKs omit fields they do not set, so the defaults are part of the wire contract.
    assert td["retryCount"] == 3
    assert td["retryDelaySeconds"] == 60
    assert td["responseTimeoutSeconds"] == 3600
    assert td["timeoutSeconds"] == 0
    assert td["timeoutPolicy"] == "TIME_OUT_WF"
    assert td["retryLogic"] == "FIXED"
    assert td["rateLimitPerFrequency"] == 0
    assert td["rateLimitFrequencyInSeconds"] == 1
    assert td["createTime"] > 0

    listed = (await api.get("/metadata/taskdefs")).json()
    assert [t["name"] for t in listed] == [name]


async def test_task_def_post_overwrites_without_conflict(api: httpx.AsyncClient) -> None:
    name = unique("td")
    assert_empty(await api.post("/metadata/taskdefs", json=[{"name": name, "retryCount": 1}]))
    assert_empty(await api.post("/metadata/taskdefs", json=[{"name": name, "retryCount": 5}]))
    assert (await api.get(f"/metadata/taskdefs/{name}")).json()["retryCount"] == 5


async def test_task_def_put_updates_and_keeps_create_time(api: httpx.AsyncClient) -> None:
    name = unique("td")
    assert_empty(await api.post("/metadata/taskdefs", json=[{"name": name}]))
    created = (await api.get(f"/metadata/taskdefs/{name}")).json()

    assert_empty(await api.put("/metadata/taskdefs", json={"name": name, "retryCount": 7}))

    updated = (await api.get(f"/metadata/taskdefs/{name}")).json()
    assert updated["retryCount"] == 7
    assert updated["createTime"] == created["createTime"]
    assert updated["updateTime"] >= created["createTime"]


async def test_task_def_put_unknown_is_404(api: httpx.AsyncClient) -> None:
    r = await api.put("/metadata/taskdefs", json={"name": "nope"})
    assert_error(r, 404, "No such task by name nope")


async def test_task_def_get_unknown_is_404(api: httpx.AsyncClient) -> None:
    assert_error(await api.get("/metadata/taskdefs/nope"), 404, "No such taskType found by name: nope")


async def test_task_def_delete(api: httpx.AsyncClient) -> None:
    name = unique("td")
    assert_empty(await api.post("/metadata/taskdefs", json=[{"name": name}]))
    assert_empty(await api.delete(f"/metadata/taskdefs/{name}"))
    assert_error(await api.get(f"/metadata/taskdefs/{name}"), 404)
    assert_error(await api.delete(f"/metadata/taskdefs/{name}"), 404)


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"description": "no name"}, ["TaskDef name cannot be null or empty"]),
        ({"name": "x", "retryCount": -1}, ["TaskDef retryCount: 0 must be >= 0"]),
        (
            {"name": "x", "responseTimeoutSeconds": 0},
            ["TaskDef responseTimeoutSeconds: 0 should be minimum 1 second"],
        ),
        (
            {"name": "x", "timeoutSeconds": 60},
            ["TaskDef: x responseTimeoutSeconds: 3600 must be less than timeoutSeconds: 60"],
        ),
        (
            {"name": "x", "timeoutSeconds": 10, "responseTimeoutSeconds": 5, "totalTimeoutSeconds": 5},
            ["TaskDef: x timeoutSeconds: 10 must be less than or equal to totalTimeoutSeconds: 5"],
        ),
        ({"name": "x", "timeoutSeconds": -5}, ["TaskDef timeoutSeconds: -5 must be >= 0"]),
    ],
)
async def test_invalid_task_def_is_400_and_not_stored(
    api: httpx.AsyncClient, body: dict[str, Any], messages: list[str]
) -> None:
    r = await api.post("/metadata/taskdefs", json=[body])
    errors = assert_validation(r, *messages)
    assert all(e["path"].startswith("taskDefs[0]") for e in errors)
    assert (await api.get("/metadata/taskdefs")).json() == []


async def test_empty_task_def_list_is_400(api: httpx.AsyncClient) -> None:
    assert_validation(await api.post("/metadata/taskdefs", json=[]), "TaskDefList is empty")


async def test_one_invalid_task_def_rejects_the_whole_batch(api: httpx.AsyncClient) -> None:
    r = await api.post(
        "/metadata/taskdefs", json=[{"name": "good"}, {"name": "bad", "responseTimeoutSeconds": 0}]
    )
    assert_validation(r, "TaskDef responseTimeoutSeconds: 0 should be minimum 1 second")
    assert_error(await api.get("/metadata/taskdefs/good"), 404)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"name": "x"}',  # an object where the API takes an array
        b'[{"name": "x", "retryCount": "three"}]',
        b'[{"name": "x", "timeoutPolicy": "NEVER"}]',
        b"",
    ],
)
async def test_malformed_task_def_body_is_400_never_500(api: httpx.AsyncClient, content: bytes) -> None:
    r = await api.post("/metadata/taskdefs", content=content, headers={"content-type": "application/json"})
    assert_error(r, 400)
    assert (await api.get("/metadata/taskdefs")).json() == []


async def test_unknown_json_fields_are_ignored(api: httpx.AsyncClient) -> None:
    name = unique("td")
    r = await api.post("/metadata/taskdefs", json=[{"name": name, "someOrkesField": {"a": 1}, "tags": []}])
    assert_empty(r)
    assert (await api.get(f"/metadata/taskdefs/{name}")).status_code == 200


# ---- workflow definitions -----------------------------------------------------------------------


def wf_body(name: str, version: int = 1, **fields: Any) -> dict[str, Any]:
    tasks = [{"name": "t1", "taskReferenceName": "t1_ref", "type": "SIMPLE"}]
    return {"name": name, "version": version, "tasks": tasks, **fields}


async def test_workflow_def_register_get_and_defaults(api: httpx.AsyncClient) -> None:
    name = unique("wf")
    r = await api.post("/metadata/workflow", json={"name": name, "tasks": wf_body(name)["tasks"]})
    assert_empty(r)

    r = await api.get(f"/metadata/workflow/{name}")
    assert r.status_code == 200
    wf = r.json()
    assert wf["name"] == name
    assert wf["version"] == 1  # a missing version means 1
    assert wf["schemaVersion"] == 2
    assert wf["restartable"] is True
    assert wf["timeoutPolicy"] == "ALERT_ONLY"
    assert wf["timeoutSeconds"] == 0
    assert wf["createTime"] > 0
    assert wf["tasks"][0]["taskReferenceName"] == "t1_ref"
    assert wf["tasks"][0]["type"] == "SIMPLE"


async def test_workflow_def_duplicate_register_is_409_unless_overwrite(api: httpx.AsyncClient) -> None:
    name = unique("wf")
    assert_empty(await api.post("/metadata/workflow", json=wf_body(name)))

    r = await api.post("/metadata/workflow", json=wf_body(name, description="second"))
    assert_error(r, 409, f"Workflow with {name}.1 already exists!")
    assert (await api.get(f"/metadata/workflow/{name}")).json().get("description") is None

    # The Python SDK sends capitalised booleans on POST.
    r = await api.post(
        "/metadata/workflow", params={"overwrite": "True"}, json=wf_body(name, description="second")
    )
    assert_empty(r)
    assert (await api.get(f"/metadata/workflow/{name}")).json()["description"] == "second"


async def test_workflow_def_versions(api: httpx.AsyncClient) -> None:
    name, other = unique("wf"), unique("wf")
    for version in (1, 2, 3):
        assert_empty(
            await api.post("/metadata/workflow", json=wf_body(name, version, description=f"v{version}"))
        )
    assert_empty(await api.post("/metadata/workflow", json=wf_body(other)))

    latest = (await api.get(f"/metadata/workflow/{name}")).json()
    assert (latest["version"], latest["description"]) == (3, "v3")
    assert (await api.get(f"/metadata/workflow/{name}", params={"version": 2})).json()["description"] == "v2"

    all_defs = (await api.get("/metadata/workflow")).json()
    assert sorted((d["name"], d["version"]) for d in all_defs) == sorted(
        [(name, 1), (name, 2), (name, 3), (other, 1)]
    )

    versions = (await api.get(f"/metadata/workflow/{name}/versions")).json()
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert all(v["name"] == name and v["createTime"] > 0 for v in versions)

    nv = (await api.get("/metadata/workflow/names-and-versions")).json()
    assert set(nv) == {name, other}
    assert [v["version"] for v in nv[name]] == [1, 2, 3]

    assert sorted((await api.get("/metadata/workflow/names")).json()) == sorted([name, other])

    latest_all = (await api.get("/metadata/workflow/latest-versions")).json()
    assert sorted((d["name"], d["version"]) for d in latest_all) == sorted([(name, 3), (other, 1)])

    assert_empty(await api.delete(f"/metadata/workflow/{name}/3"))
    assert (await api.get(f"/metadata/workflow/{name}")).json()["version"] == 2
    assert_error(await api.get(f"/metadata/workflow/{name}", params={"version": 3}), 404)
    assert_error(await api.delete(f"/metadata/workflow/{name}/3"), 404)


async def test_workflow_def_get_unknown_is_404(api: httpx.AsyncClient) -> None:
    assert_error(
        await api.get("/metadata/workflow/nope"), 404, "No such workflow found by name: nope, version: null"
    )
    r = await api.get("/metadata/workflow/nope", params={"version": 4})
    assert_error(r, 404, "No such workflow found by name: nope, version: 4")


async def test_workflow_def_classifier_filter(api: httpx.AsyncClient) -> None:
    plain, agent, custom = unique("wf"), unique("wf"), unique("wf")
    assert_empty(await api.post("/metadata/workflow", json=wf_body(plain)))
    assert_empty(await api.post("/metadata/workflow", json=wf_body(agent, metadata={"agent_sdk": "x"})))
    assert_empty(await api.post("/metadata/workflow", json=wf_body(custom, metadata={"classifier": "Batch"})))

    async def names(classifier: str) -> list[str]:
        r = await api.get("/metadata/workflow", params={"classifier": classifier})
        return sorted(d["name"] for d in r.json())

    assert await names("workflow") == [plain]
    assert await names("AGENT") == [agent]
    assert await names("batch") == [custom]


async def test_workflow_def_bulk_put_upserts(api: httpx.AsyncClient) -> None:
    a, b = unique("wf"), unique("wf")
    assert_empty(await api.post("/metadata/workflow", json=wf_body(a, description="old")))

    r = await api.put("/metadata/workflow", json=[wf_body(a, description="new"), wf_body(b)])

    assert r.status_code == 200
    assert r.json() == {"bulkSuccessfulResults": [a, b], "bulkErrorResults": {}}
    assert (await api.get(f"/metadata/workflow/{a}")).json()["description"] == "new"
    assert (await api.get(f"/metadata/workflow/{b}")).status_code == 200


async def test_workflow_def_bulk_put_with_one_invalid_is_400_and_stores_nothing(
    api: httpx.AsyncClient,
) -> None:
    a = unique("wf")
    r = await api.put("/metadata/workflow", json=[wf_body(a), {"name": "broken", "tasks": []}])
    assert_validation(r, "WorkflowTask list cannot be empty")
    assert_error(await api.get(f"/metadata/workflow/{a}"), 404)


async def test_workflow_def_validate_endpoint(api: httpx.AsyncClient) -> None:
    name = unique("wf")
    assert_empty(await api.post("/metadata/workflow/validate", json=wf_body(name)))
    assert_error(await api.get(f"/metadata/workflow/{name}"), 404)  # validation stores nothing
    assert_validation(
        await api.post("/metadata/workflow/validate", json={"name": name, "tasks": []}),
        "WorkflowTask list cannot be empty",
    )


def _task(**fields: Any) -> dict[str, Any]:
    return {"name": "t", "taskReferenceName": "r", "type": "SIMPLE", **fields}


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ({"tasks": [_task()]}, ["WorkflowDef name cannot be null or empty"]),
        ({"name": "w"}, ["WorkflowTask list cannot be empty"]),
        ({"name": "w", "tasks": []}, ["WorkflowTask list cannot be empty"]),
        ({"name": "w", "tasks": [_task(name="")]}, ["WorkflowTask name cannot be empty or null"]),
        (
            {"name": "w", "tasks": [{"name": "t", "type": "SIMPLE"}]},
            ["WorkflowTask taskReferenceName name cannot be empty or null"],
        ),
        (
            {"name": "w", "tasks": [_task(), _task(name="t2")]},
            ["taskReferenceName: r should be unique across tasks for a given workflowDefinition: w"],
        ),
        (
            {
                "name": "w",
                "tasks": [
                    _task(),
                    {
                        "name": "sw",
                        "taskReferenceName": "sw",
                        "type": "SWITCH",
                        "evaluatorType": "value-param",
                        "expression": "k",
                        "decisionCases": {"a": [_task(name="nested")]},
                    },
                ],
            },
            ["taskReferenceName: r should be unique across tasks for a given workflowDefinition: w"],
        ),
        ({"name": "w", "timeoutSeconds": -1, "tasks": [_task()]}, ["must be greater than or equal to 0"]),
        (
            {"name": "w", "schemaVersion": 1, "tasks": [_task()]},
            ["workflowDef schemaVersion: 2 is only supported"],
        ),
        (
            {
                "name": "w",
                "tasks": [
                    _task(taskDefinition={"name": "t", "timeoutSeconds": 10, "responseTimeoutSeconds": 20})
                ],
            },
            ["TaskDef: t responseTimeoutSeconds: 20 must be less than timeoutSeconds: 10"],
        ),
        (
            {"name": "w", "tasks": [_task(taskDefinition={"name": "t", "timeoutSeconds": -3})]},
            ["TaskDef timeoutSeconds: -3 must be >= 0"],
        ),
        (
            {"name": "w", "tasks": [{"name": "s", "taskReferenceName": "s", "type": "SWITCH"}]},
            [
                "evaluatorType field is required for taskType: SWITCH taskName: s",
                "decisionCases field is required for taskType: SWITCH taskName: s",
            ],
        ),
    ],
)
async def test_invalid_workflow_def_is_400_and_not_stored(
    api: httpx.AsyncClient, body: dict[str, Any], messages: list[str]
) -> None:
    r = await api.post("/metadata/workflow", json=body)
    assert_validation(r, *messages)
    assert (await api.get("/metadata/workflow")).json() == []


@pytest.mark.parametrize(
    "content",
    [
        b"{",
        b"[]",
        b'{"name": "w", "tasks": "not a list"}',
        b'{"name": "w", "version": "one", "tasks": []}',
        b'{"name": "w", "timeoutPolicy": "SOMETIMES", "tasks": []}',
    ],
)
async def test_malformed_workflow_def_body_is_400(api: httpx.AsyncClient, content: bytes) -> None:
    r = await api.post("/metadata/workflow", content=content, headers={"content-type": "application/json"})
    assert_error(r, 400)


async def test_registering_a_workflow_with_unregistered_tasks_is_allowed(conductor: Driver) -> None:
    # A missing TaskDef fails neither registration nor start (ad-hoc defaults, docs/api.md §4.4).
    name = await conductor.simple_workflow(unique("unregistered"))
    assert (await conductor.api.get(f"/metadata/workflow/{name}")).status_code == 200
