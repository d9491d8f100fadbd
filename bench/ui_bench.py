"""Server-side render time of the web UI's two heaviest pages.

    python bench/ui_bench.py                          # 100,000 stored workflows, a 1,000-task execution
    python bench/ui_bench.py --workflows 20000 --tasks 500 --repeat 30
    python bench/ui_bench.py --workflows 1000 --tasks 10000      # a 10,000-branch dynamic fork
    python bench/ui_bench.py --shape chain --tasks 1000          # 1,000 SIMPLE tasks in a row

Fills a temp SQLite file directly through the store (fast: no engine run needed to have rows
to list), starts a `pyconductor server` on it (127.0.0.1, free port) and times, from a client on
the same machine, GET /execution/{id} of a workflow with T tasks (diagram, task table, timeline),
its live refresh (`?fragment=1`, what the open page fetches every 1.5 s), the same page with a
task selected, and GET /executions over W stored workflows (first page; and filtered by status
and name). Prints one JSON line with p50/p90 milliseconds per page.

Shapes of the big execution (`--shape`):
  fanout  (default) what the engine stores for a running FORK_JOIN_DYNAMIC of T-2 branches: the
          fork task (`forkedTasks` and `forkedTaskDefs` of every branch in its input), the
          branches (97% COMPLETED, 2% IN_PROGRESS, 1% FAILED with a second attempt running),
          then the JOIN (IN_PROGRESS, `joinOn` every branch);
  chain   T SIMPLE tasks one after the other, the last one IN_PROGRESS.
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
import msgspec
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


def fill(db_path: Path, workflows: int, tasks: int, shape: str) -> tuple[str, int, str]:
    """Returns the big execution's id, its number of tasks and the id of a task deep in it."""
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

    big = (_fanout if shape == "fanout" else _chain)(tasks)
    db.run_sync(lambda tx: (tx.insert_workflow(big), tx.upsert_tasks(big.tasks)))
    db.close()
    return big.workflow_id, len(big.tasks), _branch_to_select(big)


def _chain(tasks: int) -> Workflow:
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
    return big


