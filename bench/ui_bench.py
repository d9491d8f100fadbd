"""Server-side render time of the web UI's two heaviest pages.

    python bench/ui_bench.py                          # 100,000 stored workflows, a 1,000-task execution
    python bench/ui_bench.py --workflows 20000 --tasks 500 --repeat 30

Fills a temp SQLite file directly through the store (fast: no engine run needed to have rows
to list), starts a `pyconductor server` on it (127.0.0.1, free port) and times, from a client on
the same machine, GET /execution/{id} of a workflow with T tasks (diagram, task table, timeline)
and GET /executions over W stored workflows (first page; and filtered by status and name).
Prints one JSON line with p50/p90 milliseconds per page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from systask_bench import free_port, start_server

from conductor.server.domain.definitions import WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.persistence.database import SqliteDatabase
from conductor.server.persistence.sql.store import SqlTx

NAMES = ("orders", "billing", "shipping", "emails", "reports")
STATUSES = (
    WorkflowStatus.COMPLETED,
    WorkflowStatus.FAILED,
    WorkflowStatus.RUNNING,
    WorkflowStatus.TERMINATED,
)


def _definition(name: str, tasks: int) -> WorkflowDef:
    steps = [
        WorkflowTask(name=f"step_{i}", task_reference_name=f"step_{i}", type="SIMPLE") for i in range(tasks)
    ]
    return WorkflowDef(name=name, version=1, tasks=steps)


def fill(db_path: Path, workflows: int, tasks: int) -> str:
    db = SqliteDatabase(str(db_path))
    small = {name: _definition(name, 3) for name in NAMES}
    base = int(time.time() * 1000) - workflows * 1000

    def batch(start: int, count: int) -> None:
        def job(tx: SqlTx) -> None:
            for i in range(start, start + count):
                name = NAMES[i % len(NAMES)]
                status = STATUSES[i % len(STATUSES)]
                wf = Workflow(
                    workflow_id=str(uuid.UUID(int=i + 1)),
                    workflow_definition=small[name],
                    workflow_name=name,
                    status=status,
                    create_time=base + i * 1000,
                    start_time=base + i * 1000,
                    update_time=base + i * 1000 + 500,
                    end_time=0 if status is WorkflowStatus.RUNNING else base + i * 1000 + 500,
                    input={"orderId": i, "customer": f"c-{i % 977}"},
                    correlation_id=f"corr-{i}",
                    reason_for_incompletion="upstream 502" if status is WorkflowStatus.FAILED else None,
                )
                tx.insert_workflow(wf)

        db.run_sync(job)

    for start in range(0, workflows, 5000):
        batch(start, min(5000, workflows - start))

    big_id = str(uuid.uuid4())
    definition = _definition("big_chain", tasks)
    now = int(time.time() * 1000)
    big = Workflow(
        workflow_id=big_id,
        workflow_definition=definition,
        workflow_name="big_chain",
        status=WorkflowStatus.RUNNING,
        create_time=now - tasks * 20,
        start_time=now - tasks * 20,
        update_time=now,
    )
    for i in range(tasks):
        done = i < tasks - 1
        big.tasks.append(
            Task(
                task_id=str(uuid.uuid4()),
                task_type="SIMPLE",
                reference_task_name=f"step_{i}",
                task_def_name=f"step_{i}",
                workflow_instance_id=big_id,
                workflow_type="big_chain",
                status=TaskStatus.COMPLETED if done else TaskStatus.IN_PROGRESS,
                seq=i + 1,
                scheduled_time=now - (tasks - i) * 20,
                start_time=now - (tasks - i) * 20 + 2,
                end_time=now - (tasks - i) * 20 + 15 if done else 0,
                update_time=now - (tasks - i) * 20 + 15,
                output_data={"i": i},
                workflow_task=definition.tasks[i],
            )
        )
    db.run_sync(lambda tx: (tx.insert_workflow(big), tx.upsert_tasks(big.tasks)))
    db.close()
    return big_id


def timed(client: httpx.Client, path: str, repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p90_ms": round(samples[int(len(samples) * 0.9) - 1], 1),
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workflows", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "ui_bench.db"
        began = time.perf_counter()
        big_id = fill(db_path, args.workflows, args.tasks)
        print(f"filled {args.workflows} workflows in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        port = free_port()
        proc = start_server(f"sqlite:///{db_path}", port, Path(tmp) / "server.log")
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                client.get(f"/execution/{big_id}")  # warm-up: templates compiled, caches filled
                result = {
                    "machine_note": "same machine for server and client",
                    "workflows_stored": args.workflows,
                    "execution_tasks": args.tasks,
                    "execution_page": timed(client, f"/execution/{big_id}", args.repeat),
                    "executions_list": timed(client, "/executions?refresh=0", args.repeat),
                    "executions_filtered": timed(
                        client, "/executions?status=FAILED&workflowType=billing&refresh=0", args.repeat
                    ),
                }
        finally:
            proc.terminate()
            proc.wait(10)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
