"""``SwitchTask``: run one list of tasks chosen by a value or a JavaScript expression.

Value mode (default) puts ``case_expression`` into the input ``switchCaseValue`` and uses the
``value-param`` evaluator; with ``use_javascript=True`` the expression is evaluated by
``graaljs`` and only sees the inputs added with ``input_parameter``.
"""

from __future__ import annotations

from enum import Enum
from typing import Self

from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.workflow.task.task import (
    TaskInterface,
    get_task_interface_list_as_workflow_task_list,
    workflow_task_list,
)
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["EvaluatorType", "SwitchTask"]


class EvaluatorType(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    JAVASCRIPT = "javascript"
    ECMASCRIPT = "graaljs"
    VALUE_PARAM = "value-param"


class SwitchTask(TaskInterface):
    def __init__(self, task_ref_name: str, case_expression: str, use_javascript: bool = False) -> None:
        super().__init__(task_reference_name=task_ref_name, task_type=TaskType.SWITCH)
        self._default_case: list[TaskInterface] | None = None
        self._decision_cases: dict[str, list[TaskInterface]] = {}
        self._expression = case_expression
        self._use_javascript = use_javascript

    def switch_case(self, case_name: str, tasks: TaskInterface | list[TaskInterface]) -> Self:
        self._decision_cases[case_name] = workflow_task_list(tasks)
        return self

    def default_case(self, tasks: TaskInterface | list[TaskInterface]) -> Self:
        self._default_case = workflow_task_list(tasks)
        return self

    def to_workflow_task(self) -> WorkflowTask:
        workflow = self._base_workflow_task()
        workflow.input_parameters = dict(workflow.input_parameters or {})
        if self._use_javascript:
            workflow.evaluator_type = EvaluatorType.ECMASCRIPT.value
            workflow.expression = self._expression
        else:
            workflow.evaluator_type = EvaluatorType.VALUE_PARAM.value
            workflow.input_parameters["switchCaseValue"] = self._expression
            workflow.expression = "switchCaseValue"
        workflow.decision_cases = {
            case: get_task_interface_list_as_workflow_task_list(*tasks)
            for case, tasks in self._decision_cases.items()
        }
        workflow.default_case = get_task_interface_list_as_workflow_task_list(*(self._default_case or []))
        return workflow
