"""Throughput and latency of workflows of K sequential SIMPLE tasks run by our SDK's workers.

    python bench/workflow_bench.py                     # burst 1000 + serial 100, 2 worker processes
    python bench/workflow_bench.py --mode serial --serial 200
    python bench/workflow_bench.py --db postgresql://user:pw@127.0.0.1:5432/db --servers 2

Starts `pyconductor server` process(es) on free 127.0.0.1 ports (a temp SQLite file unless --db
is given), M worker processes of our SDK (TaskHandler, long-poll + update-v2), then:
  burst  - starts W workflows at once and waits for all (throughput; latency includes queueing)
  serial - one workflow at a time (unloaded start-to-completion latency)
and prints one JSON line per mode: workflows/s, tasks/s, p50/p99 latency in ms.
Latency = client start call -> workflow endTime stamped by the server (same machine clock).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "pyconductor"
    prefix = os.environ.get("PYCONDUCTOR_BENCH_SERVER_CMD")  # e.g. a profiler wrapping the server
    cmd = [
        *(prefix.split() if prefix else [str(exe)]),
        "server",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--db",
        db_url,
        "--log-level",
        "WARNING",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_healthy(proc, port, 30, lambda: proc.stderr.read().decode() if proc.stderr else "")
    return proc


def wait_healthy(
    proc: subprocess.Popen[bytes], port: int, timeout_s: float, output: Callable[[], str]
) -> None:
    """Wait until the server answers /health 200; `output()` tells why when it exits first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"server exited:\n{output()}")
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError("server did not become healthy")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def register(api: httpx.Client, steps: int) -> None:
    api.post(
        "/metadata/taskdefs",
        json=[{"name": "bench_inc", "retryCount": 1, "retryDelaySeconds": 0, "responseTimeoutSeconds": 30}],
    ).raise_for_status()
    tasks = []
    for i in range(steps):
        source = "${workflow.input.x}" if i == 0 else f"${{s{i - 1}.output.x}}"
        tasks.append({"name": "bench_inc", "taskReferenceName": f"s{i}", "inputParameters": {"x": source}})
    wf = {
        "name": "bench_chain",
        "version": 1,
        "tasks": tasks,
        "outputParameters": {"x": f"${{s{steps - 1}.output.x}}"},
    }
    api.post("/metadata/workflow", params={"overwrite": "true"}, json=wf).raise_for_status()


def burst(apis: list[httpx.Client], count: int, steps: int, timeout_s: float) -> dict[str, object]:
    starts: dict[str, float] = {}
    # A correlation id of its own tells this run's workflows from earlier ones on the database.
    run_id = f"burst-{time.time_ns()}"

    def start(i: int) -> None:
        api = apis[i % len(apis)]
        t0 = time.time() * 1000
        wid = api.post("/workflow/bench_chain", params={"correlationId": run_id}, json={"x": i}).text
        starts[wid] = t0

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(start, range(count)))
    api = apis[0]
    deadline = time.time() + timeout_s
    done: dict[str, dict[str, object]] = {}
    while time.time() < deadline:
        page = api.get(
            "/workflow/search-v2",
            params={
                "query": f"correlationId = {run_id} AND status IN (COMPLETED,FAILED,TERMINATED,TIMED_OUT)",
                "size": 5000,
                "start": 0,
            },
        ).json()
        if page["totalHits"] >= len(starts):
            for wf in page["results"]:
                done[wf["workflowId"]] = wf
            break
        time.sleep(0.25)
    return summarize("burst", starts, done, steps)


def serial(apis: list[httpx.Client], count: int, steps: int) -> dict[str, object]:
    starts: dict[str, float] = {}
    done: dict[str, dict[str, object]] = {}
    for i in range(count):
        api = apis[i % len(apis)]
        t0 = time.time() * 1000
        run = api.post(
            "/workflow/execute/bench_chain/1", params={"waitForSeconds": 10}, json={"input": {"x": i}}
        ).json()
        wid = run["workflowId"]
        starts[wid] = t0
        if run["status"] != "COMPLETED":  # execute answered early (timeout): read the end state
            run = api.get(f"/workflow/{wid}", params={"includeTasks": "false"}).json()
        done[wid] = {
            "status": run["status"],
            "endTime": run.get("updateTime") if run["status"] == "COMPLETED" else 0,
        }
    return summarize("serial", starts, done, steps)


