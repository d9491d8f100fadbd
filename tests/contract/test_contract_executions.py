"""Executions: workflow rows with compare-and-set, task rows, and the lookups built on them."""

from __future__ import annotations

import pytest

from conductor.server.domain.errors import ConcurrentModification, Conflict
from conductor.server.domain.execution import TaskExecLog
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from contract.records import task, workflow


def test_insert_and_get_workflow_with_tasks(write, read):
    """A workflow comes back with rev 1 and its tasks in seq order; the row never embeds them."""
    wf = workflow("w1", correlation_id="c1", input={"a": [1, "x"]}, priority=7)
    wf.tasks = [task("t-should-not-be-stored", "w1")]
    write(lambda tx: tx.insert_workflow(wf))
    write(lambda tx: tx.upsert_tasks([task("t2", "w1", seq=2), task("t1", "w1", seq=1)]))

    got, rev = read(lambda tx: tx.get_workflow("w1"))
    assert rev == 1
    assert (got.workflow_id, got.correlation_id, got.priority, got.input) == ("w1", "c1", 7, {"a": [1, "x"]})
    assert [t.task_id for t in got.tasks] == ["t1", "t2"]
    bare, _ = read(lambda tx: tx.get_workflow("w1", with_tasks=False))
    assert bare.tasks == []
    assert read(lambda tx: tx.get_workflow("nope")) is None


def test_insert_duplicate_workflow_is_conflict(write, read):
    write(lambda tx: tx.insert_workflow(workflow("dup")))

    with pytest.raises(Conflict):
        write(lambda tx: tx.insert_workflow(workflow("dup")))
    assert read(lambda tx: tx.get_workflow("dup"))[1] == 1


def test_update_workflow_compare_and_set(write, read):
    """The update bumps rev; a writer holding a stale rev loses and changes nothing."""
    write(lambda tx: tx.insert_workflow(workflow("w1")))
    wf, rev = read(lambda tx: tx.get_workflow("w1"))
    wf.status, wf.end_time, wf.correlation_id = WorkflowStatus.COMPLETED, 5_000, "after"

    assert write(lambda tx: tx.update_workflow(wf, rev)) == 2
    stale = workflow("w1", status=WorkflowStatus.FAILED)
    with pytest.raises(ConcurrentModification):
        write(lambda tx: tx.update_workflow(stale, rev))

    got, new_rev = read(lambda tx: tx.get_workflow("w1"))
    assert (new_rev, got.status, got.end_time) == (2, WorkflowStatus.COMPLETED, 5_000)
    assert got.correlation_id == "after"


def test_input_and_definition_are_written_only_when_they_change(write, read):
    """A task update re-writes the workflow row but not its input and definition snapshot
    (workflow_static); a new input (rerun) or definition (upgrade) is written again."""
    wf = workflow("w1", input={"items": list(range(500))})
    write(lambda tx: tx.insert_workflow(wf))
    loaded, rev = read(lambda tx: tx.get_workflow("w1"))
    row = read(lambda tx: tx._exec("SELECT json FROM workflow WHERE workflow_id = 'w1'").fetchone()[0])
    assert "items" not in row  # the row itself stays small

    def static_writes(tx, target, expected_rev):
        tx.json_sizes.clear()
        new_rev = tx.update_workflow(target, expected_rev)
        return new_rev, "w1/static" in tx.json_sizes

    loaded.status = WorkflowStatus.PAUSED
    rev, wrote = write(lambda tx: static_writes(tx, loaded, rev))
    assert not wrote
    loaded.input = {"items": [1]}
    rev, wrote = write(lambda tx: static_writes(tx, loaded, rev))
    assert wrote
    got, _ = read(lambda tx: tx.get_workflow("w1"))
    assert (got.status, got.input, got.workflow_definition) == (
        WorkflowStatus.PAUSED,
        {"items": [1]},
        wf.workflow_definition,
    )


def test_rows_from_before_the_static_table_still_load(write, read):
    """A workflow row written before migration 3 holds its input and definition itself."""
    import msgspec

    wf = workflow("old", input={"a": 1})
    legacy = msgspec.json.encode(wf).decode()
    write(lambda tx: tx.insert_workflow(wf))
    write(lambda tx: tx._exec("DELETE FROM workflow_static WHERE workflow_id = 'old'"))
    write(lambda tx: tx._exec("UPDATE workflow SET json = ? WHERE workflow_id = 'old'", (legacy,)))

    got, rev = read(lambda tx: tx.get_workflow("old"))
    assert (got.input, got.workflow_definition) == ({"a": 1}, wf.workflow_definition)
    got.status = WorkflowStatus.COMPLETED
    write(lambda tx: tx.update_workflow(got, rev))  # now written the new way
    again, _ = read(lambda tx: tx.get_workflow("old"))
    assert (again.input, again.status) == ({"a": 1}, WorkflowStatus.COMPLETED)


