"""Task mocks, workers as threads, execute_workflow, assert_path (docs/testing.md §3, §4)."""

from __future__ import annotations

import threading

import pytest

from conductor.client.automator.task_handler import TaskHandler
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.worker import Worker
from conductor.testing import (
    WorkflowStuck,
    WorkflowTestEnvironment,
    assert_path,
    task_attempts,
    task_path,
)
from testing.defs import simple, wait, workflow


def test_a_mock_with_a_fixed_output_completes_every_task_of_its_type() -> None:
    with WorkflowTestEnvironment() as env:
        mock = env.mock_task("lookup", output={"found": True})
        run = env.execute_workflow(
            workflow(
                "w",
                simple("lookup", "first", inputs={"key": "a"}),
                simple("lookup", "second", inputs={"key": "b"}),
            )
        )
        assert run.status == "COMPLETED"
        assert [t.output_data for t in run.tasks] == [{"found": True}, {"found": True}]
        assert mock.calls == [{"key": "a"}, {"key": "b"}]


def test_a_mock_function_computes_the_output_from_the_task_input() -> None:
    with WorkflowTestEnvironment() as env:
        env.mock_task("double", lambda task_input: {"value": task_input["n"] * 2})
        run = env.execute_workflow(
            workflow(
                "w",
                simple("double", inputs={"n": "${workflow.input.n}"}),
                outputParameters={"v": "${double.output.value}"},
            ),
            {"n": 21},
        )
        assert run.output == {"v": 42}


def test_a_list_of_outcomes_scripts_each_attempt_and_the_last_repeats() -> None:
    with WorkflowTestEnvironment() as env:
        mock = env.mock_task("pay", [RuntimeError("timeout talking to bank"), {"paid": 1}])
        definition = workflow("w", simple("pay", retryCount=3, retryDelaySeconds=5))
        run = env.execute_workflow(definition)
        assert task_attempts(run, "pay") == ["FAILED", "COMPLETED"]
        assert run.tasks[0].reason_for_incompletion == "timeout talking to bank"
        run = env.execute_workflow(definition)  # the list is used up: the last outcome repeats
        assert task_attempts(run, "pay") == ["COMPLETED"]
        assert mock.count == 3


def test_a_non_retryable_exception_fails_the_task_for_good() -> None:
    with WorkflowTestEnvironment() as env:
        mock = env.mock_task("pay", NonRetryableException("card stolen"))
        run = env.execute_workflow(workflow("w", simple("pay", retryCount=3, retryDelaySeconds=5)))
        assert run.status == "FAILED"
        assert task_attempts(run, "pay") == ["FAILED_WITH_TERMINAL_ERROR"]
        assert mock.count == 1


def test_mock_task_refuses_an_outcome_and_an_output_together() -> None:
    with WorkflowTestEnvironment() as env, pytest.raises(ValueError, match="not both"):
        env.mock_task("x", {"a": 1}, output={"b": 2})


def test_real_worker_functions_run_in_threads_and_see_test_state() -> None:
    with WorkflowTestEnvironment() as env:
        seen: list[str] = []

        def greet(name: str) -> dict[str, str]:
            seen.append(threading.current_thread().name)
            return {"greeting": f"Hello {name}"}

        env.run_workers([Worker("greet", greet)])
        run = env.execute_workflow(
            workflow("w", simple("greet", inputs={"name": "${workflow.input.name}"})), {"name": "Ada"}
        )
        assert run.output == {"greeting": "Hello Ada"}
        assert len(seen) == 1 and seen[0].startswith("conductor-")


def test_the_task_handler_has_the_sdk_handlers_interface() -> None:
    def echo(text: str) -> dict[str, str]:
        return {"text": text}

    with WorkflowTestEnvironment() as env:
        handler = env.task_handler(workers=[Worker("echo", echo)])
        for method in ("start_processes", "stop_processes", "join_processes", "is_healthy", "__enter__"):
            assert callable(getattr(handler, method)) and callable(getattr(TaskHandler, method))
        with handler:
            handler.start_processes()
            assert handler.is_healthy()
            run = env.execute_workflow(workflow("w", simple("echo", inputs={"text": "hi"})))
            assert run.output == {"text": "hi"}
        assert not handler.is_healthy()
        assert [status["alive"] for status in handler.get_worker_process_status()] == [False]


def test_execute_workflow_accepts_a_registered_name_and_a_workflow_def() -> None:
    with WorkflowTestEnvironment() as env:
        env.mock_task("step", output={"ok": True})
        env.register_workflow(workflow("by_name", simple("step")))
        assert env.execute_workflow("by_name").status == "COMPLETED"
        model = WorkflowDef.from_dict(workflow("by_model", simple("step")))
        assert env.execute_workflow(model).workflow_name == "by_model"


def test_a_workflow_that_can_never_progress_is_reported_stuck_with_the_reason() -> None:
    with WorkflowTestEnvironment() as env:
        with pytest.raises(WorkflowStuck) as stuck:
            env.execute_workflow(workflow("w", simple("nobody_polls_this")))
        message = str(stuck.value)
        assert "no timer left" in message
        assert "no worker or mock polls 'nobody_polls_this'" in message


def test_assert_path_passes_on_the_path_taken_and_explains_a_difference() -> None:
    with WorkflowTestEnvironment() as env:
        env.mock_task("a", [RuntimeError("once"), {}])
        env.mock_task("b", output={})
        run = env.execute_workflow(
            workflow(
                "w", simple("a", retryCount=1, retryDelaySeconds=1), wait("w1", duration="1s"), simple("b")
            )
        )
        assert_path(run, ["a", "w1", "b"])
        assert task_path(run, attempts=True) == ["a", "a", "w1", "b"]
        assert_path(run, ["a", "a", "w1", "b"], attempts=True)
        with pytest.raises(AssertionError) as wrong:
            assert_path(run, ["a", "b"])
        text = str(wrong.value)
        assert "expected: ['a', 'b']" in text
        assert "actual:   ['a', 'w1', 'b']" in text
        assert "#1 a [a] FAILED (once)" in text
