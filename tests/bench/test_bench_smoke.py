"""The benchmarks in `bench/` stay runnable: each runs at a tiny size and prints its JSON lines.

No timing is asserted here (the machine is shared and noisy); the figures are read from full
runs (docs/benchmarks.md). What is asserted is that every run completes and reports its fields.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
pytestmark = pytest.mark.slow


def run(script: str, *args: str, timeout: float = 180) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        # The suite's decider self-check would make the large shapes quadratic.
        env={**os.environ, "PYCONDUCTOR_DECIDER_CHECK": "0"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_workflow_bench_tiny() -> None:
    lines = run("workflow_bench.py", "--workflows", "20", "--serial", "5", "--workers", "1", "--threads", "2")
    assert {line["mode"] for line in lines} == {"burst", "serial"}
    for line in lines:
        assert line["tasks_per_s"] > 0 and line["p50_ms"] > 0


@pytest.mark.parametrize(
    ("shape", "extra"), [("fanout", []), ("dowhile", ["--keep-last-n", "2"]), ("sequential", [])]
)
def test_large_workflow_bench_tiny(shape: str, extra: list[str]) -> None:
    (line,) = run("large_workflow_bench.py", "--shape", shape, "--sizes", "12", "--threads", "2", *extra)
    assert (line["shape"], line["size"], line["status"]) == (shape, 12, "COMPLETED")
    assert line["ms_per_task"] > 0 and line["server_peak_rss_mb"] > 0


def test_large_workflow_bench_fairness_tiny() -> None:
    (line,) = run("large_workflow_bench.py", "--sizes", "30", "--threads", "2", "--fairness")
    assert line["status"] == "COMPLETED"
    assert line["idle_chain5_p50_ms"] > 0


def test_idle_pollers_tiny() -> None:
    lines = run(
        "idle_pollers.py", "--pollers", "20", "--timeout-ms", "100", "--pause-ms", "100", "--seconds", "1"
    )
    assert lines and lines[-1]["pause_ms"] == 100 and lines[-1]["polls_per_s"] > 0


def test_sdk_http_bench_tiny() -> None:
    (line,) = run("sdk_http_bench.py", "--calls", "20", "--rounds", "1")
    assert line["httpx_client_cpu_us_per_call"] > 0 and line["wire_client_cpu_us_per_call"] > 0
