"""``WaitTask`` and its two explicit forms: wait for a duration, until an instant, or a signal.

* ``WaitTask(ref, wait_for_seconds=n)`` / ``WaitForDurationTask(ref, n)``: input
  ``{"duration": "<n>s"}``.
* ``WaitUntilTask(ref, "2024-01-31 00:00 UTC")``: input ``{"until": ...}``.
* ``WaitTask(ref, wait_until=...)``: input ``{"wait_until": ...}`` (the official SDK's key;
  upstream Conductor ignores it and waits for a signal, pyconductor reads it like ``until``).
* ``WaitTask(ref)``: no input; the task waits until it is completed through a task update or
  a signal (``WorkflowExecutor.signal`` / ``update_task_by_ref_name``).
"""

from __future__ import annotations

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["WaitForDurationTask", "WaitTask", "WaitUntilTask"]


class WaitTask(TaskInterface):
    def __init__(
        self, task_ref_name: str, wait_until: str | None = None, wait_for_seconds: int | None = None
    ) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.WAIT)
        if wait_until is not None and wait_for_seconds is not None:
            raise ValueError("both wait_until and wait_for_seconds are provided.  ONLY one is allowed")
        if wait_until:
            self.input_parameters = {"wait_until": wait_until}
        if wait_for_seconds:
            self.input_parameters = {"duration": f"{wait_for_seconds}s"}


class WaitForDurationTask(WaitTask):
    def __init__(self, task_ref_name: str, duration_time_seconds: int) -> None:
        super().__init__(task_ref_name)
        self.input_parameters = {"duration": f"{duration_time_seconds}s"}


class WaitUntilTask(WaitTask):
    def __init__(self, task_ref_name: str, date_time: str) -> None:
        super().__init__(task_ref_name)
        self.input_parameters = {"until": date_time}