def test_tasks_page_reads_one_page_in_seq_order(write, read):
    write(lambda tx: tx.insert_workflow(workflow("w1")))
    tasks = [task(f"t{i}", "w1", seq=i + 1) for i in range(30)]
    tasks[3].status = TaskStatus.COMPLETED
    write(lambda tx: tx.upsert_tasks(tasks))

    total, page = read(lambda tx: tx.tasks_page("w1", 10, 5, []))
    assert (total, [t.task_id for t in page]) == (30, ["t10", "t11", "t12", "t13", "t14"])
    total, page = read(lambda tx: tx.tasks_page("w1", 0, 15, ["COMPLETED"]))
    assert (total, [t.task_id for t in page]) == (1, ["t3"])
    assert read(lambda tx: tx.tasks_page("w1", -5, -1, [])) == (30, [])
    assert read(lambda tx: tx.tasks_page("missing", 0, 15, [])) is None


def test_task_outline_and_trimmed_tasks(write, read):
    """The UI's light reads: columns only, and documents with only the named payload keys."""
    write(lambda tx: tx.insert_workflow(workflow("w1")))
    tasks = [task(f"t{i}", "w1", seq=i + 1) for i in range(3)]
    tasks[1].status = TaskStatus.COMPLETED
    tasks[1].input_data = {"keep": [1, 2], "drop": "x" * 1000}
    tasks[1].output_data = {"out": {"a": 1}, "other": 2}
    write(lambda tx: tx.upsert_tasks(tasks))

    outline = read(lambda tx: tx.task_outline("w1"))
    assert [(row[0], row[1], row[5]) for row in outline] == [
        ("t0", 1, "SCHEDULED"),
        ("t1", 2, "COMPLETED"),
        ("t2", 3, "SCHEDULED"),
    ]
    (trimmed,) = read(lambda tx: tx.get_tasks_trimmed(["t1"], ["keep"], ["out"]))
    assert (trimmed.task_id, trimmed.status) == ("t1", TaskStatus.COMPLETED)
    assert (trimmed.input_data, trimmed.output_data) == ({"keep": [1, 2]}, {"out": {"a": 1}})
    assert read(lambda tx: tx.get_tasks_trimmed([], ["keep"])) == []


def test_failed_job_rolls_back_everything(write, read):
    """A job that raises leaves no trace: not its workflow, tasks, messages nor logs."""

    def job(tx):
        tx.insert_workflow(workflow("w1"))
        tx.upsert_tasks([task("t1", "w1")])
        tx.push("q", "t1", 0, 0, 0)
        tx.add_logs([TaskExecLog(log="x", task_id="t1", created_time=1)])
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write(job)
    assert read(lambda tx: tx.get_workflow("w1")) is None
    assert read(lambda tx: tx.get_task("t1")) is None
    assert read(lambda tx: tx.queue_size("q")) == 0
    assert read(lambda tx: tx.get_logs("t1")) == []


def test_delete_workflow_removes_tasks_messages_and_logs(write, read):
    write(lambda tx: tx.insert_workflow(workflow("w1")))
    write(lambda tx: tx.insert_workflow(workflow("w2")))
    write(lambda tx: tx.upsert_tasks([task("t1", "w1"), task("t2", "w2")]))
    write(lambda tx: tx.push("q", "t1", 0, 0, 0))
    write(lambda tx: tx.push("q", "t2", 0, 0, 0))
    write(lambda tx: tx.push("_deciderQueue", "w1", 0, 0, 0))
    write(lambda tx: tx.add_logs([TaskExecLog(log="l", task_id="t1", created_time=1)]))

    write(lambda tx: tx.delete_workflow("w1"))

    assert read(lambda tx: tx.get_workflow("w1")) is None
    assert read(lambda tx: tx.get_task("t1")) is None
    assert read(lambda tx: tx.get_logs("t1")) == []
    assert read(lambda tx: tx.queue_sizes()) == {"q": 1}
    assert read(lambda tx: tx.get_task("t2")).task_id == "t2"


def test_upsert_tasks_updates_in_place(write, read):
    write(lambda tx: tx.upsert_tasks([task("t1", "w1", seq=1, output_data={"n": 1})]))
    write(
        lambda tx: tx.upsert_tasks(
            [task("t1", "w1", seq=3, status=TaskStatus.COMPLETED, output_data={"n": 2}, start_time=9)]
        )
    )
    write(lambda tx: tx.upsert_tasks([]))

    got = read(lambda tx: tx.get_task("t1"))
    assert (got.seq, got.status, got.output_data, got.start_time) == (3, TaskStatus.COMPLETED, {"n": 2}, 9)
    assert [t.task_id for t in read(lambda tx: tx.get_tasks_of("w1"))] == ["t1"]


