"""``TaskClient``: the interface for polling, updating and inspecting tasks by hand."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.workflow import Workflow

__all__ = ["TaskClient"]


class TaskClient(ABC):
    @abstractmethod
    def poll_task(
        self, task_type: str, worker_id: str | None = None, domain: str | None = None
    ) -> Task | None: ...

    @abstractmethod
    def batch_poll_tasks(
        self,
        task_type: str,
        worker_id: str | None = None,
        count: int | None = None,
        timeout_in_millisecond: int | None = None,
        domain: str | None = None,
    ) -> list[Task]: ...

    @abstractmethod
    def get_task(self, task_id: str) -> Task: ...

    @abstractmethod
    def update_task(self, task_result: TaskResult) -> str: ...

    @abstractmethod
    def update_task_by_ref_name(
        self,
        workflow_id: str,
        task_ref_name: str,
        status: str,
        output: Any,
        worker_id: str | None = None,
    ) -> str: ...

    @abstractmethod
    def update_task_sync(
        self,
        workflow_id: str,
        task_ref_name: str,
        status: str,
        output: Any,
        worker_id: str | None = None,
    ) -> Workflow: ...

    @abstractmethod
    def get_queue_size_for_task(self, task_type: str) -> int: ...

    @abstractmethod
    def add_task_log(self, task_id: str, log_message: str) -> None: ...

    @abstractmethod
    def get_task_logs(self, task_id: str) -> list[TaskExecLog]: ...

    @abstractmethod
    def get_task_poll_data(self, task_type: str) -> list[PollData]: ...
