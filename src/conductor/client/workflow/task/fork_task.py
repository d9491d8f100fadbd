"""``ForkTask``: run lists of tasks in parallel (``FORK_JOIN``).

``joinOn`` lists the last task of every branch. With ``join_on`` the fork also emits its own
JOIN (``<ref>_join``); otherwise ``ConductorWorkflow`` adds ``join_<ref>`` when another task
follows the fork.
"""

from __future__ import annotations

from copy import deepcopy

from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.workflow.task.join_task import JoinTask
from conductor.client.workflow.task.task import TaskInterface, as_workflow_tasks
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["ForkTask", "get_join_task"]


def get_join_task(task_reference_name: str) -> str:
    return task_reference_name + "_join"


class ForkTask(TaskInterface):
    def __init__(
        self, task_ref_name: str, forked_tasks: list[list[TaskInterface]], join_on: list[str] | None = None
    ) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.FORK_JOIN)
        self._forked_tasks = deepcopy(forked_tasks)
        self._join_on = join_on

    def to_workflow_task(self) -> WorkflowTask | list[WorkflowTask]:
        workflow_task = self._base_workflow_task()
        branches: list[list[WorkflowTask]] = []
        join_on: list[str] = []
        for branch in self._forked_tasks:
            converted = [t for task in branch for t in as_workflow_tasks(task.to_workflow_task())]
            branches.append(converted)
            join_on.append(converted[-1].task_reference_name or "")
        workflow_task.fork_tasks = branches
        workflow_task.join_on = join_on
        if self._join_on is not None:
            join = JoinTask(get_join_task(self.task_reference_name), join_on=self._join_on)
            return [workflow_task, join.to_workflow_task()]
        return workflow_task
