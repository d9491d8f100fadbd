"""`bench/systask_bench.py` stays runnable: a tiny run prints one JSON line with every field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "systask_bench.py"


def test_systask_bench_small_run() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--workflows",
            "20",
            "--groups",
            "1",
            "--clients",
            "4",
            "--timeout",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["completed"] == 20
    assert line["wrong_output"] == 0
    assert line["system_tasks_per_workflow"] == 3
    for key in ("workflows_per_s", "system_tasks_per_s", "p50_ms", "p99_ms"):
        assert line[key] > 0
