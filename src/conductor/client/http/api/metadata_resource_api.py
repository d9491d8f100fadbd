"""``MetadataResourceApi``: the ``/metadata`` endpoints (task and workflow definitions)."""

from __future__ import annotations

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models._serde import JsonValue
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef

__all__ = ["MetadataResourceApi"]


class MetadataResourceApi:
    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    # -- workflow definitions -------------------------------------------------------------

    def create(self, body: WorkflowDef, overwrite: bool | None = None) -> None:
        """``POST /metadata/workflow``: register one definition (409 if it exists and not overwrite)."""
        self.api_client.call_api(
            "POST", "/metadata/workflow", query=[("overwrite", overwrite)], body=body, accept="*/*"
        )

    def update1(self, body: list[WorkflowDef], overwrite: bool | None = None) -> JsonValue:
        """``PUT /metadata/workflow``: upsert definitions; answers the server's BulkResponse JSON."""
        return self.api_client.call_api(
            "PUT",
            "/metadata/workflow",
            query=[("overwrite", overwrite)],
            body=body,
            accept="*/*",
            response_type=object,
        )

    def get(self, name: str, version: int | None = None) -> WorkflowDef:
        """``GET /metadata/workflow/{name}[?version=]`` (latest version when omitted)."""
        definition: WorkflowDef = self.api_client.call_api(
            "GET",
            "/metadata/workflow/{name}",
            path_params={"name": name},
            query=[("version", version)],
            accept="*/*",
            response_type=WorkflowDef,
        )
        return definition

    def get_all_workflows(self) -> list[WorkflowDef]:
        definitions: list[WorkflowDef] | None = self.api_client.call_api(
            "GET", "/metadata/workflow", accept="*/*", response_type=list[WorkflowDef]
        )
        return definitions or []

    def unregister_workflow_def(self, name: str, version: int) -> None:
        self.api_client.call_api(
            "DELETE",
            "/metadata/workflow/{name}/{version}",
            path_params={"name": name, "version": version},
        )

    # -- task definitions -----------------------------------------------------------------

    def register_task_def(self, body: list[TaskDef]) -> None:
        """``POST /metadata/taskdefs``: create or overwrite the given definitions."""
        self.api_client.call_api("POST", "/metadata/taskdefs", body=body, accept="*/*")

    def update_task_def(self, body: TaskDef) -> None:
        """``PUT /metadata/taskdefs``: update one existing definition (404 if unknown)."""
        self.api_client.call_api("PUT", "/metadata/taskdefs", body=body, accept="*/*")

    def get_task_def(self, tasktype: str) -> TaskDef:
        definition: TaskDef = self.api_client.call_api(
            "GET",
            "/metadata/taskdefs/{tasktype}",
            path_params={"tasktype": tasktype},
            accept="*/*",
            response_type=TaskDef,
        )
        return definition

    def get_task_defs(self) -> list[TaskDef]:
        definitions: list[TaskDef] | None = self.api_client.call_api(
            "GET", "/metadata/taskdefs", accept="*/*", response_type=list[TaskDef]
        )
        return definitions or []

    def unregister_task_def(self, tasktype: str) -> None:
        self.api_client.call_api(
            "DELETE", "/metadata/taskdefs/{tasktype}", path_params={"tasktype": tasktype}
        )
