"""JSON_JQ_TRANSFORM: run `queryExpression` through real jq over the whole task input."""

from __future__ import annotations

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.task_types import TaskType
from conductor.server.expressions.errors import JqError
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed


class JsonJqTransform(SyncSystemTask):
    task_type: str = TaskType.JSON_JQ_TRANSFORM

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        query = task.input_data.get("queryExpression")
        if not isinstance(query, str) or not query.strip():
            return failed(task, "Missing 'queryExpression' in input parameters")
        if ctx.jq is None:
            return failed(task, "jq is not available on this server")
        try:
            result, results = await ctx.jq.transform(query, task.input_data)
        except JqError as exc:
            return failed(task, exc.message, output={"error": exc.message})
        return completed(task, {"result": result, "resultList": results})