def _fanout(tasks: int) -> Workflow:
    """A running FORK_JOIN_DYNAMIC of `tasks - 2` branches, stored as the engine stores it."""
    branches = max(tasks - 2, 1)
    fork_node = WorkflowTask(
        name="fanout",
        task_reference_name="fanout",
        type="FORK_JOIN_DYNAMIC",
        dynamic_fork_tasks_param="dynamicTasks",
        dynamic_fork_tasks_input_param_name="dynamicTasksInput",
        input_parameters={"forkTaskName": "process_item", "forkTaskInputs": "${workflow.input.items}"},
    )
    join_node = WorkflowTask(name="join", task_reference_name="join", type="JOIN")
    definition = WorkflowDef(name="big_fanout", version=1, tasks=[fork_node, join_node])
    big_id = str(uuid.uuid4())
    now = int(time.time() * 1000)
    began = now - branches * 5 - 60_000
    refs = [f"process_item_{i}" for i in range(branches)]
    nodes = [WorkflowTask(name="process_item", task_reference_name=r, type="SIMPLE") for r in refs]
    fork = Task(
        task_id=str(uuid.uuid4()),
        task_type="FORK",
        reference_task_name="fanout",
        task_def_name="FORK",
        workflow_instance_id=big_id,
        workflow_type="big_fanout",
        status=TaskStatus.COMPLETED,
        seq=1,
        scheduled_time=began,
        start_time=began,
        end_time=began,
        update_time=began,
        executed=True,
        input_data={
            "forkTaskName": "process_item",
            "forkTaskInputs": [{"item": i} for i in range(branches)],
            "forkedTasks": refs,
            "forkedTaskDefs": msgspec.to_builtins(nodes),
        },
        workflow_task=fork_node,
    )
    out = [fork]
    retries = []
    for i, (ref, node) in enumerate(zip(refs, nodes, strict=True)):
        scheduled = began + i * 5
        status = TaskStatus.COMPLETED
        if i % 100 == 42:
            status = TaskStatus.FAILED
        elif i % 50 == 7:
            status = TaskStatus.IN_PROGRESS
        done = status is not TaskStatus.IN_PROGRESS
        task = Task(
            task_id=str(uuid.uuid4()),
            task_type="SIMPLE",
            reference_task_name=ref,
            task_def_name="process_item",
            workflow_instance_id=big_id,
            workflow_type="big_fanout",
            status=status,
            seq=i + 2,
            poll_count=1,
            worker_id=f"worker-{i % 8}",
            scheduled_time=scheduled,
            start_time=scheduled + 40,
            end_time=scheduled + 40 + 200 + i % 300 if done else 0,
            update_time=scheduled + 40 + 200 + i % 300,
            input_data={"item": i, "source": f"s3://bucket/items/{i}.json"},
            output_data={"result": {"item": i, "ok": True, "size": i * 17 % 4096}} if done else {},
            reason_for_incompletion="upstream 502" if status is TaskStatus.FAILED else None,
            workflow_task=node,
        )
        out.append(task)
        if status is TaskStatus.FAILED:
            retries.append(
                Task(
                    task_id=str(uuid.uuid4()),
                    task_type="SIMPLE",
                    reference_task_name=ref,
                    task_def_name="process_item",
                    workflow_instance_id=big_id,
                    workflow_type="big_fanout",
                    status=TaskStatus.IN_PROGRESS,
                    retry_count=1,
                    retried_task_id=task.task_id,
                    poll_count=1,
                    worker_id="worker-0",
                    scheduled_time=task.end_time + 1000,
                    start_time=task.end_time + 1040,
                    update_time=task.end_time + 1040,
                    input_data=task.input_data,
                    workflow_task=node,
                )
            )
    join = Task(
        task_id=str(uuid.uuid4()),
        task_type="JOIN",
        reference_task_name="join",
        task_def_name="JOIN",
        workflow_instance_id=big_id,
        workflow_type="big_fanout",
        status=TaskStatus.IN_PROGRESS,
        seq=branches + 2,
        scheduled_time=began,
        start_time=began,
        update_time=now,
        input_data={"joinOn": refs},
        workflow_task=join_node,
    )
    out.append(join)
    for n, retry in enumerate(retries):
        retry.seq = branches + 3 + n
    out.extend(retries)
    return Workflow(
        workflow_id=big_id,
        workflow_definition=definition,
        workflow_name="big_fanout",
        status=WorkflowStatus.RUNNING,
        create_time=began,
        start_time=began,
        update_time=now,
        input={"items": [{"item": i} for i in range(branches)]},
        tasks=out,
    )


def _branch_to_select(big: Workflow) -> str:
    """A task deep in the run (not on the task table's first page): what `?task=` opens."""
    return big.tasks[len(big.tasks) * 3 // 4].task_id


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
    parser.add_argument("--shape", choices=("fanout", "chain"), default="fanout")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "ui_bench.db"
        began = time.perf_counter()
        big_id, stored, deep_task = fill(db_path, args.workflows, args.tasks, args.shape)
        print(f"filled {args.workflows} workflows in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        port = free_port()
        proc = start_server(f"sqlite:///{db_path}", port, Path(tmp) / "server.log")
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
                client.get(f"/execution/{big_id}")  # warm-up: templates compiled, caches filled
                result = {
                    "machine_note": "same machine for server and client",
                    "workflows_stored": args.workflows,
                    "execution_shape": args.shape,
                    "execution_tasks": stored,
                    "execution_page": timed(client, f"/execution/{big_id}", args.repeat),
                    "execution_fragment": timed(client, f"/execution/{big_id}?fragment=1", args.repeat),
                    "execution_task_selected": timed(
                        client, f"/execution/{big_id}?task={deep_task}&fragment=1", args.repeat
                    ),
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
