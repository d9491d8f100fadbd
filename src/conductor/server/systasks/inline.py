"""INLINE: evaluate a JavaScript (or `value-param`) expression with `$` bound to the task input."""

from __future__ import annotations

from typing import Any

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_types import TaskType
from conductor.server.expressions.errors import ScriptError, ScriptTimeout
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed

JAVASCRIPT_EVALUATORS = ("javascript", "graaljs", "js")


async def evaluate_expression(
    evaluator: str | None, expression: str, bindings: dict[str, Any], ctx: SystemTaskContext
) -> Any:
    """Evaluate with Conductor's evaluators; raises ScriptError/ScriptTimeout/ValueError."""
    kind = (evaluator or "javascript").strip().lower()
    if kind == "value-param":
        return bindings.get(expression)
    if kind in JAVASCRIPT_EVALUATORS:
        if ctx.javascript is None:
            raise ValueError("JavaScript evaluation is not available on this server")
        return await ctx.javascript.evaluate(expression, bindings)
    raise ValueError(f"Unsupported evaluatorType: {evaluator}")


class Inline(SyncSystemTask):
    task_type: str = TaskType.INLINE

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        inp = task.input_data
        expression = inp.get("expression")
        if not isinstance(expression, str) or not expression.strip():
            return failed(
                task,
                "Empty 'expression' in Inline task's input parameters. A non-empty String value must be provided.",
                terminal=True,
            )
        try:
            result = await evaluate_expression(inp.get("evaluatorType"), expression, inp, ctx)
        except ScriptTimeout as exc:
            return failed(task, exc.message, output={"error": exc.message})
        except (ScriptError, ValueError) as exc:
            message = str(exc)
            return failed(task, message, terminal=True, output={"error": message})
        return completed(task, {"result": result})
