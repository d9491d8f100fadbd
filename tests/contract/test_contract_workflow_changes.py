"""`SqlTx.workflow_changes`: what a server's cached copy of a workflow made at one revision
needs to catch up with the changes other servers made since (docs/engine.md §8)."""

from __future__ import annotations

from conductor.server.domain.status import TaskStatus, WorkflowStatus
from contract.records import task, workflow


def _commit(write, wf, rev, tasks=(), deleted=()):
    """What the runner's commit does: the workflow row (compare-and-set), then its task rows."""

    def job(tx):
        new_rev = tx.update_workflow(wf, rev)
        tx.upsert_tasks(list(tasks))
        for task_id in deleted:
            tx.delete_task(task_id)
        return new_rev

    return write(job)


def _start(write, read, n=3):
    wf = workflow("w1")
    write(
        lambda tx: (
            tx.insert_workflow(wf),
            tx.upsert_tasks([task(f"t{i}", "w1", seq=i) for i in range(1, n + 1)]),
        )
    )
    return read(lambda tx: tx.get_workflow("w1"))


def test_nothing_changed_reads_no_row(write, read):
    """At the current revision with no claim since, the answer is just the revision: neither
    the workflow row nor any task row is read (the cost of an update of a large workflow)."""
    _, rev = _start(write, read)

    found = read(lambda tx: tx.workflow_changes("w1", rev))

    assert (found.rev, found.reset, found.workflow, found.tasks) == (rev, False, None, [])
    assert read(lambda tx: tx.workflow_changes("gone", 1)) is None


def test_a_later_revision_returns_its_row_and_only_the_tasks_it_wrote(write, read):
    wf, rev = _start(write, read, n=5)
    wf.status = WorkflowStatus.PAUSED
    done = task("t2", "w1", seq=2, status=TaskStatus.COMPLETED, output_data={"x": 1})
    new = task("t6", "w1", seq=6)
    rev2 = _commit(write, wf, rev, [new, done])

    sizes: dict[str, int] = {}
    found = read(lambda tx: tx.workflow_changes("w1", rev, sizes=sizes))

    assert (found.rev, found.reset) == (rev2, False)
    assert found.workflow.status is WorkflowStatus.PAUSED
    assert [(t.task_id, t.status, t.output_data) for t in found.tasks] == [
        ("t2", TaskStatus.COMPLETED, {"x": 1}),
        ("t6", TaskStatus.SCHEDULED, {}),
    ]  # in seq order
    assert set(sizes) == {"w1", "t2", "t6"}
    # A copy already at the new revision has nothing to catch up with.
    assert read(lambda tx: tx.workflow_changes("w1", rev2)).tasks == []


def test_a_poll_claim_is_seen_without_a_new_revision(write, read):
    """A claim changes a task row but not the workflow's revision: every copy re-reads that row
    (at any revision) until the runner writes the task again."""
    wf, rev = _start(write, read)
    claimed = task("t1", "w1", seq=1, status=TaskStatus.IN_PROGRESS, worker_id="elsewhere", poll_count=1)
    assert write(lambda tx: tx.update_task_if_status(claimed, "SCHEDULED"))

    found = read(lambda tx: tx.workflow_changes("w1", rev))
    assert (found.rev, found.workflow) == (rev, None)
    assert [(t.task_id, t.status, t.worker_id) for t in found.tasks] == [
        ("t1", TaskStatus.IN_PROGRESS, "elsewhere")
    ]

    completed = task("t1", "w1", seq=1, status=TaskStatus.COMPLETED, worker_id="elsewhere", poll_count=1)
    rev2 = _commit(write, wf, rev, [completed])
    assert read(lambda tx: tx.workflow_changes("w1", rev2)).tasks == []  # written by a revision again
    assert [t.status for t in read(lambda tx: tx.workflow_changes("w1", rev)).tasks] == [TaskStatus.COMPLETED]


def test_deleted_tasks_or_a_new_input_ask_for_a_whole_read(write, read):
    """No row is left to say a task was deleted, and the input lives in the static row: both
    make a copy from before read the workflow again (`reset`)."""
    wf, rev = _start(write, read)
    rev2 = _commit(write, wf, rev, deleted=["t3"])
    assert read(lambda tx: tx.workflow_changes("w1", rev)).reset is True
    assert read(lambda tx: tx.workflow_changes("w1", rev2)).reset is False

    wf.input = {"new": "input"}  # a rerun's new input: replaced, never changed in place
    rev3 = _commit(write, wf, rev2)
    assert read(lambda tx: tx.workflow_changes("w1", rev2)).reset is True
    assert read(lambda tx: tx.workflow_changes("w1", rev3)).reset is False
    assert read(lambda tx: tx.get_workflow("w1"))[0].input == {"new": "input"}
