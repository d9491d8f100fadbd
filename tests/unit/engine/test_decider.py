"""Table-driven tests of the pure decider: a definition, a snapshot and a time in; a Decision out.

No store and no event loop: every test builds `Workflow` / `Task` structs by hand and calls
`decide(workflow, NOW, new_id)` with a deterministic id factory.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import msgspec
import pytest

from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import (
    RetryLogic,
    TaskStatus,
    TimeoutPolicy,
    WorkflowStatus,
    WorkflowTimeoutPolicy,
)
from conductor.server.engine.decider import Decision, deadlines, decide, workflow_output

NOW = 1_700_000_000_000
WF_ID = "wf-1"


# ---- builders ---------------------------------------------------------------------------------


def ids() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"new-{next(counter)}"


def tdef(name: str = "work", **kw: Any) -> TaskDef:
    """A TaskDef with no retries, no delays and a long response timeout unless overridden."""
    values: dict[str, Any] = {"retry_count": 0, "retry_delay_seconds": 0, "response_timeout_seconds": 3600}
    values.update(kw)
    return TaskDef(name=name, **values)


def node(ref: str, td: TaskDef | None = None, **kw: Any) -> WorkflowTask:
    name = td.name if td is not None else f"{ref}_task"
    return WorkflowTask(name=name, task_reference_name=ref, task_definition=td or tdef(name), **kw)


def workflow(
    nodes: list[WorkflowTask],
    tasks: list[Task] | None = None,
    *,
    status: WorkflowStatus = WorkflowStatus.RUNNING,
    wf_input: dict[str, Any] | None = None,
    created: int = NOW - 1_000,
    **def_kw: Any,
) -> Workflow:
    definition = WorkflowDef(name="wf", version=1, tasks=nodes, **def_kw)
    return Workflow(
        workflow_id=WF_ID,
        workflow_definition=definition,
        workflow_name="wf",
        workflow_version=1,
        status=status,
        create_time=created,
        start_time=created,
        update_time=created,
        input=wf_input or {},
        tasks=tasks or [],
    )


def task(
    wt: WorkflowTask,
    status: TaskStatus,
    *,
    task_id: str | None = None,
    seq: int = 1,
    retry_count: int = 0,
    scheduled: int = NOW - 500,
    started: int = 0,
    updated: int | None = None,
    output: dict[str, Any] | None = None,
    reason: str | None = None,
    executed: bool = False,
    callback_after: int = 0,
) -> Task:
    return Task(
        task_id=task_id or f"{wt.task_reference_name}-{retry_count}",
        task_type=wt.name,
        task_def_name=wt.name,
        reference_task_name=wt.task_reference_name,
        workflow_instance_id=WF_ID,
        workflow_type="wf",
        status=status,
        seq=seq,
        retry_count=retry_count,
        scheduled_time=scheduled,
        first_scheduled_time=scheduled,
        start_time=started,
        end_time=NOW - 100 if status.is_terminal else 0,
        update_time=updated if updated is not None else max(scheduled, started),
        output_data=output or {},
        reason_for_incompletion=reason,
        executed=executed,
        callback_after_seconds=callback_after,
        response_timeout_seconds=(wt.task_definition or tdef()).response_timeout_seconds,
        workflow_task=wt,
    )


def updated_by_id(decision: Decision) -> dict[str, Task]:
    return {t.task_id: t for t in decision.updated_tasks}


def failure_reason(task_id: str, status: str, reason: str | None) -> str:
    return f"Task {task_id} failed with status: {status} and reason: '{reason}'"


# ---- scheduling and completion -----------------------------------------------------------------


def test_new_workflow_schedules_first_task_with_resolved_inputs() -> None:
    a = node(
        "a", input_parameters={"x": "${workflow.input.x}", "lit": 5, "nested": {"y": "${workflow.input.y}"}}
    )
    b = node("b")
    wf = workflow([a, b], wf_input={"x": 42, "y": "why"})

    decision = decide(wf, NOW, ids())

    assert decision.termination is None
    assert not decision.complete
    assert len(decision.new_tasks) == 1
    first = decision.new_tasks[0]
    assert first.task_id == "new-1"
    assert first.reference_task_name == "a"
    assert first.task_type == "a_task"  # SIMPLE: the runtime type is the task-def name
    assert first.task_def_name == "a_task"
    assert first.status is TaskStatus.SCHEDULED
    assert first.input_data == {"x": 42, "lit": 5, "nested": {"y": "why"}}
    assert first.workflow_instance_id == WF_ID
    assert first.scheduled_time == NOW
    assert first.retry_count == 0
    assert decision.updated_tasks == []


def test_successor_is_scheduled_after_completion_with_the_predecessor_output() -> None:
    a = node("a")
    b = node("b", input_parameters={"v": "${a.output.value}", "wf": "${workflow.input.k}"})
    done = task(a, TaskStatus.COMPLETED, output={"value": 7}, started=NOW - 400)
    wf = workflow([a, b], [done], wf_input={"k": "kv"})

    decision = decide(wf, NOW, ids())

    assert [t.reference_task_name for t in decision.new_tasks] == ["b"]
    assert decision.new_tasks[0].input_data == {"v": 7, "wf": "kv"}
    assert updated_by_id(decision)["a-0"].executed is True
    assert not decision.complete


def test_in_progress_task_blocks_successor_and_completion() -> None:
    a = node("a")
    running = task(a, TaskStatus.IN_PROGRESS, started=NOW - 100)
    decision = decide(workflow([a, node("b")], [running]), NOW, ids())
    assert decision.new_tasks == []
    assert not decision.complete
    assert not decision.changed


def test_completion_uses_output_parameters() -> None:
    a, b = node("a"), node("b")
    tasks = [
        task(a, TaskStatus.COMPLETED, output={"v": 1}, executed=True),
        task(b, TaskStatus.COMPLETED, seq=2, output={"w": 2}),
    ]
    wf = workflow(
        [a, b],
        tasks,
        wf_input={"i": "in"},
        output_parameters={"fromA": "${a.output.v}", "i": "${workflow.input.i}"},
    )

    decision = decide(wf, NOW, ids())

    assert decision.complete
    assert decision.termination is None
    assert decision.new_tasks == []
    assert workflow_output(wf) == {"fromA": 1, "i": "in"}


def test_completion_without_output_parameters_takes_the_last_task_output() -> None:
    a, b = node("a"), node("b")
    tasks = [
        task(a, TaskStatus.COMPLETED, output={"v": 1}, executed=True),
        task(b, TaskStatus.COMPLETED, seq=2, output={"last": True}),
    ]
    wf = workflow([a, b], tasks)

    assert decide(wf, NOW, ids()).complete
    assert workflow_output(wf) == {"last": True}


def test_empty_definition_completes_with_reason() -> None:
    decision = decide(workflow([]), NOW, ids())
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.COMPLETED
    assert decision.termination.reason == "No tasks found to be executed"


@pytest.mark.parametrize(
    "status",
    [WorkflowStatus.COMPLETED, WorkflowStatus.FAILED, WorkflowStatus.TERMINATED, WorkflowStatus.TIMED_OUT],
)
def test_terminal_workflow_decides_nothing(status: WorkflowStatus) -> None:
    a = node("a")
    wf = workflow([a, node("b")], [task(a, TaskStatus.COMPLETED)], status=status)
    assert not decide(wf, NOW, ids()).changed


def test_paused_workflow_schedules_nothing() -> None:
    a = node("a")
    fresh = workflow([a], status=WorkflowStatus.PAUSED)
    assert not decide(fresh, NOW, ids()).changed

    done = workflow([a, node("b")], [task(a, TaskStatus.COMPLETED)], status=WorkflowStatus.PAUSED)
    decision = decide(done, NOW, ids())
    assert decision.new_tasks == []
    assert not decision.complete
    assert not decision.changed


def test_paused_workflow_still_times_out() -> None:
    wf = workflow(
        [node("a")],
        status=WorkflowStatus.PAUSED,
        created=NOW - 5_000,
        timeout_seconds=2,
        timeout_policy=WorkflowTimeoutPolicy.TIME_OUT_WF,
    )
    decision = decide(wf, NOW, ids())
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.TIMED_OUT


# ---- retries ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logic", "delay", "scale", "cap", "attempt", "expected"),
    [
        (RetryLogic.FIXED, 5, 1, 0, 0, 5),
        (RetryLogic.FIXED, 5, 1, 0, 2, 5),
        (RetryLogic.FIXED, 0, 1, 0, 0, 0),
        (RetryLogic.FIXED, 10, 1, 3, 0, 3),
        (RetryLogic.EXPONENTIAL_BACKOFF, 1, 1, 3, 0, 1),
        (RetryLogic.EXPONENTIAL_BACKOFF, 1, 1, 3, 1, 2),
        (RetryLogic.EXPONENTIAL_BACKOFF, 1, 1, 3, 2, 3),
        (RetryLogic.EXPONENTIAL_BACKOFF, 2, 1, 0, 3, 16),
        (RetryLogic.LINEAR_BACKOFF, 1, 2, 3, 0, 2),
        (RetryLogic.LINEAR_BACKOFF, 1, 2, 3, 1, 3),
        (RetryLogic.LINEAR_BACKOFF, 3, 2, 0, 2, 18),
    ],
)
def test_retry_delay_by_logic(
    logic: RetryLogic, delay: int, scale: int, cap: int, attempt: int, expected: int
) -> None:
    td = tdef(
        retry_count=5,
        retry_logic=logic,
        retry_delay_seconds=delay,
        backoff_scale_factor=scale,
        max_retry_delay_seconds=cap,
    )
    a = node("a", td, input_parameters={"x": "${workflow.input.x}"})
    failed = task(a, TaskStatus.FAILED, retry_count=attempt, reason="boom", started=NOW - 300)
    failed.input_data = {"x": "old", "extra": 1}
    wf = workflow([a], [failed], wf_input={"x": "new"})

    decision = decide(wf, NOW, ids())

    assert decision.termination is None
    assert len(decision.new_tasks) == 1
    retry = decision.new_tasks[0]
    assert retry.callback_after_seconds == expected
    assert retry.start_delay_in_seconds == expected
    assert retry.task_id == "new-1"
    assert retry.retried_task_id == failed.task_id
    assert retry.retry_count == attempt + 1
    assert retry.status is TaskStatus.SCHEDULED
    assert retry.poll_count == 0
    assert retry.scheduled_time == NOW
    assert (retry.start_time, retry.end_time) == (0, 0)
    assert retry.output_data == {}
    assert retry.reason_for_incompletion == "boom"  # copied, as Conductor does
    assert retry.input_data == {"x": "new", "extra": 1}  # re-resolved and merged over the old input
    old = updated_by_id(decision)[failed.task_id]
    assert old.retried is True
    assert old.status is TaskStatus.FAILED


def test_workflow_task_retry_count_overrides_task_def() -> None:
    a = node("a", tdef(retry_count=5), retry_count=0)
    failed = task(a, TaskStatus.FAILED, reason="nope")
    decision = decide(workflow([a], [failed]), NOW, ids())
    assert decision.termination is not None
    assert decision.new_tasks == []


def test_failed_with_terminal_error_is_never_retried() -> None:
    a = node("a", tdef(retry_count=3))
    failed = task(a, TaskStatus.FAILED_WITH_TERMINAL_ERROR, reason="fatal")

    decision = decide(workflow([a, node("b")], [failed]), NOW, ids())

    assert decision.new_tasks == []
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.FAILED
    assert decision.termination.reason == failure_reason(failed.task_id, "FAILED", "fatal")
    assert decision.termination.failed_task is not None
    assert decision.termination.failed_task.task_id == failed.task_id


def test_exhausted_retries_fail_the_workflow_with_conductor_reason() -> None:
    a = node("a", tdef(retry_count=2))
    attempts = [
        task(a, TaskStatus.FAILED, task_id="t0", retry_count=0, reason="r0"),
        task(a, TaskStatus.FAILED, task_id="t1", seq=2, retry_count=1, reason="r1"),
        task(a, TaskStatus.FAILED, task_id="t2", seq=3, retry_count=2, reason="bad input"),
    ]
    attempts[0].retried = attempts[1].retried = True

    decision = decide(workflow([a, node("b")], attempts), NOW, ids())

    assert decision.new_tasks == []
    assert not decision.complete
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.FAILED
    assert decision.termination.reason == "Task t2 failed with status: FAILED and reason: 'bad input'"


def test_canceled_task_terminates_the_workflow() -> None:
    a = node("a", tdef(retry_count=3))
    canceled = task(a, TaskStatus.CANCELED, reason="stop")
    decision = decide(workflow([a], [canceled]), NOW, ids())
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.TERMINATED
    assert decision.termination.reason == failure_reason(canceled.task_id, "TERMINATED", "stop")


def test_optional_task_failure_completes_with_errors_and_the_workflow_continues() -> None:
    a = node("a", tdef(retry_count=0), optional=True)
    b = node("b")
    failed = task(a, TaskStatus.FAILED, reason="optional failure")

    decision = decide(workflow([a, b], [failed]), NOW, ids())

    assert decision.termination is None
    old = updated_by_id(decision)[failed.task_id]
    assert old.status is TaskStatus.COMPLETED_WITH_ERRORS
    assert old.executed is True
    assert [t.reference_task_name for t in decision.new_tasks] == ["b"]


def test_optional_task_is_retried_before_completing_with_errors() -> None:
    a = node("a", tdef(retry_count=1), optional=True)
    failed = task(a, TaskStatus.FAILED)
    decision = decide(workflow([a, node("b")], [failed]), NOW, ids())
    assert [(t.reference_task_name, t.retry_count) for t in decision.new_tasks] == [("a", 1)]


def test_optional_last_task_failure_completes_the_workflow() -> None:
    a = node("a", tdef(retry_count=0), optional=True)
    decision = decide(workflow([a], [task(a, TaskStatus.FAILED)]), NOW, ids())
    assert decision.complete
    assert decision.termination is None


# ---- task timeouts ------------------------------------------------------------------------------


def test_response_timeout_times_out_a_silent_task_and_retries_it() -> None:
    a = node("a", tdef(retry_count=1, response_timeout_seconds=1))
    silent = task(a, TaskStatus.IN_PROGRESS, started=NOW - 2_000, updated=NOW - 1_500)

    decision = decide(workflow([a], [silent]), NOW, ids())

    old = updated_by_id(decision)[silent.task_id]
    assert old.status is TaskStatus.TIMED_OUT
    assert old.retried is True
    assert old.reason_for_incompletion == (
        f"responseTimeout: 1 exceeded for the taskId: {silent.task_id} with Task Status: IN_PROGRESS"
    )
    assert len(decision.new_tasks) == 1
    assert decision.new_tasks[0].retry_count == 1
    assert decision.new_tasks[0].retried_task_id == silent.task_id
    assert decision.termination is None


def test_response_timeout_ignores_a_task_updated_recently() -> None:
    a = node("a", tdef(retry_count=1, response_timeout_seconds=1))
    fresh = task(a, TaskStatus.IN_PROGRESS, started=NOW - 5_000, updated=NOW - 900)
    assert not decide(workflow([a], [fresh]), NOW, ids()).changed


def test_response_timeout_counts_callback_after_seconds() -> None:
    a = node("a", tdef(retry_count=1, response_timeout_seconds=1))
    waiting = task(a, TaskStatus.IN_PROGRESS, started=NOW - 5_000, updated=NOW - 2_000, callback_after=5)
    assert not decide(workflow([a], [waiting]), NOW, ids()).changed


def test_response_timeout_without_retries_times_out_the_workflow() -> None:
    a = node("a", tdef(retry_count=0, response_timeout_seconds=1))
    silent = task(a, TaskStatus.IN_PROGRESS, started=NOW - 2_000, updated=NOW - 2_000)
    decision = decide(workflow([a], [silent]), NOW, ids())
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.TIMED_OUT


@pytest.mark.parametrize("policy", [TimeoutPolicy.RETRY, TimeoutPolicy.TIME_OUT_WF, TimeoutPolicy.ALERT_ONLY])
def test_poll_timeout_of_a_never_polled_task(policy: TimeoutPolicy) -> None:
    a = node("a", tdef(retry_count=1, poll_timeout_seconds=2, timeout_policy=policy))
    unpolled = task(a, TaskStatus.SCHEDULED, scheduled=NOW - 3_000)

    decision = decide(workflow([a], [unpolled]), NOW, ids())

    if policy is TimeoutPolicy.ALERT_ONLY:
        assert not decision.changed
        return
    old = updated_by_id(decision)[unpolled.task_id]
    assert old.status is TaskStatus.TIMED_OUT
    assert old.reason_for_incompletion is not None
    assert old.reason_for_incompletion.startswith("Task poll timed out after 3 seconds")
    if policy is TimeoutPolicy.RETRY:
        assert decision.termination is None
        assert [t.retry_count for t in decision.new_tasks] == [1]
    else:
        assert decision.new_tasks == []
        assert decision.termination is not None
        assert decision.termination.status is WorkflowStatus.TIMED_OUT


def test_poll_timeout_not_reached() -> None:
    a = node("a", tdef(retry_count=1, poll_timeout_seconds=5, timeout_policy=TimeoutPolicy.TIME_OUT_WF))
    unpolled = task(a, TaskStatus.SCHEDULED, scheduled=NOW - 3_000)
    assert not decide(workflow([a], [unpolled]), NOW, ids()).changed


@pytest.mark.parametrize("policy", [TimeoutPolicy.RETRY, TimeoutPolicy.TIME_OUT_WF, TimeoutPolicy.ALERT_ONLY])
def test_task_timeout_seconds_with_each_policy(policy: TimeoutPolicy) -> None:
    td = tdef(retry_count=1, timeout_seconds=3, response_timeout_seconds=3, timeout_policy=policy)
    a = node("a", td)
    # The worker keeps heart-beating (recent update), but the attempt runs too long overall.
    slow = task(a, TaskStatus.IN_PROGRESS, started=NOW - 5_000, updated=NOW - 100)

    decision = decide(workflow([a], [slow]), NOW, ids())

    if policy is TimeoutPolicy.ALERT_ONLY:
        assert not decision.changed
        return
    old = updated_by_id(decision)[slow.task_id]
    assert old.status is TaskStatus.TIMED_OUT
    assert old.reason_for_incompletion == (
        "Task timed out after 5 seconds. Timeout configured as 3 seconds. "
        f"Timeout policy configured to {policy.value}"
    )
    if policy is TimeoutPolicy.RETRY:
        assert decision.termination is None
        assert [(t.reference_task_name, t.retry_count) for t in decision.new_tasks] == [("a", 1)]
        assert old.retried
    else:
        assert decision.new_tasks == []
        assert decision.termination is not None
        assert decision.termination.status is WorkflowStatus.TIMED_OUT
        assert decision.termination.reason == old.reason_for_incompletion


@pytest.mark.parametrize("policy", [TimeoutPolicy.RETRY, TimeoutPolicy.TIME_OUT_WF, TimeoutPolicy.ALERT_ONLY])
def test_total_timeout_seconds(policy: TimeoutPolicy) -> None:
    td = tdef(retry_count=3, total_timeout_seconds=5, timeout_policy=policy)
    a = node("a", td)
    running = task(a, TaskStatus.IN_PROGRESS, scheduled=NOW - 6_000, started=NOW - 5_500, updated=NOW - 100)

    decision = decide(workflow([a], [running]), NOW, ids())

    if policy is TimeoutPolicy.ALERT_ONLY:
        assert not decision.changed
        return
    # The retry budget is spent, so even RETRY ends the workflow (DeciderService.retry guard).
    assert decision.new_tasks == []
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.TIMED_OUT
    assert updated_by_id(decision)[running.task_id].status is TaskStatus.TIMED_OUT


def test_total_timeout_blocks_retry_of_a_failed_task_even_under_alert_only() -> None:
    td = tdef(retry_count=3, total_timeout_seconds=5, timeout_policy=TimeoutPolicy.ALERT_ONLY)
    a = node("a", td)
    failed = task(a, TaskStatus.FAILED, scheduled=NOW - 6_000, reason="late")
    decision = decide(workflow([a], [failed]), NOW, ids())
    assert decision.new_tasks == []
    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.FAILED
    assert decision.termination.reason == failure_reason(failed.task_id, "FAILED", "late")


# ---- workflow timeout ---------------------------------------------------------------------------


def test_workflow_timeout_time_out_wf() -> None:
    a = node("a")
    running = task(a, TaskStatus.IN_PROGRESS, started=NOW - 100)
    wf = workflow(
        [a],
        [running],
        created=NOW - 5_000,
        timeout_seconds=2,
        timeout_policy=WorkflowTimeoutPolicy.TIME_OUT_WF,
    )

    decision = decide(wf, NOW, ids())

    assert decision.termination is not None
    assert decision.termination.status is WorkflowStatus.TIMED_OUT
    assert decision.termination.reason == (
        "Workflow timed out after 5 seconds. Timeout configured as 2 seconds. "
        "Timeout policy configured to TIME_OUT_WF"
    )
    assert decision.new_tasks == []


def test_workflow_timeout_alert_only_changes_nothing() -> None:
    a = node("a")
    running = task(a, TaskStatus.IN_PROGRESS, started=NOW - 100)
    wf = workflow(
        [a],
        [running],
        created=NOW - 5_000,
        timeout_seconds=2,
        timeout_policy=WorkflowTimeoutPolicy.ALERT_ONLY,
    )
    assert not decide(wf, NOW, ids()).changed


def test_workflow_timeout_clock_restarts_at_last_retried_time() -> None:
    a = node("a")
    wf = workflow(
        [a],
        [task(a, TaskStatus.IN_PROGRESS, started=NOW - 100)],
        created=NOW - 5_000,
        timeout_seconds=2,
        timeout_policy=WorkflowTimeoutPolicy.TIME_OUT_WF,
    )
    wf.last_retried_time = NOW - 1_000
    assert decide(wf, NOW, ids()).termination is None


# ---- deadlines and purity -----------------------------------------------------------------------


def test_deadlines_name_every_timer() -> None:
    responding = node("r", tdef("r", response_timeout_seconds=7))
    polled = node("p", tdef("p", poll_timeout_seconds=4))
    bounded = node("b", tdef("b", timeout_seconds=20, response_timeout_seconds=10, total_timeout_seconds=30))
    tasks = [
        task(responding, TaskStatus.IN_PROGRESS, seq=1, started=NOW - 50, updated=NOW - 10, callback_after=2),
        task(polled, TaskStatus.SCHEDULED, seq=2, scheduled=NOW - 40),
        task(bounded, TaskStatus.IN_PROGRESS, seq=3, scheduled=NOW - 30, started=NOW - 20, updated=NOW - 20),
        task(responding, TaskStatus.COMPLETED, task_id="done", seq=4),  # terminal: no timer
    ]
    wf = workflow(
        [responding, polled, bounded],
        tasks,
        created=NOW - 1_000,
        timeout_seconds=60,
        timeout_policy=WorkflowTimeoutPolicy.TIME_OUT_WF,
    )

    assert sorted(deadlines(wf)) == sorted(
        [
            NOW - 1_000 + 60_000,  # workflow timeout
            NOW - 10 + (7 + 2) * 1_000,  # response timeout + callbackAfterSeconds
            NOW - 40 + 4_000,  # poll timeout
            NOW - 30 + 30_000,  # total timeout, from firstScheduledTime
            NOW - 20 + 20_000,  # timeoutSeconds, from startTime
            NOW - 20 + 10_000,  # response timeout of the bounded task
        ]
    )


def test_deadlines_skip_alert_only_workflow_timeout_and_idle_workflows() -> None:
    a = node("a")
    wf = workflow([a], [task(a, TaskStatus.COMPLETED)], timeout_seconds=5)
    assert deadlines(wf) == []


def test_decide_does_not_mutate_its_input() -> None:
    a = node("a", tdef(retry_count=2, response_timeout_seconds=1), optional=True)
    b = node("b", input_parameters={"v": "${a.output.v}"})
    c = node("c", tdef("c", retry_count=0), optional=True)
    tasks = [
        task(a, TaskStatus.IN_PROGRESS, started=NOW - 5_000, updated=NOW - 5_000),
        task(c, TaskStatus.FAILED, seq=2),
    ]
    wf = workflow([a, b, c], tasks, wf_input={"k": 1})
    before = msgspec.json.encode(wf)

    decision = decide(wf, NOW, ids())

    assert decision.changed  # something was decided...
    assert msgspec.json.encode(wf) == before  # ...without touching the snapshot
    assert all(t.status in (TaskStatus.IN_PROGRESS, TaskStatus.FAILED) for t in wf.tasks)
