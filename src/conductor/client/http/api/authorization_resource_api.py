"""``AuthorizationResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.authorization_request import AuthorizationRequest
from conductor.client.http.models.response import Response

__all__ = ["AuthorizationResourceApi"]


class AuthorizationResourceApi:
    """The official ``AuthorizationResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def get_permissions(self, type: str, id: str, **kwargs: Any) -> Any:
        """``GET /auth/authorization/{type}/{id}``: Get the access that have been granted over the given
        object. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_permissions_with_http_info(type, id, **kwargs)

    def get_permissions_with_http_info(self, type: str, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_permissions`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/auth/authorization/{type}/{id}",
            path_params={"type": type, "id": id},
            response_type=object,
        )

    def grant_permissions(self, body: AuthorizationRequest, **kwargs: Any) -> Response:
        """``POST /auth/authorization``: Grant access to a user over the target. Answers ``Response``."""
        kwargs["_return_http_data_only"] = True
        return cast("Response", self.grant_permissions_with_http_info(body, **kwargs))

    def grant_permissions_with_http_info(self, body: AuthorizationRequest, **kwargs: Any) -> Any:
        """As :meth:`grant_permissions`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/auth/authorization",
            body=body,
            response_type=Response,
        )

    def remove_permissions(self, body: AuthorizationRequest, **kwargs: Any) -> Response:
        """``DELETE /auth/authorization``: Remove user's access over the target. Answers ``Response``."""
        kwargs["_return_http_data_only"] = True
        return cast("Response", self.remove_permissions_with_http_info(body, **kwargs))

    def remove_permissions_with_http_info(self, body: AuthorizationRequest, **kwargs: Any) -> Any:
        """As :meth:`remove_permissions`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/auth/authorization",
            body=body,
            response_type=Response,
        )
