"""A worker whose process starts (its module imports) and then crashes as it begins to run."""

from __future__ import annotations

from typing import Any

from conductor.client.http.models import Task, TaskResult
from conductor.client.worker.worker_interface import WorkerInterface


class CrashingWorker(WorkerInterface):
    """``TaskRunner.run`` reads ``register_task_def`` first thing; reading it here crashes."""

    def __init__(self) -> None:
        super().__init__("sdk_test_crashing")  # its `register_task_def = False` hits the setter

    @property
    def register_task_def(self) -> Any:
        raise RuntimeError("crashed as it began to run")

    @register_task_def.setter
    def register_task_def(self, value: Any) -> None:
        pass

    def execute(self, task: Task) -> TaskResult:
        raise AssertionError("never polled")
