"""`bench/growth_bench.py` stays runnable: a tiny run prints the empty, grown and ratio lines
with every field (docs/benchmarks.md "Growth"). No timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "growth_bench.py"
HOT = ("start", "poll", "update")
SEARCHES = (
    "search_running",
    "search_name_completed",
    "search_v2_running",
    "search_failed",
    "search_multi_status",
    "search_free_text",
    "ui_executions",
    "ui_executions_filtered",
    "ui_failures",
    "metrics",
)


@pytest.mark.slow
def test_growth_bench_small_run() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--completed",
            "300",
            "--waiting",
            "40",
            "--batch",
            "100",
            "--iterations",
            "5",
            "--warmup",
            "1",
            "--search-repeat",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    empty, grown, ratios = (json.loads(line) for line in result.stdout.strip().splitlines()[-3:])
    assert (empty["db"], grown["db"]) == ("empty", "grown")
    assert (grown["completed_stored"], grown["waiting_stored"]) == (300, 40)
    assert grown["fill_s"] >= 0
    for line in (empty, grown):
        assert line["backend"] == "sqlite"
        for key in (*HOT, *SEARCHES):
            assert line[key]["p50_ms"] > 0, key
            assert line[key]["p90_ms"] > 0, key
        for key in ("startup_s", "rss_after_start_mb", "rss_mb", "peak_rss_mb"):
            assert line[key] > 0, key
    # The hits prove the fill wrote what the searches look for: every waiting workflow is
    # RUNNING, and a fifth of the completed ones carry each name.
    assert empty["search_running"]["total_hits"] == 0
    assert grown["search_running"]["total_hits"] == 40
    assert grown["search_v2_running"]["total_hits"] == 40
    assert grown["search_name_completed"]["total_hits"] == 60
    assert grown["search_failed"]["total_hits"] == 0
    # The 300 completed ones and the 6 probe workflows the hot-path measurement ran to the end.
    assert grown["search_multi_status"]["total_hits"] == 306
    assert set(ratios["ratios_grown_over_empty_p50"]) == {*HOT, *SEARCHES}
