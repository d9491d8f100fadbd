"""``UserResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.conductor_user import ConductorUser
from conductor.client.http.models.response import Response
from conductor.client.http.models.upsert_user_request import UpsertUserRequest

__all__ = ["UserResourceApi"]


class UserResourceApi:
    """The official ``UserResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def delete_user(self, id: str, **kwargs: Any) -> Response:
        """``DELETE /users/{id}``: Delete a user. Answers ``Response``."""
        kwargs["_return_http_data_only"] = True
        return cast("Response", self.delete_user_with_http_info(id, **kwargs))

    def delete_user_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`delete_user`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/users/{id}",
            path_params={"id": id},
            response_type=Response,
        )

    def get_granted_permissions(self, user_id: str, **kwargs: Any) -> Any:
        """``GET /users/{userId}/permissions``: Get the permissions this user has over workflows and tasks.
        Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_granted_permissions_with_http_info(user_id, **kwargs)

    def get_granted_permissions_with_http_info(self, user_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_granted_permissions`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/users/{userId}/permissions",
            path_params={"userId": user_id},
            response_type=object,
        )

    def get_user(self, id: str, **kwargs: Any) -> Any:
        """``GET /users/{id}``: Get a user by id. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_user_with_http_info(id, **kwargs)

    def get_user_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_user`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/users/{id}",
            path_params={"id": id},
            response_type=object,
        )

    def list_users(self, **kwargs: Any) -> list[ConductorUser]:
        """``GET /users``: Get all users. Optional: apps. Answers ``list[ConductorUser]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[ConductorUser]", self.list_users_with_http_info(**kwargs))

    def list_users_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_users`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/users",
            query=[("apps", kwargs.get("apps"))],
            response_type=list[ConductorUser],
        )

    def upsert_user(self, body: UpsertUserRequest, id: str, **kwargs: Any) -> Any:
        """``PUT /users/{id}``: Create or update a user. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.upsert_user_with_http_info(body, id, **kwargs)

    def upsert_user_with_http_info(self, body: UpsertUserRequest, id: str, **kwargs: Any) -> Any:
        """As :meth:`upsert_user`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/users/{id}",
            path_params={"id": id},
            body=body,
            response_type=object,
        )

    def check_permissions(self, user_id: str, **kwargs: Any) -> Any:
        """``GET /users/{userId}/checkPermissions``: Get the permissions this user has over workflows and
        tasks. Optional: type, id, async_req, _return_http_data_only, _preload_content, _request_timeout.
        Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.check_permissions_with_http_info(user_id, **kwargs)

    def check_permissions_with_http_info(self, user_id: str, **kwargs: Any) -> Any:
        """As :meth:`check_permissions`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/users/{userId}/checkPermissions",
            path_params={"userId": user_id},
            query=[("type", kwargs.get("type")), ("id", kwargs.get("id"))],
            response_type=object,
        )
