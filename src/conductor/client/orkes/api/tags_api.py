"""``TagsApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.tag_object import TagObject
from conductor.client.http.models.tag_string import TagString

__all__ = ["TagsApi"]


class TagsApi:
    """The official ``TagsApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def add_task_tag(self, body: TagObject, task_name: str, **kwargs: Any) -> Any:
        """``POST /metadata/task/{taskName}/tags``: Adds the tag to the task. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.add_task_tag_with_http_info(body, task_name, **kwargs)

    def add_task_tag_with_http_info(self, body: TagObject, task_name: str, **kwargs: Any) -> Any:
        """As :meth:`add_task_tag`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/metadata/task/{taskName}/tags",
            path_params={"taskName": task_name},
            body=body,
            accept="*/*",
            response_type=object,
        )

    def add_workflow_tag(self, body: TagObject, name: str, **kwargs: Any) -> Any:
        """``POST /metadata/workflow/{name}/tags``: Adds the tag to the workflow. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.add_workflow_tag_with_http_info(body, name, **kwargs)

    def add_workflow_tag_with_http_info(self, body: TagObject, name: str, **kwargs: Any) -> Any:
        """As :meth:`add_workflow_tag`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/metadata/workflow/{name}/tags",
            path_params={"name": name},
            body=body,
            accept="*/*",
            response_type=object,
        )

    def delete_task_tag(self, body: TagString, task_name: str, **kwargs: Any) -> Any:
        """``DELETE /metadata/task/{taskName}/tags``: Removes the tag of the task. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.delete_task_tag_with_http_info(body, task_name, **kwargs)

    def delete_task_tag_with_http_info(self, body: TagString, task_name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_task_tag`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/metadata/task/{taskName}/tags",
            path_params={"taskName": task_name},
            body=body,
            accept="*/*",
            response_type=object,
        )

    def delete_workflow_tag(self, body: TagObject | TagString, name: str, **kwargs: Any) -> Any:
        """``DELETE /metadata/workflow/{name}/tags``: Removes the tag of the workflow. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.delete_workflow_tag_with_http_info(body, name, **kwargs)

    def delete_workflow_tag_with_http_info(
        self, body: TagObject | TagString, name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`delete_workflow_tag`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/metadata/workflow/{name}/tags",
            path_params={"name": name},
            body=body,
            accept="*/*",
            response_type=object,
        )

    def get_tags1(self, **kwargs: Any) -> list[TagObject]:
        """``GET /metadata/tags``: List all tags. Answers ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_tags1_with_http_info(**kwargs))

    def get_tags1_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_tags1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/tags",
            accept="*/*",
            response_type=list[TagObject],
        )

    def get_task_tags(self, task_name: str, **kwargs: Any) -> list[TagObject]:
        """``GET /metadata/task/{taskName}/tags``: Returns all the tags of the task. Answers
        ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_task_tags_with_http_info(task_name, **kwargs))

    def get_task_tags_with_http_info(self, task_name: str, **kwargs: Any) -> Any:
        """As :meth:`get_task_tags`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/task/{taskName}/tags",
            path_params={"taskName": task_name},
            response_type=list[TagObject],
        )

    def get_workflow_tags(self, name: str, **kwargs: Any) -> list[TagObject]:
        """``GET /metadata/workflow/{name}/tags``: Returns all the tags of the workflow. Answers
        ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_workflow_tags_with_http_info(name, **kwargs))

    def get_workflow_tags_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_workflow_tags`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/metadata/workflow/{name}/tags",
            path_params={"name": name},
            response_type=list[TagObject],
        )

    def set_task_tags(self, body: Sequence[TagObject], task_name: str, **kwargs: Any) -> Any:
        """``PUT /metadata/task/{taskName}/tags``: Adds the tag to the task. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.set_task_tags_with_http_info(body, task_name, **kwargs)

    def set_task_tags_with_http_info(self, body: Sequence[TagObject], task_name: str, **kwargs: Any) -> Any:
        """As :meth:`set_task_tags`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/metadata/task/{taskName}/tags",
            path_params={"taskName": task_name},
            body=body,
            accept="*/*",
            response_type=object,
        )

    def set_workflow_tags(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> Any:
        """``PUT /metadata/workflow/{name}/tags``: Set the tags of the workflow. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.set_workflow_tags_with_http_info(body, name, **kwargs)

    def set_workflow_tags_with_http_info(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> Any:
        """As :meth:`set_workflow_tags`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/metadata/workflow/{name}/tags",
            path_params={"name": name},
            body=body,
            accept="*/*",
            response_type=object,
        )