def test_get_tasks_by_ids(write, read):
    write(lambda tx: tx.upsert_tasks([task(f"t{i}", "w1", seq=i) for i in range(1, 5)]))

    assert sorted(t.task_id for t in read(lambda tx: tx.get_tasks(["t3", "t1", "zz"]))) == ["t1", "t3"]
    assert read(lambda tx: tx.get_tasks([])) == []


def test_delete_task_removes_its_logs(write, read):
    write(lambda tx: tx.upsert_tasks([task("t1", "w1"), task("t2", "w1", seq=2)]))
    write(lambda tx: tx.add_logs([TaskExecLog(log="l", task_id="t1", created_time=1)]))

    write(lambda tx: tx.delete_task("t1"))

    assert read(lambda tx: tx.get_task("t1")) is None
    assert read(lambda tx: tx.get_logs("t1")) == []
    assert [t.task_id for t in read(lambda tx: tx.get_tasks_of("w1"))] == ["t2"]


def test_update_task_if_status(write, read):
    """The poll claim's guard: the write happens only from the expected status."""
    write(lambda tx: tx.upsert_tasks([task("t1", "w1")]))
    running = task("t1", "w1", status=TaskStatus.IN_PROGRESS, start_time=50, worker_id="me")

    assert write(lambda tx: tx.update_task_if_status(running, "SCHEDULED")) is True
    assert write(lambda tx: tx.update_task_if_status(running, "SCHEDULED")) is False
    got = read(lambda tx: tx.get_task("t1"))
    assert (got.status, got.start_time, got.worker_id) == (TaskStatus.IN_PROGRESS, 50, "me")
    assert write(lambda tx: tx.update_task_if_status(task("nope", "w1"), "SCHEDULED")) is False


def test_task_counts_for_limits(write, read):
    """Concurrency and rate limits count IN_PROGRESS tasks and recent starts per definition."""
    write(
        lambda tx: tx.upsert_tasks(
            [
                task("a", "w", seq=1, status=TaskStatus.IN_PROGRESS, start_time=100),
                task("b", "w", seq=2, status=TaskStatus.IN_PROGRESS, start_time=200),
                task("c", "w", seq=3, status=TaskStatus.COMPLETED, start_time=300),
                task("d", "w", seq=4, status=TaskStatus.SCHEDULED),
                task("e", "w", seq=5, status=TaskStatus.IN_PROGRESS, task_def_name="other", start_time=300),
            ]
        )
    )

    assert read(lambda tx: tx.count_in_progress("t1")) == 2
    assert read(lambda tx: tx.count_in_progress("none")) == 0
    assert read(lambda tx: tx.count_started_since("t1", 200)) == 2
    assert read(lambda tx: tx.count_started_since("t1", 301)) == 0


def test_pending_task_ids_of_type_pages_by_update_time(write, read):
    write(
        lambda tx: tx.upsert_tasks(
            [
                task("late", "w", seq=1, update_time=30),
                task("early", "w", seq=2, status=TaskStatus.IN_PROGRESS, update_time=10),
                task("mid", "w", seq=3, update_time=20),
                task("done", "w", seq=4, status=TaskStatus.COMPLETED, update_time=5),
            ]
        )
    )

    assert read(lambda tx: tx.pending_task_ids_of_type("t1", 10)) == ["early", "mid", "late"]
    assert read(lambda tx: tx.pending_task_ids_of_type("t1", 1, 1)) == ["mid"]


def test_workflow_lookups(write, read):
    """Running ids by name/version, time windows, correlation ids and idempotency keys."""
    rows = [
        workflow("r1", version=1, create_time=100, correlation_id="c", idempotency_key="k"),
        workflow("r2", version=2, create_time=200, correlation_id="c", idempotency_key="k"),
        workflow("p1", version=1, create_time=300, status=WorkflowStatus.PAUSED, correlation_id="c"),
        workflow("d1", version=1, create_time=400, status=WorkflowStatus.COMPLETED, correlation_id="c"),
        workflow("x1", name="other", version=1, create_time=150, correlation_id="c"),
    ]
    write(lambda tx: [tx.insert_workflow(w) for w in rows])

    assert sorted(read(lambda tx: tx.running_workflow_ids("wf", None))) == ["r1", "r2"]
    assert read(lambda tx: tx.running_workflow_ids("wf", 2)) == ["r2"]
    assert sorted(read(lambda tx: tx.workflow_ids_in_window("wf", 1, 100, 300))) == ["p1", "r1"]
    assert read(lambda tx: tx.workflows_by_correlation("wf", "c", False)) == ["r1", "r2", "p1"]
    assert read(lambda tx: tx.workflows_by_correlation("wf", "c", True)) == ["r1", "r2", "p1", "d1"]
    assert read(lambda tx: tx.workflow_by_idempotency_key("wf", "k")) == ("r2", "RUNNING")
    assert read(lambda tx: tx.workflow_by_idempotency_key("wf", "none")) is None
