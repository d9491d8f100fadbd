"""Server metrics for Prometheus, with Conductor's metric and tag names (its Micrometer monitors).

Each server keeps its own `CollectorRegistry` (never prometheus_client's global one, so several
servers in one process, as in the tests, do not share or collide); a scrape of each server
process gives that process's counts.

- counters (`_total` added, as Prometheus does with Micrometer's counters): `task_poll{taskType}`,
  `task_poll_count{taskType,domain}`, `task_update{taskType,status}`,
  `task_update_conflict{taskType,workflowName,taskStatus}`, `task_timeout{taskType}`,
  `task_response_timeout{taskType}`, `workflow_start_success{workflowName,version}`,
  `workflow_start_error{workflowName}`, `workflow_completion{workflowName}`,
  `workflow_failure{workflowName,status}`;
- histograms (`_seconds`, for Conductor's timers): `task_queue_wait{taskType}` (scheduled ->
  polled), `task_execution{taskType,status}` (polled -> result), `workflow_execution{workflowName}`
  (start -> end);
- gauges read from the database when scraped: `task_queue_depth{taskType}`,
  `workflow_running{workflowName}`;
- the process (CPU, memory, file descriptors), the Python runtime and its garbage collector.

Label values come from clients (any task type a worker polls, any workflow name), so each
metric keeps at most `max_label_values` distinct values per label; later ones are counted
under the value `other` (memory and scrape size stay bounded, totals stay right).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

# Without this every counter and histogram series has a `_created` twin: twice the scrape for a
# timestamp no dashboard uses (process-wide, but this server is its only user).
disable_created_metrics()  # type: ignore[no-untyped-call]

OTHER = "other"
# Labelled counter children kept by raw tags (Metrics.inc); cleared when full.
_MAX_CHILDREN = 10_000
MAX_LABEL_VALUES = 1000
CONTENT_TYPE = CONTENT_TYPE_LATEST
# From a task that waited a few milliseconds to human tasks and workflows that last hours; few
# buckets because each one is a series per label combination.
BUCKETS = (0.005, 0.025, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0, 7200.0)

COUNTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "task_poll": ("Polls for a task type (a long-poll counts once, with or without a task)", ("taskType",)),
    "task_poll_count": ("Tasks handed to workers by polls", ("taskType", "domain")),
    "task_update": ("Task results reported by workers and clients", ("taskType", "status")),
    "task_update_conflict": (
        "Results ignored because their task or workflow had already ended",
        ("taskType", "workflowName", "taskStatus"),
    ),
    "task_timeout": ("Tasks that ran past their timeoutSeconds", ("taskType",)),
    "task_response_timeout": (
        "Tasks whose worker did not report within responseTimeoutSeconds",
        ("taskType",),
    ),
    "workflow_start_success": ("Workflows started", ("workflowName", "version")),
    "workflow_start_error": (
        "Workflow starts refused (unknown definition, invalid input, ...)",
        ("workflowName",),
    ),
    "workflow_completion": ("Workflows that completed", ("workflowName",)),
    "workflow_failure": ("Workflows that failed, timed out or were terminated", ("workflowName", "status")),
}
HISTOGRAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "task_queue_wait": ("Seconds from a task's scheduling to the poll that took it", ("taskType",)),
    "task_execution": ("Seconds from a task's first poll to its final result", ("taskType", "status")),
    "workflow_execution": ("Seconds from a workflow's start to its end", ("workflowName",)),
}
GAUGES: dict[str, tuple[str, str]] = {
    "task_queue_depth": ("Tasks waiting in the queue of a task type (all domains)", "taskType"),
    "workflow_running": ("Workflows in status RUNNING, by name", "workflowName"),
}


class _Snapshot:
    """A collector that serves the gauges read from the database for the scrape in progress."""

    def __init__(self) -> None:
        self.families: list[Metric] = []

    def collect(self) -> Iterable[Metric]:
        return list(self.families)


class Metrics:
    def __init__(self, max_label_values: int = MAX_LABEL_VALUES) -> None:
        self.max_label_values = max_label_values
        self.registry = CollectorRegistry(auto_describe=True)
        self._counters = {
            name: Counter(name, doc, labels, registry=self.registry)
            for name, (doc, labels) in COUNTERS.items()
        }
        self._histograms = {
            name: Histogram(f"{name}_seconds", doc, labels, registry=self.registry, buckets=BUCKETS)
            for name, (doc, labels) in HISTOGRAMS.items()
        }
        # (metric, *tag items) -> the counter's labelled child for those tags.
        self._children: dict[tuple[object, ...], Any] = {}
        # (metric, label) -> the values given their own series so far.
        self._values: dict[tuple[str, str], set[str]] = {}
        self._snapshot = _Snapshot()
        self._render_lock = threading.Lock()
        self.registry.register(self._snapshot)
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        GCCollector(registry=self.registry)

    def _label(self, name: str, key: str, value: object) -> str:
        text = "" if value is None else str(value)
        seen = self._values.setdefault((name, key), set())
        if text in seen:
            return text
        if len(seen) >= self.max_label_values:
            return OTHER
        seen.add(text)
        return text

    def _labels(self, name: str, names: tuple[str, ...], tags: Mapping[str, object]) -> dict[str, str]:
        return {key: self._label(name, key, tags.get(key)) for key in names}

    def inc(self, name: str, amount: int = 1, **tags: object) -> None:
        # The labelled child by the caller's own tags: `labels()` costs a dict, a sort and a
        # lock, and an idle poll counts once per request (thousands a second).
        key = (name, *tags.items())
        child = self._children.get(key)
        if child is None:
            child = self._counters[name].labels(**self._labels(name, COUNTERS[name][1], tags))
            if len(self._children) >= _MAX_CHILDREN:
                self._children.clear()  # raw tag values are unbounded (task types from URLs)
            self._children[key] = child
        child.inc(amount)

    def observe(self, name: str, seconds: float, **tags: object) -> None:
        histogram = self._histograms[name]
        histogram.labels(**self._labels(name, HISTOGRAMS[name][1], tags)).observe(max(seconds, 0.0))

    def value(self, name: str, **tags: object) -> float:
        """A counter's current value (0 when that series does not exist)."""
        labels = {k: "" if v is None else str(v) for k, v in tags.items()}
        found = self.registry.get_sample_value(f"{name}_total", labels)
        return found or 0

    def series(self) -> int:
        """How many labelled counter and histogram series are kept (each histogram series is
        one label combination, whatever its number of buckets)."""
        families = [*self._counters.values(), *self._histograms.values()]
        return sum(len(m._metrics) for m in families)

    def _gauge(self, name: str, values: Mapping[str, int]) -> GaugeMetricFamily:
        doc, key = GAUGES[name]
        totals: dict[str, int] = {}
        for raw, count in values.items():
            label = self._label(name, key, raw)
            totals[label] = totals.get(label, 0) + count
        family = GaugeMetricFamily(name, doc, labels=[key])
        for label, count in sorted(totals.items()):
            family.add_metric([label], count)
        return family

    def gauges(
        self, queue_depth: Mapping[str, int] | None, running: Mapping[str, int] | None
    ) -> list[Metric]:
        """The database gauges as metric families (label values bounded like the counters')."""
        families: list[Metric] = []
        if queue_depth is not None:
            families.append(self._gauge("task_queue_depth", queue_depth))
        if running is not None:
            families.append(self._gauge("workflow_running", running))
        return families

    def exposition(self, gauges: list[Metric]) -> bytes:
        """The Prometheus text exposition with these gauges. Safe to call from another thread
        (prometheus_client's metrics lock their children): with 1,000 task types it is a few
        megabytes and takes hundreds of milliseconds, which must not stall the event loop."""
        with self._render_lock:
            self._snapshot.families = gauges
            try:
                return generate_latest(self.registry)
            finally:
                self._snapshot.families = []

    def render(
        self, queue_depth: Mapping[str, int] | None = None, running: Mapping[str, int] | None = None
    ) -> bytes:
        """The Prometheus text exposition; the gauges are the database values read for this scrape."""
        return self.exposition(self.gauges(queue_depth, running))


def task_type_of_queue(queue: str) -> str:
    """The task type of a queue name (`[domain:]taskType`: the queues this server pushes to)."""
    return queue.split(":", 1)[1] if ":" in queue else queue


def queue_depth_by_task_type(sizes: Mapping[str, int]) -> dict[str, int]:
    depth: dict[str, int] = {}
    for queue, size in sizes.items():
        task_type = task_type_of_queue(queue)
        depth[task_type] = depth.get(task_type, 0) + size
    return depth
