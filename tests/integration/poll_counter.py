"""Counts the polls a server received, from its Prometheus metrics."""

from __future__ import annotations

import re
import time

import httpx
from tests.integration.conftest import LiveServer


def polls_so_far(server: LiveServer, task_type: str) -> int:
    text = httpx.get(f"http://127.0.0.1:{server.port}/metrics", timeout=5).text
    match = re.search(rf'^task_poll_total{{taskType="{re.escape(task_type)}"}} (\d+)$', text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def count_polls(server: LiveServer, task_type: str, seconds: float) -> int:
    """Polls received during the next `seconds` (a measurement window, not a wait for state)."""
    before = polls_so_far(server, task_type)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(min(0.5, max(end - time.monotonic(), 0)))
    return polls_so_far(server, task_type) - before
