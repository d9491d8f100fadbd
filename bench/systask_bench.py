"""Throughput and latency of workflows made only of system tasks (no workers).

    python bench/systask_bench.py                       # 1000 workflows, 2 x (INLINE, JQ, SET_VARIABLE)
    python bench/systask_bench.py --workflows 2000 --groups 3 --clients 32
    python bench/systask_bench.py --db postgresql://user:pw@127.0.0.1:5432/db

Starts a `pyconductor server` process on a free 127.0.0.1 port with a temp SQLite file (unless
--db is given), registers a workflow of G groups of INLINE (JavaScript) -> JSON_JQ_TRANSFORM ->
SET_VARIABLE, each step reading the previous step's output, starts N workflows concurrently
from C client threads, waits until all have finished, and prints one JSON line: workflows/s,
system tasks/s, p50/p99 start-to-completion latency in ms.

Latency = client start call -> workflow endTime stamped by the server (same machine clock);
throughput = completed workflows / (last endTime - first start).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from workflow_bench import free_port, wait_healthy

WORKFLOW = "bench_systasks"
TASKS_PER_GROUP = 3


def start_server(db_url: str, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "pyconductor"
    command = [str(exe), "server", "--host", "127.0.0.1", "--port", str(port), "--db", db_url]
    with log_path.open("wb") as log:
        proc = subprocess.Popen([*command, "--log-level", "WARNING"], stdout=log, stderr=subprocess.STDOUT)
    wait_healthy(proc, port, 30, lambda: log_path.read_text(errors="replace"))
    return proc


def definition(groups: int) -> dict[str, Any]:
    """G x (INLINE -> JSON_JQ_TRANSFORM -> SET_VARIABLE), each step using the previous output."""
    tasks: list[dict[str, Any]] = []
    source = "${workflow.input.x}"
    for g in range(groups):
        tasks += [
            {
                "name": "calc",
                "taskReferenceName": f"js{g}",
                "type": "INLINE",
                "inputParameters": {
                    "evaluatorType": "graaljs",
                    "expression": "(function(){ return {x: $.x + 1, tags: ['a', String($.x)]}; })()",
                    "x": source,
                },
            },
            {
                "name": "shape",
                "taskReferenceName": f"jq{g}",
                "type": "JSON_JQ_TRANSFORM",
                "inputParameters": {
                    "in": f"${{js{g}.output.result}}",
                    "queryExpression": "{x: (.in.x * 2), n: (.in.tags | length)}",
                },
            },
            {
                "name": "remember",
                "taskReferenceName": f"var{g}",
                "type": "SET_VARIABLE",
                "inputParameters": {f"x{g}": f"${{jq{g}.output.result.x}}"},
            },
        ]
        source = f"${{jq{g}.output.result.x}}"
    return {
        "name": WORKFLOW,
        "version": 1,
        "schemaVersion": 2,
        "tasks": tasks,
        "outputParameters": {"x": source},
    }


def expected_output(x: int, groups: int) -> int:
    for _ in range(groups):
        x = (x + 1) * 2
    return x


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(api_url: str, workflows: int, groups: int, clients: int, timeout_s: float) -> dict[str, Any]:
    local = threading.local()

    def client() -> httpx.Client:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=api_url, timeout=60)
        return local.client  # type: ignore[no-any-return]

    starts: dict[str, tuple[float, int]] = {}
    lock = threading.Lock()

    def start(i: int) -> None:
        t0 = time.time() * 1000
        response = client().post(f"/workflow/{WORKFLOW}", json={"x": i})
        response.raise_for_status()
        with lock:
            starts[response.text.strip('"')] = (t0, i)

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(start, range(workflows)))

    done: dict[str, dict[str, Any]] = {}
    pending = set(starts)
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=api_url, timeout=60) as api:
        while pending and time.monotonic() < deadline:
            for workflow_id in list(pending):
                wf = api.get(f"/workflow/{workflow_id}", params={"includeTasks": "false"}).json()
                if wf["status"] in ("COMPLETED", "FAILED", "TERMINATED", "TIMED_OUT"):
                    done[workflow_id] = wf
                    pending.discard(workflow_id)
                else:
                    break  # still running: check again later instead of scanning the rest
            if pending:
                time.sleep(0.05)

    completed = {wid: wf for wid, wf in done.items() if wf["status"] == "COMPLETED"}
    wrong = [
        wid
        for wid, wf in completed.items()
        if wf["output"].get("x") != expected_output(starts[wid][1], groups)
    ]
    latencies = [float(wf["endTime"]) - starts[wid][0] for wid, wf in completed.items()]
    first = min(t for t, _ in starts.values())
    last = max((float(wf["endTime"]) for wf in completed.values()), default=first)
    wall_s = max((last - first) / 1000, 1e-9)
    tasks = groups * TASKS_PER_GROUP
    return {
        "bench": "systasks",
        "workflows": workflows,
        "completed": len(completed),
        "failed": len(done) - len(completed),
        "unfinished": len(pending),
        "wrong_output": len(wrong),
        "system_tasks_per_workflow": tasks,
        "wall_s": round(wall_s, 3),
        "workflows_per_s": round(len(completed) / wall_s, 1),
        "system_tasks_per_s": round(len(completed) * tasks / wall_s, 1),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workflows", type=int, default=1000, help="workflows started concurrently (N)")
    parser.add_argument(
        "--groups", type=int, default=2, help="INLINE+JQ+SET_VARIABLE groups per workflow (G)"
    )
    parser.add_argument("--clients", type=int, default=16, help="client threads starting workflows (C)")
    parser.add_argument("--db", default=None, help="database URL (default: a temp SQLite file)")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pyconductor-systask-bench-") as tmp:
        db_url = args.db or f"sqlite:///{tmp}/bench.db"
        port = free_port()
        server = start_server(db_url, port, Path(tmp) / "server.log")
        try:
            api_url = f"http://127.0.0.1:{port}/api"
            with httpx.Client(base_url=api_url, timeout=60) as api:
                api.post(
                    "/metadata/workflow", params={"overwrite": "true"}, json=definition(args.groups)
                ).raise_for_status()
                # Warm up: JS contexts, jq workers, connections.
                warm = api.post(
                    f"/workflow/execute/{WORKFLOW}/1", params={"waitForSeconds": 30}, json={"input": {"x": 0}}
                )
                warm.raise_for_status()
                if warm.json().get("status") != "COMPLETED":
                    raise RuntimeError(f"warm-up workflow did not complete: {warm.text[:2000]}")
            result = run(api_url, args.workflows, args.groups, args.clients, args.timeout)
            result.update({"clients": args.clients, "db": db_url.split(":", 1)[0], "cpus": os.cpu_count()})
            print(json.dumps(result), flush=True)
            return 0 if result["completed"] == args.workflows and not result["wrong_output"] else 1
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)


if __name__ == "__main__":
    raise SystemExit(main())
