"""``JsonJQTask``: transform JSON with a jq program (``JSON_JQ_TRANSFORM``).

The program's input is the whole task input, so add the data with ``input_parameter``; the
output has ``result`` (the first value) and ``resultList`` (every value).
"""

from __future__ import annotations

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["JsonJQTask"]


class JsonJQTask(TaskInterface):
    def __init__(self, task_ref_name: str, script: str) -> None:
        super().__init__(
            task_reference_name=task_ref_name,
            task_type=TaskType.JSON_JQ_TRANSFORM,
            input_parameters={"queryExpression": script},
        )
