"""Several `pyconductor server` processes on one PostgreSQL database.

Workers (plain httpx long-poll + update-v2 loops on threads) talk to every node; one node is
SIGKILLed mid-run; every workflow must still complete, with each task handed to one worker
only and each reference completed exactly once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from helpers import wait_until

if TYPE_CHECKING:  # the type lives in this directory's conftest (imported by pytest, not by us)
    from conftest import ServerProcess

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

TASK_TYPES = ("mp_a", "mp_b", "mp_c")


def task_def(name: str, response_timeout: int = 2) -> dict[str, Any]:
    # A task handed out by a node that is then killed is recovered by the response timeout
    # (TIMED_OUT, then retried), so it is short by default.
    return {
        "name": name,
        "ownerEmail": "test@example.com",
        "retryCount": 3,
        "retryLogic": "FIXED",
        "retryDelaySeconds": 0,
        "responseTimeoutSeconds": response_timeout,
        "timeoutSeconds": 0,
        "timeoutPolicy": "RETRY",
    }


def register(
    server: ServerProcess, workflow: dict[str, Any], task_types: tuple[str, ...], response_timeout: int = 2
) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        client.post(
            "/metadata/taskdefs", json=[task_def(t, response_timeout) for t in task_types]
        ).raise_for_status()
        client.post("/metadata/workflow", json=workflow).raise_for_status()


def start_workflows(servers: list[ServerProcess], name: str, count: int) -> list[str]:
    """Start `count` workflows, alternating between the nodes, a few at a time."""

    def start(i: int) -> str:
        server = servers[i % len(servers)]
        response = httpx.post(f"{server.url}/workflow", json={"name": name, "input": {"i": i}}, timeout=30)
        response.raise_for_status()
        return response.text

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(start, range(count)))


def count_by_status(server: ServerProcess, name: str, status: str) -> int:
    response = httpx.get(
        f"{server.url}/workflow/search",
        params={"query": f"workflowType = {name} AND status = {status}", "size": 0},
        timeout=30,
    )
    response.raise_for_status()
    return int(response.json()["totalHits"])


@dataclass
class Ledger:
    """What the workers saw: how often each task id was handed out and completed."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    handed_out: Counter[str] = field(default_factory=Counter)
    completed: Counter[str] = field(default_factory=Counter)
    claims_by_node: Counter[str] = field(default_factory=Counter)

    def received(self, task_id: str, node: str) -> None:
        with self.lock:
            self.handed_out[task_id] += 1
            self.claims_by_node[node] += 1

    def done(self, task_id: str) -> None:
        with self.lock:
            self.completed[task_id] += 1

    def total_completed(self) -> int:
        with self.lock:
            return sum(self.completed.values())


class Worker(threading.Thread):
    """Long-polls its home node; when a node is unreachable it moves on to the next one."""

    def __init__(self, task_type: str, nodes: list[ServerProcess], ledger: Ledger, stop: threading.Event):
        super().__init__(name=f"worker-{task_type}-{nodes[0].name}", daemon=True)
        self.task_type = task_type
        self.nodes = nodes
        self.ledger = ledger
        self.stop = stop
        self.node_index = 0
        self.errors: list[str] = []

    @property
    def node(self) -> ServerProcess:
        return self.nodes[self.node_index % len(self.nodes)]

    def fail_over(self) -> None:
        self.node_index += 1

    def run(self) -> None:
        with httpx.Client(timeout=15) as client:
            while not self.stop.is_set():
                node = self.node
                try:
                    response = client.get(
                        f"{node.url}/tasks/poll/batch/{self.task_type}",
                        params={"workerid": self.name, "count": 5, "timeout": 1000},
                    )
                except httpx.TransportError:
                    self.fail_over()
                    continue
                if response.status_code != 200:
                    self.errors.append(f"poll {response.status_code}: {response.text[:200]}")
                    continue
                for task in response.json():
                    self.work(client, task, node.name)

    def work(self, client: httpx.Client, task: dict[str, Any] | None, node: str) -> None:
        """Complete `task`, then whatever update-v2 hands back, until it hands back nothing."""
        while task is not None and not self.stop.is_set():
            self.ledger.received(task["taskId"], node)
            result = {
                "workflowInstanceId": task["workflowInstanceId"],
                "taskId": task["taskId"],
                "status": "COMPLETED",
                "outputData": {"by": self.name, "ref": task["referenceTaskName"]},
                "workerId": self.name,
            }
            task = None
            for _attempt in range(50):
                node = self.node.name
                try:
                    response = client.post(f"{self.node.url}/tasks/update-v2", json=result)
                except httpx.TransportError:
                    self.fail_over()  # the result is delivered again to the next node
                    continue
                if response.status_code >= 500:
                    self.errors.append(f"update {response.status_code}: {response.text[:200]}")
                    continue
                response.raise_for_status()
                self.ledger.done(result["taskId"])
                task = response.json() if response.status_code == 200 and response.content else None
                break


