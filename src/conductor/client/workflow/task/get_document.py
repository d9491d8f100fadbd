"""``GetDocument``: fetch a document (Orkes ``GET_DOCUMENT``; JSON only in pyconductor)."""

from __future__ import annotations

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["GetDocument"]


class GetDocument(TaskInterface):
    def __init__(self, task_name: str, task_ref_name: str, url: str, media_type: str) -> None:
        super().__init__(
            task_name=task_name,
            task_reference_name=task_ref_name,
            task_type=TaskType.GET_DOCUMENT,
            input_parameters={"url": url, "mediaType": media_type},
        )
