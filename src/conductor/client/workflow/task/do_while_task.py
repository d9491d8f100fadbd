"""``DoWhileTask`` (and ``LoopTask``, ``ForEachTask``): repeat tasks while a condition holds.

The condition is JavaScript; ``$.<ref>.iteration`` is the current iteration and the loop's
tasks' outputs are visible under their reference names.
"""

from __future__ import annotations

from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.workflow.task.task import (
    TaskInterface,
    get_task_interface_list_as_workflow_task_list,
    workflow_task_list,
)
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["DoWhileTask", "ForEachTask", "LoopTask", "get_for_loop_condition"]


def get_for_loop_condition(task_ref_name: str, iterations: int) -> str:
    return f"if ( $.{task_ref_name}.iteration < {iterations} ) {{ true; }} else {{ false; }}"


class DoWhileTask(TaskInterface):
    def __init__(
        self, task_ref_name: str, termination_condition: str, tasks: TaskInterface | list[TaskInterface]
    ) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.DO_WHILE)
        self._loop_condition = termination_condition
        self._loop_over = workflow_task_list(tasks)

    def to_workflow_task(self) -> WorkflowTask:
        workflow = self._base_workflow_task()
        workflow.loop_condition = self._loop_condition
        workflow.loop_over = get_task_interface_list_as_workflow_task_list(*self._loop_over)
        return workflow


class LoopTask(DoWhileTask):
    """Run ``tasks`` ``iterations`` times."""

    def __init__(
        self, task_ref_name: str, iterations: int, tasks: TaskInterface | list[TaskInterface]
    ) -> None:
        super().__init__(
            task_ref_name=task_ref_name,
            termination_condition=get_for_loop_condition(task_ref_name, iterations),
            tasks=tasks,
        )


class ForEachTask(DoWhileTask):
    """The official SDK's for-each: the list goes into the input ``items`` (the condition it
    generates stops after the first iteration, as upstream)."""

    def __init__(
        self,
        task_ref_name: str,
        tasks: TaskInterface | list[TaskInterface],
        iterate_over: str,
        variables: list[str] | None = None,
    ) -> None:
        super().__init__(
            task_ref_name=task_ref_name,
            termination_condition=get_for_loop_condition(task_ref_name, 0),
            tasks=tasks,
        )
        self.input_parameter("items", iterate_over)
