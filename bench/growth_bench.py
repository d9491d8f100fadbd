"""Does the server stay fast as history piles up? Hot-path and search latency on a grown database.

    python bench/growth_bench.py                                   # 20,000 completed + 2,000 waiting
    python bench/growth_bench.py --completed 1000000 --waiting 100000
    python bench/growth_bench.py --db postgresql://user@127.0.0.1:5432/bench   # its tables are DROPPED
    python bench/growth_bench.py --completed 1000000 --waiting 100000 --fill-only --keep /tmp/grown.db
    python bench/growth_bench.py --reuse /tmp/grown.db     # measure a kept database (no fill)
    python bench/growth_bench.py --db postgresql://.../empty --reuse postgresql://.../grown

Runs the same measurements twice, each on a fresh `pyconductor server` process (127.0.0.1, free
port): first on an empty database, then on one filled with N completed workflows (3 COMPLETED
SIMPLE tasks each) and M RUNNING ones waiting the way real ones wait: half on a SIMPLE task nobody
polls (task row SCHEDULED, its message in the task queue), half in a WAIT task due tomorrow; each
with its `_deciderQueue` timer 1-2 h ahead (so the sweeper stays idle during the run, as it would
between deadlines).

The history is written in bulk through the store (`SqlTx.insert_workflow`, `upsert_tasks`,
`push`, so rows are exactly what the server writes), one transaction per `--batch` workflows;
their statements are collected and sent with `executemany` (one round trip per statement kind
on PostgreSQL instead of one per row).

Measured from a client on the same machine, serially:
- start (POST /api/workflow/{name}), poll (GET /api/tasks/poll/{type}) and update (POST
  /api/tasks) of a one-task workflow, `--iterations` times (p50/p90 ms);
- searches: status = RUNNING, workflow name + COMPLETED, search-v2, FAILED (no rows: the
  "where are the failures" search), COMPLETED or FAILED, free text, the UI's executions list and
  failures page, and GET /metrics (reads the running-workflow and queue-depth gauges);
- the server's startup time (process start to /health 200) and memory (VmRSS at the end and
  VmHWM, the peak, from /proc/<pid>/status).

Prints one JSON line per database ("empty", "grown"), then one with grown/empty p50 ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import httpx
from workflow_bench import free_port, wait_healthy

from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.ids import new_id
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.persistence.database import open_database
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.queue.names import DECIDER_QUEUE

NAMES = ("orders", "billing", "shipping", "emails", "reports")
IDLE_NAME, HOLD_NAME = "approvals", "cooling_off"
STEP_TYPE, IDLE_TYPE = "growth_step", "growth_idle"
PROBE_NAME, PROBE_TYPE = "growth_probe", "growth_probe_task"
HOUR_MS = 3_600_000


# ---- the fill ---------------------------------------------------------------------------------


class _Collecting:
    """A cursor stand-in for bulk loads: the store's statements are recorded, grouped by SQL,
    and sent with `executemany` at the end of the batch. Only for insert-only batches (no
    statement reads a result or depends on the order across tables)."""

    rowcount = 1

    def __init__(self) -> None:
        self.pending: dict[str, list[Sequence[Any]]] = {}

    def execute(self, sql: Any, params: Sequence[Any] = (), /) -> _Collecting:
        self.pending.setdefault(sql, []).append(params)
        return self

    def executemany(self, sql: Any, params: Iterable[Sequence[Any]], /) -> _Collecting:
        self.pending.setdefault(sql, []).extend(params)
        return self

    def fetchone(self) -> Any:
        raise NotImplementedError("bulk loads do not read")

    def fetchall(self) -> list[Any]:
        raise NotImplementedError("bulk loads do not read")


def _bulk(write: Callable[[SqlTx], None]) -> Callable[[SqlTx], None]:
    def job(tx: SqlTx) -> None:
        collecting = _Collecting()
        write(SqlTx(collecting, tx.dialect))
        for sql, rows in collecting.pending.items():
            tx.cur.executemany(sql, rows)

    return job


def _chain(name: str, steps: Sequence[tuple[str, str, str]]) -> WorkflowDef:
    return WorkflowDef(
        name=name,
        version=1,
        tasks=[
            WorkflowTask(
                name=task, task_reference_name=ref, type=kind, input_parameters={"x": "${workflow.input.x}"}
            )
            for ref, task, kind in steps
        ],
    )


DEFINITIONS = {
    **{name: _chain(name, [(f"s{i}", STEP_TYPE, "SIMPLE") for i in range(3)]) for name in NAMES},
    IDLE_NAME: _chain(IDLE_NAME, [("prep", STEP_TYPE, "SIMPLE"), ("review", IDLE_TYPE, "SIMPLE")]),
    HOLD_NAME: _chain(HOLD_NAME, [("prep", STEP_TYPE, "SIMPLE"), ("hold", "hold", "WAIT")]),
    PROBE_NAME: _chain(PROBE_NAME, [("probe", PROBE_TYPE, "SIMPLE")]),
}


def _open(url: str) -> Any:
    """Both backends have `run_sync` (the `Database` protocol, made for the event loop, does not)."""
    return open_database(url)


def register(url: str) -> None:
    db = _open(url)

    def job(tx: SqlTx) -> None:
        for name in (STEP_TYPE, IDLE_TYPE, PROBE_TYPE):
            tx.upsert_task_def(TaskDef(name=name, retry_count=0, response_timeout_seconds=3600))
        for definition in DEFINITIONS.values():
            tx.upsert_workflow_def(definition)

    db.run_sync(job)
    db.close()


def _task(wf: Workflow, seq: int, status: TaskStatus, at: int, **extra: Any) -> Task:
    wt = wf.workflow_definition.tasks[seq - 1]
    done = status is TaskStatus.COMPLETED
    return Task(
        task_id=new_id(),
        task_type=wt.type if wt.type != "SIMPLE" else wt.name,
        reference_task_name=wt.task_reference_name,
        task_def_name=wt.name,
        workflow_instance_id=wf.workflow_id,
        workflow_type=wf.workflow_name,
        correlation_id=wf.correlation_id,
        status=status,
        seq=seq,
        scheduled_time=at,
        start_time=at + 3 if status is not TaskStatus.SCHEDULED else 0,
        end_time=at + 40 if done else 0,
        update_time=at + 40 if done else at,
        input_data={"x": wf.input["x"]},
        output_data={"x": wf.input["x"] + seq} if done else {},
        workflow_task=wt,
        **extra,
    )


def _workflow(i: int, name: str, status: WorkflowStatus, created: int) -> Workflow:
    return Workflow(
        workflow_id=new_id(),
        workflow_definition=DEFINITIONS[name],
        workflow_name=name,
        workflow_version=1,
        status=status,
        create_time=created,
        start_time=created,
        update_time=created + 150,
        end_time=created + 150 if status.is_terminal else 0,
        input={"x": i, "customer": f"c-{i % 9973}"},
        output={"x": i + 3} if status.is_terminal else {},
        correlation_id=f"order-{i}",
    )


def fill(url: str, completed: int, waiting: int, batch: int) -> None:
    """N completed and M waiting workflows, one transaction per `batch` workflows."""
    db = _open(url)
    now = int(time.time() * 1000)
    # Completed history spread over the last 30 days, waiting ones over the last day.
    history_start, waiting_start = now - 30 * 24 * HOUR_MS, now - 24 * HOUR_MS

    def completed_batch(first: int, count: int) -> Callable[[SqlTx], None]:
        def write(tx: SqlTx) -> None:
            tasks: list[Task] = []
            for i in range(first, first + count):
                created = history_start + (i * 30 * 24 * HOUR_MS) // max(completed, 1)
                wf = _workflow(i, NAMES[i % len(NAMES)], WorkflowStatus.COMPLETED, created)
                tx.insert_workflow(wf)
                tasks += [_task(wf, seq, TaskStatus.COMPLETED, created + seq * 50) for seq in (1, 2, 3)]
            tx.upsert_tasks(tasks)

        return write

    def waiting_batch(first: int, count: int) -> Callable[[SqlTx], None]:
        def write(tx: SqlTx) -> None:
            tasks: list[Task] = []
            for i in range(first, first + count):
                created = waiting_start + (i * 24 * HOUR_MS) // max(waiting, 1)
                idle = i % 2 == 0
                wf = _workflow(i, IDLE_NAME if idle else HOLD_NAME, WorkflowStatus.RUNNING, created)
                tx.insert_workflow(wf)
                tasks.append(_task(wf, 1, TaskStatus.COMPLETED, created))
                if idle:
                    second = _task(wf, 2, TaskStatus.SCHEDULED, created + 60)
                    tx.push(IDLE_TYPE, second.task_id, 0, second.scheduled_time, now)
                else:
                    second = _task(
                        wf, 2, TaskStatus.IN_PROGRESS, created + 60, wait_timeout=now + 24 * HOUR_MS
                    )
                tasks.append(second)
                # The workflow's timer: its next check, 1-2 h ahead (an idle recheck).
                tx.push(
                    DECIDER_QUEUE, wf.workflow_id, 0, now + HOUR_MS + (i * HOUR_MS) // max(waiting, 1), now
                )
            tx.upsert_tasks(tasks)

        return write

    for total, make in ((completed, completed_batch), (waiting, waiting_batch)):
        for first in range(0, total, batch):
            db.run_sync(_bulk(make(first, min(batch, total - first))))
    if url.startswith("postgres"):
        db.run_sync(lambda tx: tx._exec("ANALYZE"))
    db.close()


# ---- the measurements -------------------------------------------------------------------------


# `pyconductor` without the CLI's first-run check of the SQLite file (`PRAGMA quick_check`
# reads the whole file: minutes on a 14 GB database), for repeated runs on one kept database.
_NO_FILE_CHECK = """import sys
from conductor.server import cli, preflight
preflight.check_sqlite_file = lambda path: None
sys.exit(cli.main())
"""


def start_server(
    db_url: str, port: int, log_path: Path, file_check: bool = True
) -> tuple[subprocess.Popen[bytes], float]:
    """A server process and the seconds it took to answer /health."""
    exe = [str(Path(sys.executable).parent / "pyconductor")]
    if not file_check:
        launcher = log_path.parent / "no_file_check.py"
        launcher.write_text(_NO_FILE_CHECK)
        exe = [sys.executable, str(launcher)]
    prefix = os.environ.get("PYCONDUCTOR_BENCH_SERVER_CMD")  # e.g. a profiler wrapping the server
    cmd = [*(prefix.split() if prefix else exe), "server", "--host", "127.0.0.1", "--port", str(port)]
    began = time.perf_counter()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [*cmd, "--db", db_url, "--log-level", "WARNING"], stdout=log, stderr=subprocess.STDOUT
        )
    # A large SQLite file takes minutes: the CLI checks it (PRAGMA quick_check) before serving.
    wait_healthy(proc, port, 1800, lambda: log_path.read_text(errors="replace"))
    return proc, time.perf_counter() - began


def _memory_mb(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p90_ms": round(ordered[max(int(len(ordered) * 0.9) - 1, 0)], 2),
    }


def _timed(call: Callable[..., httpx.Response], *args: Any, **kwargs: Any) -> tuple[float, httpx.Response]:
    began = time.perf_counter()
    response = call(*args, **kwargs)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, (response.request.url, response.status_code, response.text[:300])
    return elapsed, response


def hot_path(client: httpx.Client, iterations: int, warmup: int) -> dict[str, dict[str, float]]:
    """start -> poll -> update of a one-task workflow, one at a time."""
    samples: dict[str, list[float]] = {"start": [], "poll": [], "update": []}
    for i in range(warmup + iterations):
        t_start, r = _timed(client.post, f"/api/workflow/{PROBE_NAME}", json={"x": i})
        workflow_id = r.text
        t_poll, r = _timed(client.get, f"/api/tasks/poll/{PROBE_TYPE}", params={"workerid": "bench"})
        task = r.json()
        assert task["workflowInstanceId"] == workflow_id, task
        result = {
            "workflowInstanceId": workflow_id,
            "taskId": task["taskId"],
            "status": "COMPLETED",
            "outputData": {"x": i + 1},
        }
        t_update, _ = _timed(client.post, "/api/tasks", json=result)
        if i >= warmup:
            samples["start"].append(t_start)
            samples["poll"].append(t_poll)
            samples["update"].append(t_update)
    return {key: _stats(values) for key, values in samples.items()}


SEARCHES: dict[str, tuple[str, dict[str, Any]]] = {
    "search_running": ("/api/workflow/search", {"query": "status IN (RUNNING)", "size": 100}),
    "search_name_completed": (
        "/api/workflow/search",
        {"query": f"workflowType IN ({NAMES[0]}) AND status IN (COMPLETED)", "size": 100},
    ),
    "search_v2_running": ("/api/workflow/search-v2", {"query": "status IN (RUNNING)", "size": 100}),
    # A status with no (or few) rows: the common "show me the failures" search.
    "search_failed": ("/api/workflow/search", {"query": "status IN (FAILED)", "size": 100}),
    "search_multi_status": ("/api/workflow/search", {"query": "status IN (COMPLETED,FAILED)", "size": 100}),
    "search_free_text": ("/api/workflow/search", {"freeText": "order-77", "size": 100}),
    "ui_executions": ("/executions", {"refresh": "0"}),
    "ui_executions_filtered": (
        "/executions",
        {"status": "COMPLETED", "workflowType": NAMES[1], "refresh": "0"},
    ),
    "ui_failures": ("/failures", {}),
    "metrics": ("/metrics", {}),
}


def searches(client: httpx.Client, repeat: int) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for key, (path, params) in SEARCHES.items():
        samples, hits = [], None
        client.get(path, params=params)  # warm-up: templates compiled, pages cached by the OS
        for _ in range(repeat):
            elapsed, response = _timed(client.get, path, params=params)
            samples.append(elapsed)
            if path.startswith("/api/"):
                hits = response.json()["totalHits"]
        found[key] = {**_stats(samples), **({"total_hits": hits} if hits is not None else {})}
    return found


def measure(
    label: str, db_url: str, work: Path, args: argparse.Namespace, stored: dict[str, int]
) -> dict[str, Any]:
    port = free_port()
    proc, startup_s = start_server(db_url, port, work / f"server-{label}.log", not args.skip_file_check)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as client:
            result: dict[str, Any] = {
                "db": label,
                "backend": "postgresql" if db_url.startswith("postgres") else "sqlite",
                **stored,
                "startup_s": round(startup_s, 2),
                "rss_after_start_mb": _memory_mb(proc.pid)["rss_mb"],
            }
            result.update(hot_path(client, args.iterations, args.warmup))
            result.update(searches(client, args.search_repeat))
            result.update(_memory_mb(proc.pid))
    finally:
        proc.terminate()
        proc.wait(30)
    return result


def _postgres_reset(url: str) -> None:
    """Drop every table the server created, so `--db postgresql://` starts from empty."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--completed", type=int, default=20_000)
    parser.add_argument("--waiting", type=int, default=2_000)
    parser.add_argument("--batch", type=int, default=5_000, help="workflows per fill transaction")
    parser.add_argument("--iterations", type=int, default=300, help="start/poll/update rounds measured")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--search-repeat", type=int, default=10)
    parser.add_argument(
        "--db", help="postgresql://... for the empty run, then filled for the grown one (tables DROPPED)"
    )
    parser.add_argument("--skip-empty", action="store_true", help="measure the grown database only")
    parser.add_argument("--keep", help="SQLite: keep the grown database at this path")
    parser.add_argument(
        "--reuse", help="measure this already grown database, no fill: a SQLite path or a postgresql:// URL"
    )
    parser.add_argument(
        "--skip-file-check",
        action="store_true",
        help="start the server without the CLI's PRAGMA quick_check of the SQLite file (startup_s then excludes it)",
    )
    parser.add_argument(
        "--fill-only", action="store_true", help="fill (into --keep, or --db) and exit without measuring"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lines: list[dict[str, Any]] = []
        stored = {"completed_stored": args.completed, "waiting_stored": args.waiting}
        for label in ("empty", "grown"):
            if label == "empty" and (args.skip_empty or args.fill_only):
                continue
            reuse = label == "grown" and args.reuse
            if reuse:
                url = args.reuse if "://" in args.reuse else f"sqlite:///{args.reuse}"
            elif args.db:
                url = args.db
                _postgres_reset(url)
            else:
                url = f"sqlite:///{work / (label + '.db')}"
            counts = {"completed_stored": 0, "waiting_stored": 0} if label == "empty" else stored
            if not reuse:
                register(url)
                if label == "grown":
                    began = time.perf_counter()
                    # The fill's own connection may skip fsync; the server reopens with its default.
                    sqlite = url.startswith("sqlite")
                    fill(
                        url + "?synchronous=OFF" if sqlite else url, args.completed, args.waiting, args.batch
                    )
                    counts = {**counts, "fill_s": round(time.perf_counter() - began, 1)}
                    print(f"filled in {counts['fill_s']} s", file=sys.stderr)
                    if args.keep and sqlite:
                        shutil.copyfile(work / "grown.db", args.keep)
            if args.fill_only:
                continue
            line = measure(label, url, work, args, counts)
            print(json.dumps(line), flush=True)
            lines.append(line)
        if len(lines) == 2:
            empty, grown = lines
            ratios = {
                key: round(grown[key]["p50_ms"] / max(empty[key]["p50_ms"], 1e-9), 2)
                for key in ("start", "poll", "update", *SEARCHES)
            }
            print(json.dumps({"ratios_grown_over_empty_p50": ratios}), flush=True)


if __name__ == "__main__":
    main()
