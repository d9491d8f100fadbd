"""``OrkesMetadataClient``: register and read task and workflow definitions."""

from __future__ import annotations

from conductor.client.http.models.tag_object import TagObject
from conductor.client.http.models.tag_string import TagString
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.metadata_client import MetadataClient
from conductor.client.orkes.models.ratelimit_tag import RateLimitTag
from conductor.client.orkes.orkes_base_client import OrkesBaseClient

__all__ = ["OrkesMetadataClient"]


def _tag_string(tag: TagObject) -> TagString:
    # As the official client: a deleted tag is sent as a TagString (whose type must be
    # METADATA or RATE_LIMIT, or its constructor raises ValueError).
    return TagString(tag.key, tag.type, tag.value)


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

    # Tags live under /metadata/{workflow,task}/{name}/tags, an Orkes API: Conductor OSS, and
    # so pyconductor's server, answer 404, raised as ApiException exactly as with the official
    # client, which makes the same requests.

    def add_workflow_tag(self, tag: TagObject, workflow_name: str) -> None:
        """``POST /metadata/workflow/{name}/tags``."""
        self.tagsApi.add_workflow_tag(tag, workflow_name)

    def get_workflow_tags(self, workflow_name: str) -> list[TagObject]:
        """``GET /metadata/workflow/{name}/tags``."""
        return self.tagsApi.get_workflow_tags(workflow_name)

    def set_workflow_tags(self, tags: list[TagObject], workflow_name: str) -> None:
        """``PUT /metadata/workflow/{name}/tags`` (replaces the workflow's tags)."""
        self.tagsApi.set_workflow_tags(tags, workflow_name)

    def delete_workflow_tag(self, tag: TagObject, workflow_name: str) -> None:
        """``DELETE /metadata/workflow/{name}/tags`` with the tag as a ``TagString`` body."""
        self.tagsApi.delete_workflow_tag(_tag_string(tag), workflow_name)

    # The official client's camelCase task-tag and rate-limit helpers.

    def addTaskTag(self, tag: TagObject, taskName: str) -> None:
        """``POST /metadata/task/{taskName}/tags``."""
        self.tagsApi.add_task_tag(tag, taskName)

    def deleteTaskTag(self, tag: TagObject, taskName: str) -> None:
        """``DELETE /metadata/task/{taskName}/tags`` with the tag as a ``TagString`` body."""
        self.tagsApi.delete_task_tag(_tag_string(tag), taskName)

    def getTaskTags(self, taskName: str) -> list[TagObject]:
        """``GET /metadata/task/{taskName}/tags``."""
        return self.tagsApi.get_task_tags(taskName)

    def setTaskTags(self, tags: list[TagObject], taskName: str) -> None:
        """``PUT /metadata/task/{taskName}/tags``."""
        self.tagsApi.set_task_tags(tags, taskName)

    def setWorkflowRateLimit(self, rateLimit: int, workflowName: str) -> None:
        """Replace the workflow's ``RATE_LIMIT`` tag (key: the workflow name) with ``rateLimit``."""
        self.removeWorkflowRateLimit(workflowName)
        self.tagsApi.add_workflow_tag(RateLimitTag(workflowName, rateLimit), workflowName)

    def getWorkflowRateLimit(self, workflowName: str) -> int | None:
        """The value of the workflow's ``RATE_LIMIT`` tag, or None."""
        for tag in self.tagsApi.get_workflow_tags(workflowName):
            if tag.type == "RATE_LIMIT" and tag.key == workflowName:
                value: int | None = tag.value
                return value
        return None

    def removeWorkflowRateLimit(self, workflowName: str) -> None:
        """Delete the workflow's ``RATE_LIMIT`` tag if it has one."""
        current = self.getWorkflowRateLimit(workflowName)
        if current:
            self.tagsApi.delete_workflow_tag(RateLimitTag(workflowName, current), workflowName)
