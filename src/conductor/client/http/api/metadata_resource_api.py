"""``MetadataResourceApi``: the ``/metadata`` endpoints (task and workflow definitions)."""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api._generated_metadata_resource_api import GeneratedMetadataResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models._serde import JsonValue
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef

__all__ = ["MetadataResourceApi"]


class MetadataResourceApi(GeneratedMetadataResourceApi):
    """Our hand-written methods (typed, with the SDK's conventions) over the generated official
    ones in ``_generated_metadata_resource_api``, which provide the rest of the official surface."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    # -- workflow definitions -------------------------------------------------------------

    def create(self, body: WorkflowDef, overwrite: bool | None = None, **kwargs: Any) -> None:
        """``POST /metadata/workflow``: register one definition (409 if it exists and not overwrite)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast(
                "None",
                super().create(
                    body, **{k: v for k, v in {"overwrite": overwrite}.items() if v is not None}, **kwargs
                ),
            )
        self.api_client.call_api(
            "POST", "/metadata/workflow", query=[("overwrite", overwrite)], body=body, accept="*/*"
        )

    def update1(self, body: list[WorkflowDef], overwrite: bool | None = None, **kwargs: Any) -> JsonValue:
        """``PUT /metadata/workflow``: upsert definitions; answers the server's BulkResponse JSON."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().update1(
                body, **{k: v for k, v in {"overwrite": overwrite}.items() if v is not None}, **kwargs
            )
        return self.api_client.call_api(
            "PUT",
            "/metadata/workflow",
            query=[("overwrite", overwrite)],
            body=body,
            accept="*/*",
            response_type=object,
        )

    def get(self, name: str, version: int | None = None, **kwargs: Any) -> WorkflowDef:
        """``GET /metadata/workflow/{name}[?version=]`` (latest version when omitted)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get(
                name, **{k: v for k, v in {"version": version}.items() if v is not None}, **kwargs
            )
        definition: WorkflowDef = self.api_client.call_api(
            "GET",
            "/metadata/workflow/{name}",
            path_params={"name": name},
            query=[("version", version)],
            accept="*/*",
            response_type=WorkflowDef,
        )
        return definition

    def get_all_workflows(self, **kwargs: Any) -> list[WorkflowDef]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_all_workflows(**kwargs)
        definitions: list[WorkflowDef] | None = self.api_client.call_api(
            "GET", "/metadata/workflow", accept="*/*", response_type=list[WorkflowDef]
        )
        return definitions or []

    def unregister_workflow_def(self, name: str, version: int, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().unregister_workflow_def(name, version, **kwargs)
        self.api_client.call_api(
            "DELETE",
            "/metadata/workflow/{name}/{version}",
            path_params={"name": name, "version": version},
        )

    # -- task definitions -----------------------------------------------------------------

    def register_task_def(self, body: list[TaskDef], **kwargs: Any) -> None:
        """``POST /metadata/taskdefs``: create or overwrite the given definitions."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast("None", super().register_task_def(body, **kwargs))
        self.api_client.call_api("POST", "/metadata/taskdefs", body=body, accept="*/*")

    def update_task_def(self, body: TaskDef, **kwargs: Any) -> None:
        """``PUT /metadata/taskdefs``: update one existing definition (404 if unknown)."""
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return cast("None", super().update_task_def(body, **kwargs))
        self.api_client.call_api("PUT", "/metadata/taskdefs", body=body, accept="*/*")

    def get_task_def(self, tasktype: str, **kwargs: Any) -> TaskDef:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_task_def(tasktype, **kwargs)
        definition: TaskDef = self.api_client.call_api(
            "GET",
            "/metadata/taskdefs/{tasktype}",
            path_params={"tasktype": tasktype},
            accept="*/*",
            response_type=TaskDef,
        )
        return definition

    def get_task_defs(self, **kwargs: Any) -> list[TaskDef]:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().get_task_defs(**kwargs)
        definitions: list[TaskDef] | None = self.api_client.call_api(
            "GET", "/metadata/taskdefs", accept="*/*", response_type=list[TaskDef]
        )
        return definitions or []

    def unregister_task_def(self, tasktype: str, **kwargs: Any) -> None:
        if kwargs:  # official options (async_req, _return_http_data_only, ...)
            return super().unregister_task_def(tasktype, **kwargs)
        self.api_client.call_api(
            "DELETE", "/metadata/taskdefs/{tasktype}", path_params={"tasktype": tasktype}
        )
