"""``GroupResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.group import Group
from conductor.client.http.models.response import Response
from conductor.client.http.models.upsert_group_request import UpsertGroupRequest

__all__ = ["GroupResourceApi"]


class GroupResourceApi:
    """The official ``GroupResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def add_user_to_group(self, group_id: str, user_id: str, **kwargs: Any) -> Any:
        """``POST /groups/{groupId}/users/{userId}``: Add user to group. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.add_user_to_group_with_http_info(group_id, user_id, **kwargs)

    def add_user_to_group_with_http_info(self, group_id: str, user_id: str, **kwargs: Any) -> Any:
        """As :meth:`add_user_to_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/groups/{groupId}/users/{userId}",
            path_params={"groupId": group_id, "userId": user_id},
            response_type=object,
        )

    def delete_group(self, id: str, **kwargs: Any) -> Response:
        """``DELETE /groups/{id}``: Delete a group. Answers ``Response``."""
        kwargs["_return_http_data_only"] = True
        return cast("Response", self.delete_group_with_http_info(id, **kwargs))

    def delete_group_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`delete_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/groups/{id}",
            path_params={"id": id},
            response_type=Response,
        )

    def get_granted_permissions1(self, group_id: str, **kwargs: Any) -> Any:
        """``GET /groups/{groupId}/permissions``: Get the permissions this group has over workflows and
        tasks. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_granted_permissions1_with_http_info(group_id, **kwargs)

    def get_granted_permissions1_with_http_info(self, group_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_granted_permissions1`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/groups/{groupId}/permissions",
            path_params={"groupId": group_id},
            response_type=object,
        )

    def get_group(self, id: str, **kwargs: Any) -> Any:
        """``GET /groups/{id}``: Get a group by id. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_group_with_http_info(id, **kwargs)

    def get_group_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/groups/{id}",
            path_params={"id": id},
            response_type=object,
        )

    def get_users_in_group(self, id: str, **kwargs: Any) -> Any:
        """``GET /groups/{id}/users``: Get all users in group. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_users_in_group_with_http_info(id, **kwargs)

    def get_users_in_group_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_users_in_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/groups/{id}/users",
            path_params={"id": id},
            response_type=object,
        )

    def list_groups(self, **kwargs: Any) -> list[Group]:
        """``GET /groups``: Get all groups. Answers ``list[Group]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[Group]", self.list_groups_with_http_info(**kwargs))

    def list_groups_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_groups`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/groups",
            response_type=list[Group],
        )

    def remove_user_from_group(self, group_id: str, user_id: str, **kwargs: Any) -> Any:
        """``DELETE /groups/{groupId}/users/{userId}``: Remove user from group. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.remove_user_from_group_with_http_info(group_id, user_id, **kwargs)

    def remove_user_from_group_with_http_info(self, group_id: str, user_id: str, **kwargs: Any) -> Any:
        """As :meth:`remove_user_from_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/groups/{groupId}/users/{userId}",
            path_params={"groupId": group_id, "userId": user_id},
            response_type=object,
        )

    def upsert_group(self, body: UpsertGroupRequest, id: str, **kwargs: Any) -> Any:
        """``PUT /groups/{id}``: Create or update a group. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.upsert_group_with_http_info(body, id, **kwargs)

    def upsert_group_with_http_info(self, body: UpsertGroupRequest, id: str, **kwargs: Any) -> Any:
        """As :meth:`upsert_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/groups/{id}",
            path_params={"id": id},
            body=body,
            response_type=object,
        )

    def add_users_to_group(self, group_id: str, body: Sequence[str], **kwargs: Any) -> Any:
        """``POST /groups/{groupId}/users``: Add users to group. Optional: async_req,
        _return_http_data_only, _preload_content, _request_timeout. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.add_users_to_group_with_http_info(group_id, body, **kwargs)

    def add_users_to_group_with_http_info(self, group_id: str, body: Sequence[str], **kwargs: Any) -> Any:
        """As :meth:`add_users_to_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/groups/{groupId}/users",
            path_params={"groupId": group_id},
            body=body,
            response_type=object,
        )

    def remove_users_from_group(self, group_id: str, body: Sequence[str], **kwargs: Any) -> Any:
        """``DELETE /groups/{groupId}/users``: Remove users from group. Optional: async_req,
        _return_http_data_only, _preload_content, _request_timeout. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.remove_users_from_group_with_http_info(group_id, body, **kwargs)

    def remove_users_from_group_with_http_info(
        self, group_id: str, body: Sequence[str], **kwargs: Any
    ) -> Any:
        """As :meth:`remove_users_from_group`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/groups/{groupId}/users",
            path_params={"groupId": group_id},
            body=body,
            response_type=object,
        )
