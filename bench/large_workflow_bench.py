"""Cost per task of LARGE workflows: must not grow with the number of tasks in the workflow.

    python bench/large_workflow_bench.py                          # fanout 200 and 1000
    python bench/large_workflow_bench.py --shape fanout --sizes 1000,10000
    python bench/large_workflow_bench.py --shape dowhile --sizes 500,5000 --keep-last-n 10
    python bench/large_workflow_bench.py --shape sequential --sizes 200,2000
    python bench/large_workflow_bench.py --shape fanout --sizes 10000 --fairness

Shapes (every task a trivial SIMPLE task run by our SDK's workers):
  fanout      FORK_JOIN_DYNAMIC of N branches (forkTaskName + forkTaskInputs), then its JOIN
  dowhile     DO_WHILE of N iterations with one SIMPLE task per iteration (--keep-last-n: keepLastN)
  sequential  N SIMPLE tasks one after the other

Starts `pyconductor server` on a free 127.0.0.1 port (temp SQLite file unless --db), one worker
process of our SDK (TaskHandler, batch long-poll + update-v2) with --threads threads, runs each
size once and prints one JSON line per size: wall seconds, ms per task, tasks/s in the last 10%
of the run, the server's peak RSS (sampled from /proc) and, with --fairness, the p50 of a serial
5-step workflow measured on an idle server and again while the large workflow runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from workflow_bench import free_port, start_server  # noqa: E402

TASK = "bench_large"


def register(api: httpx.Client, shape: str, size: int, keep_last_n: int) -> str:
    name = f"bench_large_{shape}"
    td = {"name": TASK, "retryCount": 0, "timeoutSeconds": 0, "responseTimeoutSeconds": 600}
    api.post("/metadata/taskdefs", json=[td]).raise_for_status()
    step = {"name": TASK, "taskReferenceName": "step", "type": "SIMPLE", "inputParameters": {}}
    if shape == "fanout":
        tasks = [
            {
                "name": "fork",
                "taskReferenceName": "fork",
                "type": "FORK_JOIN_DYNAMIC",
                "dynamicForkTasksParam": "dynamicTasks",
                "dynamicForkTasksInputParamName": "dynamicTasksInput",
                "inputParameters": {"forkTaskName": TASK, "forkTaskInputs": "${workflow.input.items}"},
            },
            {"name": "join", "taskReferenceName": "join", "type": "JOIN"},
        ]
    elif shape == "dowhile":
        loop: dict[str, object] = {
            "name": "loop",
            "taskReferenceName": "loop",
            "type": "DO_WHILE",
            "inputParameters": {"n": "${workflow.input.n}"},
            "loopCondition": "if ($.loop['iteration'] < $.n) { true; } else { false; }",
            "loopOver": [step],
        }
        if keep_last_n:
            loop["inputParameters"] = {"n": "${workflow.input.n}", "keepLastN": keep_last_n}
        tasks = [loop]
    else:
        tasks = [{**step, "taskReferenceName": f"s{i}"} for i in range(size)]
        name = f"{name}_{size}"
    wf = {"name": name, "version": 1, "tasks": tasks, "schemaVersion": 2, "ownerEmail": "bench@example.com"}
    api.put("/metadata/workflow", json=[wf]).raise_for_status()
    return name


def register_chain(api: httpx.Client) -> None:
    api.post(
        "/metadata/taskdefs", json=[{"name": "bench_inc", "retryCount": 0, "responseTimeoutSeconds": 60}]
    ).raise_for_status()
    # Each step adds one to the previous step's x, as in the peers' workload.
    tasks = [
        {
            "name": "bench_inc",
            "taskReferenceName": f"c{i}",
            "type": "SIMPLE",
            "inputParameters": {"x": "${workflow.input.x}" if i == 0 else f"${{c{i - 1}.output.x}}"},
        }
        for i in range(5)
    ]
    wf = {
        "name": "bench_chain5",
        "version": 1,
        "tasks": tasks,
        "outputParameters": {"x": "${c4.output.x}"},
        "schemaVersion": 2,
        "ownerEmail": "b@example.com",
    }
    api.put("/metadata/workflow", json=[wf]).raise_for_status()


def serial_p50(api: httpx.Client, count: int, stop: threading.Event | None = None) -> float:
    times = []
    for _ in range(count):
        if stop is not None and stop.is_set():
            break
        t0 = time.time()
        r = api.post(
            "/workflow/execute/bench_chain5/1", params={"waitForSeconds": 60}, json={"input": {"x": 0}}
        )
        r.raise_for_status()
        run = r.json()
        # A chain that failed or did not finish would time something else than five steps.
        if run.get("status") != "COMPLETED" or run.get("output", {}).get("x") != 5:
            raise RuntimeError(f"the 5-step chain did not complete: {run.get('status')} {run.get('output')}")
        end = run.get("endTime") or 0
        times.append((end / 1000 if end else time.time()) - t0)
    return statistics.median(times) * 1000 if times else 0.0


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc, 0 when unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_one(
    api: httpx.Client,
    server_pid: int,
    shape: str,
    size: int,
    keep_last_n: int,
    timeout: float,
    fairness: bool,
) -> dict[str, object]:
    name = register(api, shape, size, keep_last_n)
    body: dict[str, object] = {"items": [{"i": i} for i in range(size)]} if shape == "fanout" else {"n": size}
    peak = [rss_mb(server_pid)]
    done_times: list[float] = []
    cpu0 = cpu_seconds(server_pid)
    t0 = time.time()
    wid = api.post(f"/workflow/{name}", json=body).text
    fair: list[float] = []
    stop = threading.Event()
    prober = None
    if fairness:
        # Chains one after another until the large workflow ends (at most 5,000).
        prober = threading.Thread(target=lambda: fair.append(serial_p50(api, 5000, stop)), daemon=True)
        prober.start()
    status = "RUNNING"
    last_count = 0
    while time.time() - t0 < timeout:
        peak.append(rss_mb(server_pid))
        status = api.get(f"/workflow/{wid}/status").json()["status"]
        if status != "RUNNING":
            break
        count = api.get("/tasks/queue/sizes", params={"taskType": TASK}).json().get(TASK, 0)
        done_times.append(time.time())
        last_count = count
        time.sleep(0.05)
    wall = time.time() - t0
    server_cpu = cpu_seconds(server_pid) - cpu0
    # The server's own start and end times: the status polling above is coarser than a small run.
    timed = api.get(f"/workflow/{wid}", params={"includeTasks": "false"}).json()
    if timed.get("endTime") and timed.get("startTime"):
        wall = (timed["endTime"] - timed["startTime"]) / 1000
    stop.set()
    if prober is not None:
        prober.join(120)
    tasks_total = size + (2 if shape == "fanout" else 1 if shape == "dowhile" else 0)
    result: dict[str, object] = {
        "shape": shape,
        "size": size,
        "keepLastN": keep_last_n or None,
        "status": status,
        "wall_s": round(wall, 2),
        "ms_per_task": round(wall * 1000 / max(1, tasks_total), 2),
        # Less sensitive to other load on the machine than wall time (the fairness probe's
        # chain, when on, is included).
        "server_cpu_ms_per_task": round(server_cpu * 1000 / max(1, tasks_total), 2),
        "server_peak_rss_mb": round(max(peak), 1),
        "queued_at_end": last_count,
    }
    if fair:
        result["loaded_chain5_p50_ms"] = round(fair[0], 1)
    t1 = time.time()
    r = api.get(f"/workflow/{wid}", params={"includeTasks": "false"})
    result["get_without_tasks_ms"] = round((time.time() - t1) * 1000, 1)
    result["get_without_tasks_bytes"] = len(r.content)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shape", choices=["fanout", "dowhile", "sequential"], default="fanout")
    parser.add_argument("--sizes", default="200,1000", help="comma-separated N")
    parser.add_argument("--keep-last-n", type=int, default=0, help="DO_WHILE keepLastN (0: keep all)")
    parser.add_argument("--threads", type=int, default=8, help="worker threads")
    parser.add_argument("--db", default=None, help="database URL (default: a temp SQLite file)")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument(
        "--fairness", action="store_true", help="measure a 5-step chain's p50, idle and loaded"
    )
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="pyconductor-large-")
    db_url = args.db or f"sqlite:///{tmp.name}/bench.db"
    port = free_port()
    server = start_server(db_url, port)
    handler = None
    try:
        api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api", timeout=120)
        os.environ["PYTHONPATH"] = os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])
        import bench_workers

        from conductor.client.automator.task_handler import TaskHandler
        from conductor.client.configuration.configuration import Configuration
        from conductor.client.worker.worker import Worker

        workers = [Worker(TASK, bench_workers.touch, thread_count=args.threads)]
        idle_p50 = None
        if args.fairness:
            register_chain(api)
            workers.append(Worker("bench_inc", bench_workers.inc, thread_count=2))
        handler = TaskHandler(
            workers=workers,
            configuration=Configuration(server_api_url=f"http://127.0.0.1:{port}/api"),
            scan_for_annotated_workers=False,
        )
        handler.start_processes()
        if args.fairness:
            serial_p50(api, 5)
            idle_p50 = serial_p50(api, 50)
        for size in (int(s) for s in args.sizes.split(",") if s):
            result = run_one(api, server.pid, args.shape, size, args.keep_last_n, args.timeout, args.fairness)
            if idle_p50 is not None:
                result["idle_chain5_p50_ms"] = round(idle_p50, 1)
            result["cpus"] = os.cpu_count()
            print(json.dumps(result), flush=True)
        return 0
    finally:
        if handler is not None:
            handler.stop_processes()
        server.terminate()
        try:
            server.wait(10)
        except Exception:
            server.kill()
        tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
