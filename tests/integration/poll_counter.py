"""Counts the polls a server received, from its Prometheus metrics."""

from __future__ import annotations

import time

import httpx
from prometheus_client.parser import text_string_to_metric_families
from tests.integration.conftest import LiveServer


def polls_so_far(server: LiveServer, task_type: str) -> int:
    text = httpx.get(f"http://127.0.0.1:{server.port}/metrics", timeout=5).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "task_poll_total" and sample.labels == {"taskType": task_type}:
                return int(sample.value)
    return 0


def count_polls(server: LiveServer, task_type: str, seconds: float) -> int:
    """Polls received during the next `seconds` (a measurement window, not a wait for state)."""
    before = polls_so_far(server, task_type)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(min(0.5, max(end - time.monotonic(), 0)))
    return polls_so_far(server, task_type) - before
