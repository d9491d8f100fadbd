"""deploy/grafana/pyconductor.json only queries metrics the server exposes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from conductor.server.metrics import COUNTERS, HISTOGRAMS, Metrics

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "pyconductor.json"
PROMQL_WORDS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "bool",
    "offset",
}
_IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def exposed_names() -> set[str]:
    """Every sample name a scrape holds once each metric has a value."""
    metrics = Metrics()
    for name, (_, labels) in COUNTERS.items():
        metrics.inc(name, **dict.fromkeys(labels, "x"))
    for name, (_, labels) in HISTOGRAMS.items():
        metrics.observe(name, 0.1, **dict.fromkeys(labels, "x"))
    text = metrics.render({"x": 1}, {"x": 1}).decode()
    return {sample.name for family in text_string_to_metric_families(text) for sample in family.samples}


def metric_names(expr: str) -> set[str]:
    """The metric names of a PromQL expression (or of a Grafana `label_values(...)` query)."""
    grafana = re.fullmatch(r"label_values\((.*),\s*\w+\)", expr.strip())
    if grafana:
        expr = grafana.group(1)
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)  # strings (label values, $variables)
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # range selectors
    expr = re.sub(r"\b(?:by|without|on|ignoring)\s*\([^)]*\)", "", expr)  # grouping labels
    names = set()
    for match in _IDENTIFIER.finditer(expr):
        word = match.group(0)
        following = expr[match.end() :].lstrip()[:1]
        if word in PROMQL_WORDS or following == "(":  # a function
            continue
        names.add(word)
    return names


def queries(dashboard: dict[str, Any]) -> list[str]:
    found = [t["expr"] for panel in dashboard["panels"] for t in panel.get("targets", [])]
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            found.append(variable["query"]["query"])
    return found


def test_the_parser_finds_names() -> None:
    assert metric_names(
        'histogram_quantile(0.99, sum by (le, x) (rate(a_bucket{job=~"$job"}[$__rate_interval])))'
    ) == {"a_bucket"}
    assert metric_names("label_values(b_total, job)") == {"b_total"}
    assert metric_names("sum(rate(nope_total[5m])) / on (job) up") == {"nope_total", "up"}


def test_every_dashboard_metric_is_exposed() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    used = set().union(*(metric_names(expr) for expr in queries(dashboard)))
    assert used - exposed_names() == set()
    # It shows what the issue asks for: throughput, latency, backlog, failures, the process.
    for needed in (
        "task_poll_total",
        "task_update_total",
        "workflow_start_success_total",
        "workflow_failure_total",
        "task_queue_wait_seconds_bucket",
        "task_execution_seconds_bucket",
        "workflow_execution_seconds_bucket",
        "task_queue_depth",
        "workflow_running",
        "process_cpu_seconds_total",
        "process_resident_memory_bytes",
    ):
        assert needed in used, needed


def test_panels_have_unique_ids_and_a_datasource() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dashboard["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == "${datasource}"
            assert panel["targets"], panel["title"]
