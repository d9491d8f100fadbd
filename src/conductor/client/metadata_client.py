"""``MetadataClient``: the interface for managing task and workflow definitions."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef

__all__ = ["MetadataClient"]


class MetadataClient(ABC):
    @abstractmethod
    def register_workflow_def(self, workflow_def: WorkflowDef, overwrite: bool | None = True) -> None: ...

    @abstractmethod
    def update_workflow_def(self, workflow_def: WorkflowDef, overwrite: bool | None = True) -> None: ...

    @abstractmethod
    def unregister_workflow_def(self, workflow_name: str, version: int) -> None: ...

    @abstractmethod
    def get_workflow_def(self, name: str, version: int | None = None) -> WorkflowDef: ...

    @abstractmethod
    def get_all_workflow_defs(self) -> list[WorkflowDef]: ...

    @abstractmethod
    def register_task_def(self, task_def: TaskDef) -> None: ...

    @abstractmethod
    def update_task_def(self, task_def: TaskDef) -> None: ...

    @abstractmethod
    def unregister_task_def(self, task_type: str) -> None: ...

    @abstractmethod
    def get_task_def(self, task_type: str) -> TaskDef: ...

    @abstractmethod
    def get_all_task_defs(self) -> list[TaskDef]: ...

    @abstractmethod
    def add_workflow_tag(self, tag: Any, workflow_name: str) -> None: ...

    @abstractmethod
    def get_workflow_tags(self, workflow_name: str) -> list[Any]: ...

    @abstractmethod
    def set_workflow_tags(self, tags: list[Any], workflow_name: str) -> None: ...

    @abstractmethod
    def delete_workflow_tag(self, tag: Any, workflow_name: str) -> None: ...
