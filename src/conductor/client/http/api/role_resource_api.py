"""``RoleResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.create_or_update_role_request import CreateOrUpdateRoleRequest
from conductor.client.http.models.response import Response
from conductor.client.http.models.role import Role

__all__ = ["RoleResourceApi"]


class RoleResourceApi:
    """The official ``RoleResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def list_all_roles(self, **kwargs: Any) -> list[Role]:
        """``GET /roles``: Get all roles (both system and custom). Answers ``list[Role]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[Role]", self.list_all_roles_with_http_info(**kwargs))

    def list_all_roles_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_all_roles`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/roles",
            response_type=list[Role],
        )

    def list_system_roles(self, **kwargs: Any) -> Any:
        """``GET /roles/system``: Get all system-defined roles. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.list_system_roles_with_http_info(**kwargs)

    def list_system_roles_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_system_roles`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/roles/system",
            response_type=object,
        )

    def list_custom_roles(self, **kwargs: Any) -> list[Role]:
        """``GET /roles/custom``: Get all custom roles (excludes system roles). Answers ``list[Role]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[Role]", self.list_custom_roles_with_http_info(**kwargs))

    def list_custom_roles_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_custom_roles`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/roles/custom",
            response_type=list[Role],
        )

    def list_available_permissions(self, **kwargs: Any) -> Any:
        """``GET /roles/permissions``: Get all available permissions that can be assigned to roles. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.list_available_permissions_with_http_info(**kwargs)

    def list_available_permissions_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_available_permissions`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/roles/permissions",
            response_type=object,
        )

    def create_role(self, body: CreateOrUpdateRoleRequest, **kwargs: Any) -> Any:
        """``POST /roles``: Create a new custom role. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.create_role_with_http_info(body, **kwargs)

    def create_role_with_http_info(self, body: CreateOrUpdateRoleRequest, **kwargs: Any) -> Any:
        """As :meth:`create_role`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/roles",
            body=body,
            response_type=object,
        )

    def get_role(self, name: str, **kwargs: Any) -> Any:
        """``GET /roles/{name}``: Get a role by name. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_role_with_http_info(name, **kwargs)

    def get_role_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_role`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/roles/{name}",
            path_params={"name": name},
            response_type=object,
        )

    def update_role(self, name: str, body: CreateOrUpdateRoleRequest, **kwargs: Any) -> Any:
        """``PUT /roles/{name}``: Update an existing custom role. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.update_role_with_http_info(name, body, **kwargs)

    def update_role_with_http_info(self, name: str, body: CreateOrUpdateRoleRequest, **kwargs: Any) -> Any:
        """As :meth:`update_role`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/roles/{name}",
            path_params={"name": name},
            body=body,
            response_type=object,
        )

    def delete_role(self, name: str, **kwargs: Any) -> Response:
        """``DELETE /roles/{name}``: Delete a custom role. Answers ``Response``."""
        kwargs["_return_http_data_only"] = True
        return cast("Response", self.delete_role_with_http_info(name, **kwargs))

    def delete_role_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_role`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/roles/{name}",
            path_params={"name": name},
            response_type=Response,
        )
