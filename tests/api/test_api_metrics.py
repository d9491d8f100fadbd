"""/metrics through prometheus_client: Conductor's names, histograms, database gauges, process
metrics, bounded labels; every check parses the exposition with prometheus_client's parser."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from conductor.server.clock import FakeClock
from conductor.server.metrics import COUNTERS, GAUGES, HISTOGRAMS, OTHER, Metrics
from driver import Driver


def parse(text: str) -> dict[str, Any]:
    return {family.name: family for family in text_string_to_metric_families(text)}


def value(families: dict[str, Any], sample_name: str, **labels: str) -> float | None:
    for family in families.values():
        for sample in family.samples:
            if sample.name == sample_name and sample.labels == labels:
                return float(sample.value)
    return None


async def scrape(api: httpx.AsyncClient, path: str = "/metrics") -> dict[str, Any]:
    r = await api.get(f"http://127.0.0.1{path}")
    assert r.status_code == 200
    assert r.headers["content-type"] == CONTENT_TYPE_LATEST
    return parse(r.text)


async def test_conductor_metrics_after_a_little_work(
    api: httpx.AsyncClient, conductor: Driver, caplog: pytest.LogCaptureFixture
) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    for _ in range(3):
        await conductor.start(name)  # stays RUNNING with its task in the queue

    first = await conductor.poll(t)
    await conductor.complete_task(first)
    second = await conductor.poll(t)
    with caplog.at_level(logging.INFO, logger="conductor.server"):
        await conductor.fail_task(second, reason="the printer is on fire", terminal=True)
        await conductor.until(second["workflowInstanceId"], "FAILED")
    await conductor.until(first["workflowInstanceId"], "COMPLETED")
    # A late result for a task that already ended is ignored and counted as a conflict.
    assert (await conductor.post_result(first, "COMPLETED")).status_code == 200
    assert (await api.post("/workflow", json={"name": "no_such_workflow", "input": {}})).status_code == 404

    families = await scrape(api)
    assert set(await scrape(api, "/actuator/prometheus")) == set(families)
    for name_ in COUNTERS:
        assert families[name_].type == "counter" and families[name_].documentation
    for name_ in HISTOGRAMS:
        assert families[f"{name_}_seconds"].type == "histogram"
    for name_ in GAUGES:
        assert families[name_].type == "gauge"

    assert value(families, "task_poll_total", taskType=t) >= 2  # type: ignore[operator]
    assert value(families, "task_poll_count_total", taskType=t, domain="") == 2
    assert value(families, "task_update_total", taskType=t, status="COMPLETED") == 1
    assert value(families, "task_update_total", taskType=t, status="FAILED_WITH_TERMINAL_ERROR") == 1
    assert (
        value(families, "task_update_conflict_total", taskType=t, workflowName=name, taskStatus="COMPLETED")
        == 1
    )
    assert value(families, "workflow_start_success_total", workflowName=name, version="1") == 3
    assert value(families, "workflow_start_error_total", workflowName="no_such_workflow") == 1
    assert value(families, "workflow_completion_total", workflowName=name) == 1
    assert value(families, "workflow_failure_total", workflowName=name, status="FAILED") == 1
    # Histograms: one observation per claimed task, finished task and ended workflow.
    assert value(families, "task_queue_wait_seconds_count", taskType=t) == 2
    assert value(families, "task_queue_wait_seconds_bucket", taskType=t, le="+Inf") == 2
    assert value(families, "task_execution_seconds_count", taskType=t, status="COMPLETED") == 1
    assert (
        value(families, "task_execution_seconds_count", taskType=t, status="FAILED_WITH_TERMINAL_ERROR") == 1
    )
    assert value(families, "workflow_execution_seconds_count", workflowName=name) == 2
    # Gauges read from the database at scrape time.
    assert value(families, "task_queue_depth", taskType=t) == 1
    assert value(families, "workflow_running", workflowName=name) == 1
    # The process and the runtime.
    assert value(families, "process_resident_memory_bytes")  # > 0
    assert value(families, "process_cpu_seconds_total") is not None
    assert "python_info" in families

    ended = [r for r in caplog.records if getattr(r, "workflowId", None) == second["workflowInstanceId"]]
    assert len(ended) == 1
    assert ended[0].levelno == logging.INFO
    assert "the printer is on fire" in ended[0].getMessage() and name in ended[0].getMessage()


async def test_response_timeout_is_counted(
    api: httpx.AsyncClient, conductor: Driver, eventually: Any, clock: FakeClock
) -> None:
    t = await conductor.taskdef(responseTimeoutSeconds=1, timeoutSeconds=60)
    name = await conductor.simple_workflow(t)
    workflow_id = await conductor.start(name)
    await conductor.poll(t)  # and never answered
    clock.advance(1.1)

    async def counted() -> bool:
        families = await scrape(api)
        return value(families, "task_response_timeout_total", taskType=t) == 1

    await eventually(counted, 15, message="task_response_timeout_total == 1")
    workflow = await conductor.get(workflow_id)
    assert workflow["tasks"][0]["status"] == "TIMED_OUT"
    assert value(await scrape(api), "task_timeout_total", taskType=t) is None


async def test_a_domain_queue_counts_for_its_task_type(api: httpx.AsyncClient, conductor: Driver) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)
    await conductor.start(name, taskToDomain={t: "blue"})
    await conductor.start(name)
    assert value(await scrape(api), "task_queue_depth", taskType=t) == 2


def test_every_label_stays_bounded() -> None:
    metrics = Metrics(max_label_values=3)
    for i in range(10):
        metrics.inc("task_poll", taskType=f"type_{i}")
        metrics.observe("task_queue_wait", 0.01 * i, taskType=f"type_{i}")
    depth = {f"type_{i}": i + 1 for i in range(10)}
    families = parse(metrics.render(depth, {f"wf_{i}": 1 for i in range(10)}).decode())
    polls = [s for s in families["task_poll"].samples if s.name == "task_poll_total"]
    assert sorted(s.labels["taskType"] for s in polls) == sorted(["type_0", "type_1", "type_2", OTHER])
    assert value(families, "task_poll_total", taskType=OTHER) == 7
    assert value(families, "task_queue_wait_seconds_count", taskType=OTHER) == 7
    queue: list[Sample] = families["task_queue_depth"].samples
    assert len(queue) == 4 and sum(s.value for s in queue) == sum(depth.values())
    assert value(families, "workflow_running", workflowName=OTHER) == 7
    assert metrics.series() == 4 + 4  # task_poll and task_queue_wait, 3 values + other each


def test_each_server_has_its_own_registry() -> None:
    # The global registry would refuse the second ProcessCollector (duplicated time series).
    one, two = Metrics(), Metrics()
    one.inc("task_poll", taskType="a")
    assert one.value("task_poll", taskType="a") == 1
    assert two.value("task_poll", taskType="a") == 0
    assert value(parse(two.render().decode()), "task_poll_total", taskType="a") is None


async def test_a_long_poll_counts_once(api: httpx.AsyncClient, conductor: Driver) -> None:
    """`task_poll` counts polls, not looks: a long poll that waits and looks again at the end of
    its timeout is one poll, with or without a task (the metric's own description)."""
    t = await conductor.taskdef()
    for _ in range(3):
        response = await api.get(f"/tasks/poll/batch/{t}", params={"count": 1, "timeout": 150})
        assert response.status_code == 200 and response.json() == []
    name = await conductor.simple_workflow(t)
    await conductor.start(name)
    (task,) = (await api.get(f"/tasks/poll/batch/{t}", params={"count": 1, "timeout": 150})).json()
    assert task["taskDefName"] == t
    assert value(await scrape(api), "task_poll_total", taskType=t) == 4
