"""SWITCH and the legacy DECISION: evaluate the case; the decider then schedules that branch."""

from __future__ import annotations

from conductor.server.domain.execution import Task, Workflow
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
    task_type = "SWITCH"

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        try:
            value = await evaluate_expression(
                node.evaluator_type, node.expression or "", task.input_data, ctx
            )
        except (ExpressionError, ValueError) as exc:
            return failed(task, f"Error while evaluating the SWITCH expression: {exc}", terminal=True)
        case = case_string(value)
        return completed(task, {"evaluationResult": [case], "selectedCase": case})


class Decision(SyncSystemTask):
    task_type = "DECISION"

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        try:
            if node.case_expression:
                value = await evaluate_expression("javascript", node.case_expression, task.input_data, ctx)
            else:
                value = task.input_data.get(node.case_value_param or "")
        except (ExpressionError, ValueError) as exc:
            return failed(task, f"Error while evaluating the DECISION expression: {exc}", terminal=True)
        return completed(task, {"caseOutput": [case_string(value)]})