def workflow_def(name: str, tasks: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "ownerEmail": "test@example.com",
        "tasks": tasks,
    }


def simple(task_type: str, ref: str) -> dict[str, Any]:
    return {"name": task_type, "taskReferenceName": ref, "type": "SIMPLE"}


@pytest.mark.timeout(300)
def test_two_nodes_survive_a_sigkill(start_server):
    """200 workflows of 3 tasks on two nodes; node A is SIGKILLed mid-run; all complete."""
    total = 200
    node_a, node_b = start_server("a"), start_server("b")
    name = "mp_flow"
    register(node_a, workflow_def(name, [simple(t, f"ref_{t}") for t in TASK_TYPES]), TASK_TYPES)
    workflow_ids = start_workflows([node_a, node_b], name, total)
    assert len(set(workflow_ids)) == total

    ledger = Ledger()
    stop = threading.Event()
    workers = [
        Worker(task_type, nodes, ledger, stop)
        for task_type in TASK_TYPES
        for nodes in ([node_a, node_b], [node_b, node_a])
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    try:
        wait_until(lambda: ledger.total_completed() >= total, 60, "a third of the tasks done")
        node_a.kill()
        killed_at = ledger.total_completed()
        assert killed_at < total * len(TASK_TYPES), "the kill must land mid-run"
        assert count_by_status(node_b, name, "RUNNING") > 0

        wait_until(
            lambda: count_by_status(node_b, name, "COMPLETED") == total, 150, "all workflows completed"
        )
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=20)

    assert ledger.claims_by_node["a"] > 0 and ledger.claims_by_node["b"] > 0
    # No task was ever handed to two workers (SKIP LOCKED claims + the status compare-and-set).
    assert [t for t, n in ledger.handed_out.items() if n > 1] == []

    with httpx.Client(base_url=node_b.url, timeout=30) as client:
        workflows = [
            client.get(f"/workflow/{wid}", params={"includeTasks": True}).json() for wid in workflow_ids
        ]
    problems = []
    for wf in workflows:
        statuses_by_ref: dict[str, list[str]] = {}
        for task in wf["tasks"]:
            statuses_by_ref.setdefault(task["referenceTaskName"], []).append(task["status"])
        completed = {ref: s.count("COMPLETED") for ref, s in statuses_by_ref.items()}
        others = {ref: [x for x in s if x != "COMPLETED"] for ref, s in statuses_by_ref.items()}
        if (
            wf["status"] != "COMPLETED"
            or completed != {f"ref_{t}": 1 for t in TASK_TYPES}
            # A retry exists only for a task whose worker's node died (or that was too slow).
            or any(set(s) - {"TIMED_OUT"} for s in others.values())
        ):
            problems.append((wf["workflowId"], wf["status"], statuses_by_ref))
    assert problems == []
    retried = sum(1 for wf in workflows for t in wf["tasks"] if t["status"] == "TIMED_OUT")
    claims = dict(ledger.claims_by_node)
    print(f"node a killed after {killed_at} completions; claims per node {claims}; {retried} retried")
    # Every completion a worker made counted exactly once on the workflow it belonged to.
    assert [t for t, n in ledger.completed.items() if n > 1] == []


