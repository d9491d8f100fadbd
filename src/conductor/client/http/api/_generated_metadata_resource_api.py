"""``GeneratedMetadataResourceApi``: the official methods behind our ``MetadataResourceApi`` (its base class).

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.task_def import TaskDef
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_tag import WorkflowTag

__all__ = ["GeneratedMetadataResourceApi"]


class GeneratedMetadataResourceApi:
    """The official ``GeneratedMetadataResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def create(self, body: WorkflowDef, **kwargs: Any) -> Any:
        """``POST /metadata/workflow``: Create a new workflow definition. Optional: overwrite. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.create_with_http_info(body, **kwargs)

    def create_with_http_info(self, body: WorkflowDef, **kwargs: Any) -> Any:
        """As :meth:`create`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/metadata/workflow",
            query=[("overwrite", kwargs.get("overwrite"))],
            body=body,
            accept="*/*",
            response_type=object,
        )

    def create_workflow_metadata(self, body: WorkflowTag, name: str, **kwargs: Any) -> None:
        """``POST /metadata/tags/workflow/{name}``: Store the metadata associated with workflow. Optional:
        version. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.create_workflow_metadata_with_http_info(body, name, **kwargs))

    def create_workflow_metadata_with_http_info(self, body: WorkflowTag, name: str, **kwargs: Any) -> Any:
        """As :meth:`create_workflow_metadata`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/metadata/tags/workflow/{name}",
            path_params={"name": name},
            query=[("version", kwargs.get("version"))],
            body=body,
        )

    def delete_workflow_metadata(self, name: str, version: int, **kwargs: Any) -> None:
        """``DELETE /metadata/tags/workflow/{name}``: Store the metadata associated with workflow. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_workflow_metadata_with_http_info(name, version, **kwargs))

    def delete_workflow_metadata_with_http_info(self, name: str, version: int, **kwargs: Any) -> Any:
        """As :meth:`delete_workflow_metadata`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/metadata/tags/workflow/{name}",
            path_params={"name": name},
            query=[("version", version)],
        )

    def get(self, name: str, **kwargs: Any) -> WorkflowDef:
        """``GET /metadata/workflow/{name}``: Retrieves workflow definition along with blueprint. Optional:
        version. Answers ``WorkflowDef``."""
        kwargs["_return_http_data_only"] = True
        return cast("WorkflowDef", self.get_with_http_info(name, **kwargs))

    def get_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/workflow/{name}",
            path_params={"name": name},
            query=[("version", kwargs.get("version"))],
            accept="*/*",
            response_type=WorkflowDef,
        )

    def get_all_workflows(self, **kwargs: Any) -> list[WorkflowDef]:
        """``GET /metadata/workflow``: Retrieves all workflow definition along with blueprint. Optional:
        access. Answers ``list[WorkflowDef]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[WorkflowDef]", self.get_all_workflows_with_http_info(**kwargs))

    def get_all_workflows_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_all_workflows`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/workflow",
            query=[("access", kwargs.get("access"))],
            accept="*/*",
            response_type=list[WorkflowDef],
        )

    def get_task_def(self, tasktype: str, **kwargs: Any) -> TaskDef:
        """``GET /metadata/taskdefs/{tasktype}``: Gets the task definition. Answers ``TaskDef``."""
        kwargs["_return_http_data_only"] = True
        return cast("TaskDef", self.get_task_def_with_http_info(tasktype, **kwargs))

    def get_task_def_with_http_info(self, tasktype: str, **kwargs: Any) -> Any:
        """As :meth:`get_task_def`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/taskdefs/{tasktype}",
            path_params={"tasktype": tasktype},
            accept="*/*",
            response_type=TaskDef,
        )

    def get_task_defs(self, **kwargs: Any) -> list[TaskDef]:
        """``GET /metadata/taskdefs``: Gets all task definition. Optional: access. Answers
        ``list[TaskDef]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TaskDef]", self.get_task_defs_with_http_info(**kwargs))

    def get_task_defs_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_task_defs`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/taskdefs",
            query=[("access", kwargs.get("access"))],
            accept="*/*",
            response_type=list[TaskDef],
        )

    def get_workflow_metadata(self, name: str, **kwargs: Any) -> WorkflowTag:
        """``GET /metadata/tags/workflow/{name}``: Store the metadata associated with workflow. Optional:
        version. Answers ``WorkflowTag``."""
        kwargs["_return_http_data_only"] = True
        return cast("WorkflowTag", self.get_workflow_metadata_with_http_info(name, **kwargs))

    def get_workflow_metadata_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_workflow_metadata`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/tags/workflow/{name}",
            path_params={"name": name},
            query=[("version", kwargs.get("version"))],
            response_type=WorkflowTag,
        )

    def register_task_def(self, body: list[TaskDef], **kwargs: Any) -> Any:
        """``POST /metadata/taskdefs``: Create or update task definition(s). Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.register_task_def_with_http_info(body, **kwargs)

    def register_task_def_with_http_info(self, body: list[TaskDef], **kwargs: Any) -> Any:
        """As :meth:`register_task_def`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/metadata/taskdefs",
            body=body,
            accept="*/*",
            response_type=object,
        )

    def unregister_task_def(self, tasktype: str, **kwargs: Any) -> None:
        """``DELETE /metadata/taskdefs/{tasktype}``: Remove a task definition. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.unregister_task_def_with_http_info(tasktype, **kwargs))

    def unregister_task_def_with_http_info(self, tasktype: str, **kwargs: Any) -> Any:
        """As :meth:`unregister_task_def`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/metadata/taskdefs/{tasktype}",
            path_params={"tasktype": tasktype},
        )

    def unregister_workflow_def(self, name: str, version: int, **kwargs: Any) -> None:
        """``DELETE /metadata/workflow/{name}/{version}``: Removes workflow definition. It does not remove
        workflows associated with the definition. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.unregister_workflow_def_with_http_info(name, version, **kwargs))

    def unregister_workflow_def_with_http_info(self, name: str, version: int, **kwargs: Any) -> Any:
        """As :meth:`unregister_workflow_def`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/metadata/workflow/{name}/{version}",
            path_params={"name": name, "version": version},
        )

    def update1(self, body: list[WorkflowDef], **kwargs: Any) -> Any:
        """``PUT /metadata/workflow``: Create or update workflow definition(s). Optional: overwrite. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.update1_with_http_info(body, **kwargs)

    def update1_with_http_info(self, body: list[WorkflowDef], **kwargs: Any) -> Any:
        """As :meth:`update1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/metadata/workflow",
            query=[("overwrite", kwargs.get("overwrite"))],
            body=body,
            accept="*/*",
            response_type=object,
        )

    def update_task_def(self, body: TaskDef, **kwargs: Any) -> Any:
        """``PUT /metadata/taskdefs``: Update an existing task. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.update_task_def_with_http_info(body, **kwargs)

    def update_task_def_with_http_info(self, body: TaskDef, **kwargs: Any) -> Any:
        """As :meth:`update_task_def`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/metadata/taskdefs",
            body=body,
            accept="*/*",
            response_type=object,
        )
