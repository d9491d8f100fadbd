"""Statements whose result is not read are sent with the next one that is, or with the COMMIT
(`SqlTx._defer`, pipelined on PostgreSQL): the transaction must behave exactly as if each had
run at once."""

from __future__ import annotations

import pytest

from conductor.server.domain.errors import Conflict
from contract.records import task


def test_deferred_writes_are_seen_by_later_reads_of_the_same_transaction(write, read):
    def job(tx):
        tx.push("q", "m1", 0, 0, 0)
        tx.upsert_tasks([task("t1", "w1")])
        tx.record_poll("q", None, "me", 5)
        seen = (tx.queue_size("q"), tx.get_task("t1").task_id)
        tx.remove("q", "m1")
        return seen, tx.queue_size("q")

    assert write(job) == ((1, "t1"), 0)
    assert [p.worker_id for p in read(lambda tx: tx.poll_data("q"))] == ["me"]


def test_a_failing_deferred_statement_fails_the_whole_transaction(write, read):
    """The error surfaces late (at the COMMIT here) but as itself, and nothing is kept."""
    static = "INSERT INTO workflow_static (workflow_id, json) VALUES (?, ?)"

    def job(tx):
        tx.push("q", "m1", 0, 0, 0)
        tx._defer(static, ("w1", "{}"))
        tx._defer(static, ("w1", "{}"))  # a duplicate key

    with pytest.raises(Conflict):
        write(job)
    assert read(lambda tx: tx.queue_size("q")) == 0
    assert read(lambda tx: tx._rows("SELECT workflow_id FROM workflow_static")) == []