@pytest.mark.timeout(240)
def test_concurrent_updates_through_both_nodes_keep_every_result(start_server):
    """Fork branches completed at the same moment through different nodes: the workflow rows'
    compare-and-set makes the losers retry, so no result is lost and the task after the join is
    scheduled exactly once."""
    node_a, node_b = start_server("a"), start_server("b")
    branches = 6
    name = "mp_fork"
    fork = {
        "name": "fork",
        "taskReferenceName": "fork",
        "type": "FORK_JOIN",
        "forkTasks": [[simple("mp_branch", f"branch_{i}")] for i in range(branches)],
    }
    join = {
        "name": "join",
        "taskReferenceName": "join",
        "type": "JOIN",
        "joinOn": [f"branch_{i}" for i in range(branches)],
    }
    # No worker dies here: a long response timeout keeps a slow, busy machine from timing the
    # branches out while the 60 completions are still on their way (which made this test flaky).
    register(
        node_a,
        workflow_def(name, [fork, join, simple("mp_after", "after")]),
        ("mp_branch", "mp_after"),
        response_timeout=120,
    )
    workflow_ids = start_workflows([node_a, node_b], name, 10)

    def poll_all(task_type: str, expected: int) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []

        def more() -> bool:
            response = httpx.get(
                f"{node_b.url}/tasks/poll/batch/{task_type}", params={"count": 50, "timeout": 200}, timeout=10
            )
            got.extend(response.json())
            return len(got) >= expected

        # Generous: only a slow machine makes this take more than a second or two.
        wait_until(more, 60, f"{expected} {task_type} tasks scheduled")
        return got

    tasks = poll_all("mp_branch", branches * len(workflow_ids))
    start = threading.Barrier(len(tasks))

    def complete(i: int) -> int:
        task = tasks[i]
        node = (node_a, node_b)[i % 2]
        result = {
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": "COMPLETED",
            "outputData": {"branch": task["referenceTaskName"]},
        }
        start.wait(timeout=60)
        # A retryable error (500 when the runner's 8 compare-and-set attempts all lost, which a
        # slow, busy machine makes possible; 503 when the commit failed) is answered by a retry,
        # as every SDK does; the result must then be kept like any other.
        for _attempt in range(5):
            response = httpx.post(f"{node.url}/tasks", json=result, timeout=60)
            if response.status_code < 500 or response.json().get("retryable") is not True:
                break
            retried.append(task["taskId"])
        return response.status_code

    retried: list[str] = []
    with ThreadPoolExecutor(len(tasks)) as pool:
        assert set(pool.map(complete, range(len(tasks)))) == {200}
    print(f"{len(retried)} updates answered 'retryable' and were sent again")

    try:
        after = poll_all("mp_after", len(workflow_ids))
    except AssertionError as exc:  # say where each workflow stands
        states = []
        for wid in workflow_ids:
            wf = httpx.get(f"{node_a.url}/workflow/{wid}", params={"includeTasks": True}, timeout=10).json()
            states.append((wf["status"], sorted((t["referenceTaskName"], t["status"]) for t in wf["tasks"])))
        raise AssertionError(f"{exc}; workflows: {states}") from None
    assert sorted(t["workflowInstanceId"] for t in after) == sorted(workflow_ids)
    for wid in workflow_ids:
        wf = httpx.get(f"{node_a.url}/workflow/{wid}", params={"includeTasks": True}, timeout=10).json()
        by_ref = Counter(t["referenceTaskName"] for t in wf["tasks"])
        branch_refs = {f"branch_{i}": 1 for i in range(branches)}
        assert by_ref == Counter({"fork": 1, "join": 1, "after": 1, **branch_refs})
        join_task = next(t for t in wf["tasks"] if t["referenceTaskName"] == "join")
        assert join_task["status"] == "COMPLETED"
        assert {ref: out["branch"] for ref, out in join_task["outputData"].items()} == {
            f"branch_{i}": f"branch_{i}" for i in range(branches)
        }


@pytest.mark.timeout(60)
def test_work_scheduled_on_one_node_wakes_a_long_poll_on_the_other(start_server):
    """LISTEN/NOTIFY: a worker long-polling node A gets a task that node B scheduled right
    away, not when its 5 s poll times out."""
    node_a, node_b = start_server("a"), start_server("b")
    name = "mp_wake"
    register(node_b, workflow_def(name, [simple("mp_wake_task", "only")]), ("mp_wake_task",))
    outcome: dict[str, Any] = {}

    def long_poll() -> None:
        response = httpx.get(
            f"{node_a.url}/tasks/poll/batch/mp_wake_task",
            params={"workerid": "waiting", "count": 1, "timeout": 5000},
            timeout=15,
        )
        outcome["returned_at"] = time.monotonic()
        outcome["tasks"] = response.json()

    poller = threading.Thread(target=long_poll, daemon=True)
    poller.start()

    def polling() -> bool:
        # Node A records the poll in its first (empty) claim, then waits for a wake-up.
        response = httpx.get(
            f"{node_b.url}/tasks/queue/polldata", params={"taskType": "mp_wake_task"}, timeout=5
        )
        return any(p.get("workerId") == "waiting" for p in response.json())

    wait_until(polling, 10, "node A's long-poll has started")
    started_at = time.monotonic()
    workflow_id = start_workflows([node_b], name, 1)[0]
    poller.join(timeout=10)

    assert [t["workflowInstanceId"] for t in outcome["tasks"]] == [workflow_id]
    assert outcome["returned_at"] - started_at < 2.0
