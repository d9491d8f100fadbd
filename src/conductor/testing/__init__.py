"""Test workflows in milliseconds: a real pyconductor server in the test process, on a clock
the test moves (time skipping). See docs/testing.md.

    from conductor.testing import WorkflowTestEnvironment, assert_path

    def test_order() -> None:
        with WorkflowTestEnvironment() as env:
            env.mock_task("charge", output={"charged": True})
            run = env.execute_workflow(order_workflow, {"order": 7})
            assert run.status == "COMPLETED"
            assert_path(run, ["wait_a_week", "charge"])

Importing this package is cheap: the server (and uvicorn) load when an environment starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "AsyncWorkflowTestEnvironment",
    "InProcessTaskHandler",
    "TaskMock",
    "WorkflowStuck",
    "WorkflowTestEnvironment",
    "assert_path",
    "task_attempts",
    "task_path",
]

if TYPE_CHECKING:
    from conductor.testing.assertions import assert_path, task_attempts, task_path
    from conductor.testing.async_environment import AsyncWorkflowTestEnvironment
    from conductor.testing.environment import WorkflowStuck, WorkflowTestEnvironment
    from conductor.testing.workers import InProcessTaskHandler, TaskMock

_WHERE = {
    "AsyncWorkflowTestEnvironment": "conductor.testing.async_environment",
    "InProcessTaskHandler": "conductor.testing.workers",
    "TaskMock": "conductor.testing.workers",
    "WorkflowStuck": "conductor.testing.environment",
    "WorkflowTestEnvironment": "conductor.testing.environment",
    "assert_path": "conductor.testing.assertions",
    "task_attempts": "conductor.testing.assertions",
    "task_path": "conductor.testing.assertions",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'conductor.testing' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