def summarize(
    mode: str, starts: dict[str, float], done: dict[str, dict[str, object]], steps: int
) -> dict[str, object]:
    completed = [w for wid, w in done.items() if w.get("status") == "COMPLETED" and wid in starts]
    latencies = [
        float(w["endTime"]) - starts[wid]
        for wid, w in done.items()
        if wid in starts and w.get("status") == "COMPLETED"
    ]  # type: ignore[arg-type]
    first = min(starts.values()) if starts else 0.0
    last = max((float(w["endTime"]) for w in completed), default=first)  # type: ignore[arg-type]
    wall_s = max((last - first) / 1000, 1e-9)
    return {
        "mode": mode,
        "workflows": len(starts),
        "completed": len(completed),
        "steps": steps,
        "wall_s": round(wall_s, 3),
        "workflows_per_s": round(len(completed) / wall_s, 1),
        "tasks_per_s": round(len(completed) * steps / wall_s, 1),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=["burst", "serial", "both"], default="both")
    parser.add_argument("--workflows", type=int, default=1000, help="burst size W")
    parser.add_argument("--serial", type=int, default=100, help="serial workflows")
    parser.add_argument("--steps", type=int, default=5, help="sequential SIMPLE tasks per workflow")
    parser.add_argument("--workers", type=int, default=2, help="worker processes M")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker process")
    parser.add_argument("--servers", type=int, default=1, help="server processes (needs a shared --db)")
    parser.add_argument("--db", default=None, help="database URL (default: a temp SQLite file)")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument(
        "--sdk-python",
        default=None,
        help="run the workers with this Python's `conductor` SDK (e.g. a venv with the official conductor-python)",
    )
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="pyconductor-bench-")
    db_url = args.db or f"sqlite:///{tmp.name}/bench.db"
    ports = [free_port() for _ in range(args.servers)]
    servers = []
    handler = None
    try:
        for port in ports:
            servers.append(start_server(db_url, port))
        apis = [httpx.Client(base_url=f"http://127.0.0.1:{p}/api", timeout=60) for p in ports]
        register(apis[0], args.steps)

        os.environ["PYTHONPATH"] = os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])
        import bench_workers

        from conductor.client.automator.task_handler import TaskHandler
        from conductor.client.configuration.configuration import Configuration
        from conductor.client.worker.worker import Worker

        workers = []
        for i in range(args.workers):
            port = ports[i % len(ports)]
            workers.append(Worker("bench_inc", bench_workers.inc, thread_count=args.threads))
        # Each worker process talks to one server (round-robin when there are several).
        handler = TaskHandler(
            workers=workers,
            configuration=Configuration(server_api_url=f"http://127.0.0.1:{ports[0]}/api"),
            scan_for_annotated_workers=False,
        )
        if len(ports) > 1:
            handler = MultiHandler(workers, ports)
        if args.sdk_python:
            handler = ExternalWorkers(
                args.sdk_python, f"http://127.0.0.1:{ports[0]}/api", args.workers, args.threads
            )
        handler.start_processes()
        # Warm up: one workflow end to end.
        apis[0].post(
            "/workflow/execute/bench_chain/1", params={"waitForSeconds": 30}, json={"input": {"x": 0}}
        )
        results = []
        if args.mode in ("serial", "both"):
            results.append(serial(apis, args.serial, args.steps))
        if args.mode in ("burst", "both"):
            results.append(burst(apis, args.workflows, args.steps, args.timeout))
        for result in results:
            result.update(
                {
                    "workers": args.workers,
                    "threads": args.threads,
                    "servers": args.servers,
                    "db": db_url.split(":", 1)[0],
                    "cpus": os.cpu_count(),
                }
            )
            print(json.dumps(result), flush=True)
        return 0
    finally:
        if handler is not None:
            handler.stop_processes()
        for proc in servers:
            proc.terminate()
        for proc in servers:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        tmp.cleanup()


class ExternalWorkers:
    """The workers in another Python (another SDK), through bench/run_workers.py."""

    def __init__(self, python: str, url: str, workers: int, threads: int) -> None:
        self.cmd = [
            python,
            str(HERE / "run_workers.py"),
            "--url",
            url,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
        ]
        self.proc: subprocess.Popen[bytes] | None = None

    def start_processes(self) -> None:
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert self.proc.stdout is not None
        self.proc.stdout.readline()  # "workers started"

    def stop_processes(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class MultiHandler:
    """One TaskHandler per server, so worker processes spread over every server."""

    def __init__(self, workers: list[object], ports: list[int]) -> None:
        from conductor.client.automator.task_handler import TaskHandler
        from conductor.client.configuration.configuration import Configuration

        self.handlers = [
            TaskHandler(
                workers=[w for i, w in enumerate(workers) if i % len(ports) == n],  # type: ignore[misc]
                configuration=Configuration(server_api_url=f"http://127.0.0.1:{port}/api"),
                scan_for_annotated_workers=False,
            )
            for n, port in enumerate(ports)
        ]

    def start_processes(self) -> None:
        for h in self.handlers:
            h.start_processes()

    def stop_processes(self) -> None:
        for h in self.handlers:
            h.stop_processes()


if __name__ == "__main__":
    raise SystemExit(main())
