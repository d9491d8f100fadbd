"""``OrkesTaskClient``: poll, update and inspect tasks outside a worker."""

from __future__ import annotations

from typing import Any

from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.task import Task
from conductor.client.http.models.task_exec_log import TaskExecLog
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.workflow import Workflow
from conductor.client.orkes.orkes_base_client import OrkesBaseClient
from conductor.client.task_client import TaskClient

__all__ = ["OrkesTaskClient"]


class OrkesTaskClient(OrkesBaseClient, TaskClient):
    def poll_task(
        self, task_type: str, worker_id: str | None = None, domain: str | None = None
    ) -> Task | None:
        """``GET /tasks/poll/{type}``; when no task is pending this is an empty ``Task()``
        (official behaviour), so test ``task.task_id``."""
        return self.taskResourceApi.poll(task_type, workerid=worker_id or None, domain=domain or None)

    def batch_poll_tasks(
        self,
        task_type: str,
        worker_id: str | None = None,
        count: int | None = None,
        timeout_in_millisecond: int | None = None,
        domain: str | None = None,
    ) -> list[Task]:
        return self.taskResourceApi.batch_poll(
            task_type,
            workerid=worker_id or None,
            domain=domain or None,
            count=count or None,
            timeout=timeout_in_millisecond or None,
        )

    def get_task(self, task_id: str) -> Task:
        return self.taskResourceApi.get_task(task_id)

    def update_task(self, task_result: TaskResult) -> str:
        """``POST /tasks``; answers the task id."""
        return self.taskResourceApi.update_task(task_result)

    def update_task_by_ref_name(
        self,
        workflow_id: str,
        task_ref_name: str,
        status: str,
        output: Any,
        worker_id: str | None = None,
    ) -> str:
        """Complete the pending task ``task_ref_name``; the output is stored under ``result``."""
        return self.taskResourceApi.update_task1(
            {"result": output}, workflow_id, task_ref_name, str(status), workerid=worker_id or None
        )

    def update_task_sync(
        self,
        workflow_id: str,
        task_ref_name: str,
        status: str,
        output: Any,
        worker_id: str | None = None,
    ) -> Workflow:
        """Like :meth:`update_task_by_ref_name` (a dict output is sent as is) and returns the workflow."""
        body = output if isinstance(output, dict) else {"result": output}
        return self.taskResourceApi.update_task_sync(
            body, workflow_id, task_ref_name, str(status), workerid=worker_id or None
        )

    def get_queue_size_for_task(self, task_type: str) -> int:
        return self.taskResourceApi.size(task_type=[task_type]).get(task_type, 0)

    def add_task_log(self, task_id: str, log_message: str) -> None:
        self.taskResourceApi.log(log_message, task_id)

    def get_task_logs(self, task_id: str) -> list[TaskExecLog]:
        return self.taskResourceApi.get_task_logs(task_id)

    def get_task_poll_data(self, task_type: str) -> list[PollData]:
        return self.taskResourceApi.get_poll_data(task_type=task_type)
