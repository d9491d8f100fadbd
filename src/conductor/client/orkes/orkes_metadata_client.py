"""``OrkesMetadataClient``: register and read task and workflow definitions."""

from __future__ import annotations

from typing import Any, NoReturn

from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.metadata_client import MetadataClient
from conductor.client.orkes.orkes_base_client import OrkesBaseClient

__all__ = ["OrkesMetadataClient"]


def _tags_unsupported() -> NoReturn:
    raise NotImplementedError(
        "Metadata tags are an Orkes-only API; pyconductor's server has no /metadata/tags"
    )


class OrkesMetadataClient(OrkesBaseClient, MetadataClient):
    def register_workflow_def(self, workflow_def: WorkflowDef, overwrite: bool | None = True) -> None:
        """``POST /metadata/workflow?overwrite=``; without overwrite an existing version gives 409."""
        self.metadataResourceApi.create(workflow_def, overwrite=overwrite)

    def update_workflow_def(self, workflow_def: WorkflowDef, overwrite: bool | None = True) -> None:
        """``PUT /metadata/workflow`` with a one-element list (an upsert)."""
        self.metadataResourceApi.update1([workflow_def], overwrite=overwrite)

    def unregister_workflow_def(self, name: str, version: int) -> None:  # official: name here,
        # workflow_name in the abstract MetadataClient
        self.metadataResourceApi.unregister_workflow_def(name, version)

    def get_workflow_def(self, name: str, version: int | None = None) -> WorkflowDef:
        """The given version, or the latest one when ``version`` is omitted."""
        return self.metadataResourceApi.get(name, version=version or None)

    def get_all_workflow_defs(self) -> list[WorkflowDef]:
        return self.metadataResourceApi.get_all_workflows()

    def register_task_def(self, task_def: TaskDef) -> None:
        """``POST /metadata/taskdefs`` with a one-element list (creates or overwrites)."""
        self.metadataResourceApi.register_task_def([task_def])

    def update_task_def(self, task_def: TaskDef) -> None:
        """``PUT /metadata/taskdefs`` (the server answers 404 for an unknown task)."""
        self.metadataResourceApi.update_task_def(task_def)

    def unregister_task_def(self, task_type: str) -> None:
        self.metadataResourceApi.unregister_task_def(task_type)

    def get_task_def(self, task_type: str) -> TaskDef:
        return self.metadataResourceApi.get_task_def(task_type)

    def get_all_task_defs(self) -> list[TaskDef]:
        return self.metadataResourceApi.get_task_defs()

    def add_workflow_tag(self, tag: Any, workflow_name: str) -> None:
        _tags_unsupported()

    def get_workflow_tags(self, workflow_name: str) -> list[Any]:
        _tags_unsupported()

    def set_workflow_tags(self, tags: list[Any], workflow_name: str) -> None:
        _tags_unsupported()

    def delete_workflow_tag(self, tag: Any, workflow_name: str) -> None:
        _tags_unsupported()

    # The official client's camelCase task-tag and rate-limit helpers: tags, so Orkes-only.

    def addTaskTag(self, tag: Any, taskName: str) -> None:
        _tags_unsupported()

    def deleteTaskTag(self, tag: Any, taskName: str) -> None:
        _tags_unsupported()

    def getTaskTags(self, taskName: str) -> list[Any]:
        _tags_unsupported()

    def setTaskTags(self, tags: list[Any], taskName: str) -> None:
        _tags_unsupported()

    def setWorkflowRateLimit(self, rateLimit: int, workflowName: str) -> None:
        _tags_unsupported()

    def getWorkflowRateLimit(self, workflowName: str) -> int | None:
        _tags_unsupported()

    def removeWorkflowRateLimit(self, workflowName: str) -> None:
        _tags_unsupported()
