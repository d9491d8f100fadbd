"""``GatewayAuthResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.authentication_config import AuthenticationConfig

__all__ = ["GatewayAuthResourceApi"]


class GatewayAuthResourceApi:
    """The official ``GatewayAuthResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def create_config(self, body: AuthenticationConfig, **kwargs: Any) -> str:
        """``POST /gateway/config/auth``: Create a new gateway authentication configuration. Answers
        ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.create_config_with_http_info(body, **kwargs))

    def create_config_with_http_info(self, body: AuthenticationConfig, **kwargs: Any) -> Any:
        """As :meth:`create_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/gateway/config/auth",
            body=body,
            response_type=str,
        )

    def get_config(self, id: str, **kwargs: Any) -> AuthenticationConfig:
        """``GET /gateway/config/auth/{id}``: Get gateway authentication configuration by id. Answers
        ``AuthenticationConfig``."""
        kwargs["_return_http_data_only"] = True
        return cast("AuthenticationConfig", self.get_config_with_http_info(id, **kwargs))

    def get_config_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/gateway/config/auth/{id}",
            path_params={"id": id},
            response_type=AuthenticationConfig,
        )

    def list_all_configs(self, **kwargs: Any) -> list[AuthenticationConfig]:
        """``GET /gateway/config/auth``: List all gateway authentication configurations. Answers
        ``list[AuthenticationConfig]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[AuthenticationConfig]", self.list_all_configs_with_http_info(**kwargs))

    def list_all_configs_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_all_configs`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/gateway/config/auth",
            response_type=list[AuthenticationConfig],
        )

    def update_config(self, id: str, body: AuthenticationConfig, **kwargs: Any) -> None:
        """``PUT /gateway/config/auth/{id}``: Update gateway authentication configuration. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.update_config_with_http_info(id, body, **kwargs))

    def update_config_with_http_info(self, id: str, body: AuthenticationConfig, **kwargs: Any) -> Any:
        """As :meth:`update_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/gateway/config/auth/{id}",
            path_params={"id": id},
            body=body,
        )

    def delete_config(self, id: str, **kwargs: Any) -> None:
        """``DELETE /gateway/config/auth/{id}``: Delete gateway authentication configuration. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_config_with_http_info(id, **kwargs))

    def delete_config_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`delete_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/gateway/config/auth/{id}",
            path_params={"id": id},
        )
