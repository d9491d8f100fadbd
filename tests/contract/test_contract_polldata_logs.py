"""Poll data (last poll per queue and domain) and task execution logs."""

from __future__ import annotations

from conductor.server.domain.execution import PollData, TaskExecLog


def test_record_poll_keeps_the_latest_per_queue_and_domain(write, read):
    write(lambda tx: tx.record_poll("t", None, "w1", 100))
    write(lambda tx: tx.record_poll("t", None, "w2", 200))
    write(lambda tx: tx.record_poll("t", "blue", "w3", 150))
    write(lambda tx: tx.record_poll("a", None, None, 50))

    assert read(lambda tx: tx.poll_data("t")) == [
        PollData(queue_name="t", domain=None, worker_id="w2", last_poll_time=200),
        PollData(queue_name="t", domain="blue", worker_id="w3", last_poll_time=150),
    ]
    assert [(p.queue_name, p.domain) for p in read(lambda tx: tx.poll_data())] == [
        ("a", None),
        ("t", None),
        ("t", "blue"),
    ]
    assert read(lambda tx: tx.poll_data("none")) == []


def test_logs_come_back_in_insertion_order(write, read):
    write(lambda tx: tx.add_logs([TaskExecLog(log="one", task_id="t", created_time=30)]))
    write(
        lambda tx: tx.add_logs(
            [
                TaskExecLog(log="two 100% ? done", task_id="t", created_time=10),
                TaskExecLog(log="other", task_id="u", created_time=20),
            ]
        )
    )
    write(lambda tx: tx.add_logs([]))

    assert read(lambda tx: tx.get_logs("t")) == [
        TaskExecLog(log="one", task_id="t", created_time=30),
        TaskExecLog(log="two 100% ? done", task_id="t", created_time=10),
    ]
    assert read(lambda tx: tx.get_logs("none")) == []
