"""Async workers at scale: N tasks that each wait S seconds, one worker process.

    python bench/async_workers_bench.py                        # 1000 tasks x 1 s; async vs 100 / 1000 threads
    python bench/async_workers_bench.py --tasks 200 --sleep 0.5 --threads 50
    python bench/async_workers_bench.py --json                 # one JSON line per row instead of the table

Starts `pyconductor server` on a free 127.0.0.1 port (a temp SQLite file). For each row it
registers a one-task workflow, starts N workflows (all N tasks queued), then starts ONE worker
process (TaskHandler) and measures until every workflow has ended:

  async        `async def` worker awaiting `asyncio.sleep(S)`, `thread_count` = N (tasks in flight)
  threads=T    the same as a plain function calling `time.sleep(S)`, `thread_count` = T

wall_s is from the worker process being ready to the last task's endTime (stamped by the server);
cpu_s is the worker process's user + system CPU over that interval; rss_mb its peak resident
memory (VmHWM), threads its OS thread count at the end. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from workflow_bench import free_port, start_server

TASK_PREFIX = "bench_async_sleep"


async def async_sleep(seconds: float) -> dict[str, Any]:
    await asyncio.sleep(seconds)
    return {"slept": seconds}


def sync_sleep(seconds: float) -> dict[str, Any]:
    time.sleep(seconds)
    return {"slept": seconds}


def register(api: httpx.Client, name: str) -> None:
    response = api.post("/metadata/taskdefs", json=[{"name": name, "retryCount": 0}])
    assert response.status_code in (200, 204), response.text
    definition = {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "tasks": [
            {
                "name": name,
                "taskReferenceName": "sleep",
                "type": "SIMPLE",
                "inputParameters": {"seconds": "${workflow.input.seconds}"},
            }
        ],
    }
    response = api.post("/metadata/workflow", params={"overwrite": "true"}, json=definition)
    assert response.status_code in (200, 204), response.text


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def proc_status(pid: int) -> dict[str, str]:
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return {key: value.strip() for key, _, value in (line.partition(":") for line in lines)}


def ended(api: httpx.Client, run_id: str, size: int) -> dict[str, Any]:
    response = api.get(
        "/workflow/search",
        params={
            "query": f"correlationId = {run_id} AND status IN (COMPLETED,FAILED,TERMINATED,TIMED_OUT)",
            "size": size,
            "start": 0,
        },
    )
    response.raise_for_status()
    page: dict[str, Any] = response.json()
    return page


def run_row(
    api: httpx.Client, url: str, label: str, worker: Any, tasks: int, sleep: float, timeout: float
) -> dict[str, Any]:
    from conductor.client.automator.task_handler import TaskHandler
    from conductor.client.configuration.configuration import Configuration

    name = worker.get_task_definition_name()
    register(api, name)
    run_id = f"{label}-{time.time_ns()}"

    def start(_: int) -> None:
        response = api.post(f"/workflow/{name}", params={"correlationId": run_id}, json={"seconds": sleep})
        assert response.status_code == 200, response.text

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(start, range(tasks)))
    handler = TaskHandler(
        workers=[worker], configuration=Configuration(server_api_url=url), scan_for_annotated_workers=False
    )
    handler.start_processes()
    try:
        t0 = time.time()
        (process,) = handler.task_runner_processes
        assert process.pid is not None
        pid = process.pid
        cpu0 = proc_cpu_seconds(pid)
        deadline = time.monotonic() + timeout
        while ended(api, run_id, 1)["totalHits"] < tasks:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{label}: not every workflow ended within {timeout} s")
            time.sleep(0.1)
        cpu = proc_cpu_seconds(pid) - cpu0
        status = proc_status(pid)
    finally:
        handler.stop_processes()
    results = ended(api, run_id, tasks)["results"]
    completed = [w for w in results if w["status"] == "COMPLETED"]

    def task_times(workflow_id: str) -> tuple[float, float]:
        (task,) = api.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"}).json()["tasks"]
        return task["startTime"] / 1000 - t0, task["endTime"] / 1000 - t0

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        times = list(pool.map(task_times, [w["workflowId"] for w in results]))
    claims = sorted(start for start, _ in times)
    ends = sorted(end for _, end in times)
    wall = ends[-1]
    return {
        "mode": label,
        "tasks": tasks,
        "completed": len(completed),
        "sleep_s": sleep,
        "concurrency": worker.thread_count,
        "wall_s": round(wall, 3),
        "tasks_per_s": round(len(completed) / wall, 1),
        "cpu_s": round(cpu, 3),
        "rss_mb": round(int(status["VmHWM"].split()[0]) / 1024, 1),
        "threads": int(status["Threads"]),
        # Phases, in seconds from the worker being ready: tasks handed out (polls), reported.
        "claimed_s": [round(claims[0], 3), round(claims[-1], 3)],
        "ended_s": [round(ends[0], 3), round(ends[-1], 3)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=1000, help="tasks N (one workflow each)")
    parser.add_argument("--sleep", type=float, default=1.0, help="seconds each task waits S")
    parser.add_argument(
        "--threads", default="100,1000", help="comma-separated thread counts of the sync rows ('' for none)"
    )
    parser.add_argument("--no-async", action="store_true", help="skip the async row")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", action="store_true", help="print one JSON line per row")
    args = parser.parse_args()

    from conductor.client.worker.worker import Worker

    rows: list[tuple[str, Worker]] = []
    if not args.no_async:
        rows.append(("async", Worker(f"{TASK_PREFIX}_async", async_sleep, thread_count=args.tasks)))
    for threads in [int(t) for t in args.threads.split(",") if t.strip()]:
        worker = Worker(f"{TASK_PREFIX}_threads{threads}", sync_sleep, thread_count=threads)
        rows.append((f"threads={threads}", worker))

    tmp = tempfile.TemporaryDirectory(prefix="pyconductor-async-bench-")
    port = free_port()
    server = start_server(f"sqlite:///{tmp.name}/bench.db", port)
    results = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}/api", timeout=60) as api:
            for label, worker in rows:
                result = run_row(
                    api, f"http://127.0.0.1:{port}/api", label, worker, args.tasks, args.sleep, args.timeout
                )
                results.append(result)
                if args.json:
                    print(json.dumps(result), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        tmp.cleanup()
    if not args.json:
        print_table(results)
    return 0


def print_table(results: list[dict[str, Any]]) -> None:
    columns = [
        "mode",
        "tasks",
        "completed",
        "concurrency",
        "wall_s",
        "tasks_per_s",
        "cpu_s",
        "rss_mb",
        "threads",
        "claimed_s",
        "ended_s",
    ]
    widths = [max(len(c), *(len(str(r[c])) for r in results)) for c in columns]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in results:
        print("  ".join(str(row[c]).ljust(w) for c, w in zip(columns, widths, strict=True)))
    load = os.getloadavg()
    print(
        f"(sleep {results[0]['sleep_s'] if results else '-'} s per task; load average {load[0]:.2f}; {os.cpu_count()} cpus)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
