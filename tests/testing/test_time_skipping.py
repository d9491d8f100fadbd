"""Time skipping: WAIT, retry delays, callbacks, timeouts and schedules fire when the test moves
the fake clock, at once, in order (docs/testing.md §2; the timers are docs/engine.md §4.2,
§4.4, §4.6, §5.7, §6.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from conductor.client.context.task_context import TaskInProgress
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.testing import WorkflowTestEnvironment, assert_path, task_attempts
from testing.defs import simple, wait, workflow

HOUR_MS = 3_600_000


def _task(env: WorkflowTestEnvironment, workflow_id: str, ref: str) -> Any:
    run = env.get_workflow(workflow_id)
    return [t for t in run.tasks or [] if t.reference_task_name == ref][-1]


def test_a_wait_for_a_duration_ends_when_the_clock_passes_it() -> None:
    with WorkflowTestEnvironment() as env:
        env.mock_task("after", output={"done": True})
        workflow_id = env.start_workflow(workflow("w", wait("pause", duration="2 hours"), simple("after")))
        started = env.now_ms()
        env.sleep(timedelta(minutes=119))
        assert _task(env, workflow_id, "pause").status == "IN_PROGRESS"
        env.sleep(timedelta(minutes=1))
        run = env.get_workflow(workflow_id)
        assert run.status == "COMPLETED"
        assert_path(run, ["pause", "after"])
        # The WAIT ended at its deadline (the sweeper wakes one millisecond after it).
        assert run.tasks[0].end_time - started in (2 * HOUR_MS, 2 * HOUR_MS + 1)


def test_a_wait_until_an_instant_ends_at_that_instant() -> None:
    with WorkflowTestEnvironment(start=datetime(2025, 3, 1, tzinfo=UTC)) as env:
        env.mock_task("after", output={})
        workflow_id = env.start_workflow(
            workflow("w", wait("pause", until="2025-03-10 09:30 UTC"), simple("after"))
        )
        env.advance_to(datetime(2025, 3, 10, 9, 29))
        assert _task(env, workflow_id, "pause").status == "IN_PROGRESS"
        env.advance_to(datetime(2025, 3, 10, 9, 30))
        assert env.get_workflow(workflow_id).status == "COMPLETED"
        assert env.now() == datetime(2025, 3, 10, 9, 30, tzinfo=UTC)


def test_a_retry_waits_for_its_delay_and_not_longer() -> None:
    with WorkflowTestEnvironment() as env:
        charge = env.mock_task("charge", [RuntimeError("declined"), {"charged": True}])
        definition = workflow("w", simple("charge", retryCount=1, retryLogic="FIXED", retryDelaySeconds=600))
        workflow_id = env.start_workflow(definition)
        env.wait_until_idle()
        assert charge.count == 1
        env.sleep(timedelta(minutes=9, seconds=59))
        assert charge.count == 1, "the retry ran before its 10-minute delay"
        env.sleep(timedelta(seconds=1))
        assert charge.count == 2
        run = env.get_workflow(workflow_id)
        assert run.status == "COMPLETED"
        assert task_attempts(run, "charge") == ["FAILED", "COMPLETED"]
        first, second = run.tasks
        assert second.start_time - first.end_time == 600_000


def test_callback_after_seconds_hands_the_task_out_again_after_the_delay() -> None:
    with WorkflowTestEnvironment() as env:
        poller = env.mock_task("poll_status", [TaskInProgress(callback_after_seconds=3600), {"ready": True}])
        workflow_id = env.start_workflow(workflow("w", simple("poll_status")))
        env.sleep(timedelta(minutes=59))
        assert poller.count == 1
        env.sleep(timedelta(minutes=1))
        assert poller.count == 2
        run = env.get_workflow(workflow_id)
        assert run.status == "COMPLETED"
        assert run.output == {"ready": True}


def test_timeout_seconds_times_a_task_out_between_its_callbacks() -> None:
    with WorkflowTestEnvironment() as env:
        # Asked again every 700 s; timed out 1800 s after it started: polled at 0, 700 and 1400 s.
        poller = env.mock_task("slow", TaskInProgress(callback_after_seconds=700))
        definition = workflow(
            "w",
            simple(
                "slow",
                retryCount=0,
                timeoutSeconds=1800,
                responseTimeoutSeconds=1000,
                timeoutPolicy="TIME_OUT_WF",
            ),
        )
        started = env.now_ms()
        run = env.execute_workflow(definition)
        assert run.status == "TIMED_OUT"
        assert task_attempts(run, "slow") == ["TIMED_OUT"]
        assert poller.count == 3
        assert run.tasks[0].end_time - started in (1_800_000, 1_800_001)


def test_response_timeout_fires_for_a_task_whose_worker_went_silent() -> None:
    with WorkflowTestEnvironment() as env:
        definition = workflow(
            "w",
            simple(
                "flaky", retryCount=1, retryDelaySeconds=0, responseTimeoutSeconds=300, timeoutPolicy="RETRY"
            ),
        )
        workflow_id = env.start_workflow(definition)
        # A worker (the test itself) takes the task and never answers.
        polled = env.task_client.poll_task("flaky", worker_id="silent")
        assert polled is not None and polled.workflow_instance_id == workflow_id
        env.sleep(timedelta(seconds=299))
        assert _task(env, workflow_id, "flaky").status == "IN_PROGRESS"
        env.sleep(timedelta(seconds=1))
        run = env.get_workflow(workflow_id)
        assert task_attempts(run, "flaky") == ["TIMED_OUT", "SCHEDULED"]
        assert run.tasks[0].reason_for_incompletion.startswith("responseTimeout")


def test_poll_timeout_fires_when_no_worker_picks_the_task_up() -> None:
    with WorkflowTestEnvironment() as env:
        definition = workflow(
            "w", simple("orphan", retryCount=0, pollTimeoutSeconds=60, timeoutPolicy="TIME_OUT_WF")
        )
        run = env.execute_workflow(definition)
        assert run.status == "TIMED_OUT"
        assert task_attempts(run, "orphan") == ["TIMED_OUT"]
        assert run.tasks[0].end_time - run.tasks[0].scheduled_time in (60_000, 60_001)


def test_the_workflow_timeout_fires_while_a_wait_is_pending() -> None:
    with WorkflowTestEnvironment() as env:
        definition = workflow(
            "w", wait("long", duration="2 days"), timeoutSeconds=3600, timeoutPolicy="TIME_OUT_WF"
        )
        started = env.now_ms()
        run = env.execute_workflow(definition)
        assert run.status == "TIMED_OUT"
        assert run.end_time - started in (HOUR_MS, HOUR_MS + 1)


def test_timers_of_several_workflows_fire_in_order() -> None:
    with WorkflowTestEnvironment() as env:
        seen: list[tuple[str, int]] = []
        env.mock_task("record", lambda task_input: seen.append((task_input["who"], env.now_ms())) or {})
        started = env.now_ms()
        for who, hours in (("late", 3), ("early", 1), ("middle", 2)):
            env.start_workflow(
                workflow("w", wait("pause", duration=f"{hours}h"), simple("record", inputs={"who": who})),
                {"n": hours},
            )
        env.sleep(timedelta(days=1))
        assert [(who, (at - started) // HOUR_MS) for who, at in seen] == [
            ("early", 1),
            ("middle", 2),
            ("late", 3),
        ]


def test_a_schedule_fires_at_each_cron_instant_as_time_is_skipped() -> None:
    with WorkflowTestEnvironment(start=datetime(2025, 1, 1, 0, 30, tzinfo=UTC)) as env:
        fired: list[int] = []
        env.mock_task("tick", lambda task_input: fired.append(env.now_ms()) or {})
        env.register_workflow(workflow("hourly", simple("tick")))
        schedule = {
            "name": "every_hour",
            "cronExpression": "0 0 * * * ?",
            "zoneId": "UTC",
            "startWorkflowRequest": {"name": "hourly", "version": 1, "input": {}},
        }
        response = httpx.post(f"{env.api_url}/scheduler/schedules", json=schedule)
        assert response.status_code == 200, response.text
        env.sleep(timedelta(hours=3))  # to 03:30
        assert [datetime.fromtimestamp(at / 1000, UTC).strftime("%H:%M:%S.%f") for at in fired] == [
            "01:00:00.000000",
            "02:00:00.000000",
            "03:00:00.000000",
        ]


def test_auto_skip_runs_a_month_long_wait_without_the_test_moving_the_clock() -> None:
    with WorkflowTestEnvironment() as env:
        env.mock_task("after", output={"ok": True})
        workflow_id = env.start_workflow(workflow("w", wait("month", duration="30 days"), simple("after")))
        started = env.now_ms()
        env.auto_skip = True
        run = env.wait_for_workflow(workflow_id, skip_time=False, timeout=10)
        env.auto_skip = False
        assert run.status == "COMPLETED"
        assert run.tasks[0].end_time - started in (30 * 24 * HOUR_MS, 30 * 24 * HOUR_MS + 1)


def test_without_skipping_time_does_not_move() -> None:
    with WorkflowTestEnvironment() as env:
        workflow_id = env.start_workflow(workflow("w", wait("pause", duration="1s")))
        env.wait_until_idle()
        before = env.now_ms()
        env.wait_until_idle()
        assert env.now_ms() == before
        assert env.get_workflow(workflow_id).status == "RUNNING"


def test_a_task_completed_by_the_test_lets_the_workflow_go_on() -> None:
    with WorkflowTestEnvironment() as env:
        workflow_id = env.start_workflow(workflow("w", simple("manual"), wait("pause", duration="1h")))
        task = env.task_client.poll_task("manual", worker_id="me")
        result = TaskResult(
            workflow_instance_id=workflow_id, task_id=task.task_id, status=TaskResultStatus.COMPLETED
        )
        env.task_client.update_task(result)
        run = env.wait_for_workflow(workflow_id)
        assert run.status == "COMPLETED"
        assert_path(run, ["manual", "pause"])


def test_a_child_workflow_waiting_a_day_resumes_its_parent() -> None:
    with WorkflowTestEnvironment() as env:
        env.mock_task("child_step", output={"c": 1})
        env.mock_task("parent_step", output={"p": 1})
        env.register_workflow(workflow("child", wait("child_wait", duration="1d"), simple("child_step")))
        parent = workflow(
            "parent",
            {
                "name": "child",
                "taskReferenceName": "run_child",
                "type": "SUB_WORKFLOW",
                "subWorkflowParam": {"name": "child", "version": 1},
            },
            simple("parent_step"),
        )
        started = env.now_ms()
        run = env.execute_workflow(parent)
        assert run.status == "COMPLETED"
        assert_path(run, ["run_child", "parent_step"])
        assert run.end_time - started == 24 * HOUR_MS


def test_a_loop_of_hourly_waits_runs_each_iteration_an_hour_apart() -> None:
    with WorkflowTestEnvironment() as env:
        ticks: list[int] = []
        env.mock_task("tick", lambda task_input: ticks.append(env.now_ms()) or {})
        loop = {
            "name": "loop",
            "taskReferenceName": "loop",
            "type": "DO_WHILE",
            "loopCondition": "$.loop['iteration'] < 3",
            "loopOver": [wait("hour", duration="1h"), simple("tick")],
        }
        started = env.now_ms()
        run = env.execute_workflow(workflow("w", loop))
        assert run.status == "COMPLETED"
        assert_path(run, ["loop", "hour__1", "tick__1", "hour__2", "tick__2", "hour__3", "tick__3"])
        assert [t - started for t in ticks] == [HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS]
