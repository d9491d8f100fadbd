"""The running-workflow cache with two servers on one database: a server's cached copy of a
workflow catches up with what the other server changed — its commits (a new revision) and its
poll claims (task rows changed without one) — before it is used (docs/engine.md §8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:  # the type lives in this directory's conftest (imported by pytest, not by us)
    from conftest import ServerProcess

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _simple(ref: str) -> dict[str, Any]:
    return {"name": "mc_task", "taskReferenceName": ref, "type": "SIMPLE"}


def _register(server: ServerProcess, name: str) -> None:
    fork = {
        "name": "fork",
        "taskReferenceName": "fork",
        "type": "FORK_JOIN",
        "forkTasks": [[_simple("x")], [_simple("y")]],
    }
    join = {"name": "join", "taskReferenceName": "join", "type": "JOIN", "joinOn": ["x", "y"]}
    definition = {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "ownerEmail": "test@example.com",
        "tasks": [fork, join, _simple("after")],
    }
    task_def = {"name": "mc_task", "ownerEmail": "test@example.com", "responseTimeoutSeconds": 600}
    with httpx.Client(base_url=server.url, timeout=10) as client:
        client.post("/metadata/taskdefs", json=[task_def]).raise_for_status()
        client.post("/metadata/workflow", json=definition).raise_for_status()


def _poll_one(server: ServerProcess, worker: str) -> dict[str, Any]:
    response = httpx.get(
        f"{server.url}/tasks/poll/batch/mc_task",
        params={"workerid": worker, "count": 1, "timeout": 1000},
        timeout=10,
    )
    response.raise_for_status()
    tasks: list[dict[str, Any]] = response.json()
    assert len(tasks) == 1, tasks
    return tasks[0]


def _complete(server: ServerProcess, task: dict[str, Any], worker: str) -> None:
    result = {
        "workflowInstanceId": task["workflowInstanceId"],
        "taskId": task["taskId"],
        "workerId": worker,
        "status": "COMPLETED",
        "outputData": {"by": worker},
    }
    httpx.post(f"{server.url}/tasks", json=result, timeout=10).raise_for_status()


def test_a_cached_workflow_sees_the_other_servers_claims_and_commits(start_server):
    """A starts the workflow (and keeps it cached); B claims and completes branch x (a commit:
    new revision, new JOIN state) and claims branch y (no new revision). A then completes y
    through its cached copy: the copy must hold B's claim of y (its poll count and start time)
    and B's result of x, or the JOIN would wait forever and y's claim would be overwritten."""
    node_a, node_b = start_server("a"), start_server("b")
    _register(node_a, "mc_fork")
    started = httpx.post(f"{node_a.url}/workflow", json={"name": "mc_fork", "input": {}}, timeout=10)
    started.raise_for_status()
    workflow_id = started.text

    first = _poll_one(node_b, "worker-b")
    _complete(node_b, first, "worker-b")
    second = _poll_one(node_b, "worker-b")
    assert {first["referenceTaskName"], second["referenceTaskName"]} == {"x", "y"}
    _complete(node_a, second, "worker-a")

    after = _poll_one(node_a, "worker-a")
    assert after["referenceTaskName"] == "after"
    _complete(node_a, after, "worker-a")

    wf = httpx.get(f"{node_b.url}/workflow/{workflow_id}", params={"includeTasks": True}, timeout=10).json()
    assert wf["status"] == "COMPLETED"
    by_ref = {t["referenceTaskName"]: t for t in wf["tasks"]}
    assert sorted(by_ref) == ["after", "fork", "join", "x", "y"]
    assert len(wf["tasks"]) == 5  # nothing scheduled twice
    claimed_on_b = by_ref[second["referenceTaskName"]]
    assert claimed_on_b["status"] == "COMPLETED"
    assert (claimed_on_b["pollCount"], claimed_on_b["startTime"]) == (1, second["startTime"])
    assert claimed_on_b["outputData"] == {"by": "worker-a"}
    assert by_ref[first["referenceTaskName"]]["outputData"] == {"by": "worker-b"}
    assert by_ref["join"]["status"] == "COMPLETED"
    assert by_ref["join"]["outputData"] == {
        first["referenceTaskName"]: {"by": "worker-b"},
        second["referenceTaskName"]: {"by": "worker-a"},
    }


def test_a_cached_workflow_restarted_elsewhere_is_read_again(start_server):
    """A restart deletes the workflow's tasks, which leaves no row behind to catch up with: the
    copy A cached at the start must be read again whole, or A would not know the new task."""
    node_a, node_b = start_server("a"), start_server("b")
    _register(node_a, "mc_fork")
    started = httpx.post(f"{node_a.url}/workflow", json={"name": "mc_fork", "input": {}}, timeout=10)
    started.raise_for_status()
    workflow_id = started.text
    httpx.delete(
        f"{node_b.url}/workflow/{workflow_id}", params={"reason": "test"}, timeout=10
    ).raise_for_status()
    httpx.post(f"{node_b.url}/workflow/{workflow_id}/restart", timeout=10).raise_for_status()

    for _ in ("x", "y", "after"):
        _complete(node_a, _poll_one(node_a, "worker-a"), "worker-a")

    wf = httpx.get(f"{node_b.url}/workflow/{workflow_id}", params={"includeTasks": True}, timeout=10).json()
    assert wf["status"] == "COMPLETED"
    assert sorted(t["referenceTaskName"] for t in wf["tasks"]) == ["after", "fork", "join", "x", "y"]
