"""SWITCH and the legacy DECISION: evaluate the case; the decider then schedules that branch.

An evaluation error leaves the task FAILED with the error as its reason (docs/engine.md §6.7): the
operator is never retried, so the workflow fails unless the node is optional.
"""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.definitions import WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_types import TaskType
from conductor.server.expressions.errors import ExpressionError
from conductor.server.expressions.javastring import java_to_string
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed
from conductor.server.systasks.inline import evaluate_expression


def case_string(value: object) -> str:
    """Conductor compares `"" + value`: "true", "5", "5.0", "null"."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    return java_to_string(value)


class Switch(SyncSystemTask):
    task_type: str = TaskType.SWITCH

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        try:
            value = await evaluate_expression(
                node.evaluator_type, node.expression or "", task.input_data, ctx
            )
        except (ExpressionError, ValueError) as exc:
            return failed(task, str(exc))
        case = case_string(value)
        chosen = _with_case(task, node, case)
        return completed(chosen, {"evaluationResult": [case], "selectedCase": case})


class LegacyDecision(SyncSystemTask):
    """The DECISION task type (SWITCH's predecessor); not the decider's `Decision`."""

    task_type: str = TaskType.DECISION

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        try:
            if node.case_expression:
                value = await evaluate_expression("javascript", node.case_expression, task.input_data, ctx)
            else:
                value = task.input_data.get(node.case_value_param or "")
        except (ExpressionError, ValueError) as exc:
            return failed(task, str(exc))
        case = case_string(value)
        return completed(_with_case(task, node, case), {"caseOutput": [case]})


def _with_case(task: Task, node: WorkflowTask, case: str) -> Task:
    """Conductor records the chosen case (and whether it has tasks) in the task input."""
    branch = node.decision_cases.get(case, node.default_case)
    data = {**task.input_data, "case": case}
    if branch:
        data["hasChildren"] = "true"
    return replace(task, input_data=data)
