"""``SecretResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.tag_object import TagObject

__all__ = ["SecretResourceApi"]


class SecretResourceApi:
    """The official ``SecretResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def delete_secret(self, key: str, **kwargs: Any) -> Any:
        """``DELETE /secrets/{key}``: Delete a secret value by key. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.delete_secret_with_http_info(key, **kwargs)

    def delete_secret_with_http_info(self, key: str, **kwargs: Any) -> Any:
        """As :meth:`delete_secret`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/secrets/{key}",
            path_params={"key": key},
            response_type=object,
        )

    def delete_tag_for_secret(self, body: Sequence[TagObject], key: str, **kwargs: Any) -> None:
        """``DELETE /secrets/{key}/tags``: Delete tags of the secret. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_tag_for_secret_with_http_info(body, key, **kwargs))

    def delete_tag_for_secret_with_http_info(self, body: Sequence[TagObject], key: str, **kwargs: Any) -> Any:
        """As :meth:`delete_tag_for_secret`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/secrets/{key}/tags",
            path_params={"key": key},
            body=body,
        )

    def get_secret(self, key: str, **kwargs: Any) -> Any:
        """``GET /secrets/{key}``: Get secret value by key. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_secret_with_http_info(key, **kwargs)

    def get_secret_with_http_info(self, key: str, **kwargs: Any) -> Any:
        """As :meth:`get_secret`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/secrets/{key}",
            path_params={"key": key},
            response_type=object,
        )

    def get_tags(self, key: str, **kwargs: Any) -> list[TagObject]:
        """``GET /secrets/{key}/tags``: Get tags by secret. Answers ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_tags_with_http_info(key, **kwargs))

    def get_tags_with_http_info(self, key: str, **kwargs: Any) -> Any:
        """As :meth:`get_tags`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/secrets/{key}/tags",
            path_params={"key": key},
            response_type=list[TagObject],
        )

    def list_all_secret_names(self, **kwargs: Any) -> Any:
        """``POST /secrets``: List all secret names. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.list_all_secret_names_with_http_info(**kwargs)

    def list_all_secret_names_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_all_secret_names`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/secrets",
            response_type=object,
        )

    def list_secrets_that_user_can_grant_access_to(self, **kwargs: Any) -> list[str]:
        """``GET /secrets``: List all secret names user can grant access to. Answers ``list[str]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[str]", self.list_secrets_that_user_can_grant_access_to_with_http_info(**kwargs))

    def list_secrets_that_user_can_grant_access_to_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_secrets_that_user_can_grant_access_to`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/secrets",
            response_type=list[str],
        )

    def list_secrets_with_tags_that_user_can_grant_access_to(self, **kwargs: Any) -> list[Any]:
        """``GET /secrets-v2``: List all secret names along with tags user can grant access to. Answers
        ``list[ExtendedSecret]``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "list[Any]", self.list_secrets_with_tags_that_user_can_grant_access_to_with_http_info(**kwargs)
        )

    def list_secrets_with_tags_that_user_can_grant_access_to_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_secrets_with_tags_that_user_can_grant_access_to`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/secrets-v2",
            response_type=list[object],
        )

    def put_secret(self, body: str, key: str, **kwargs: Any) -> Any:
        """``PUT /secrets/{key}``: Put a secret value by key. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.put_secret_with_http_info(body, key, **kwargs)

    def put_secret_with_http_info(self, body: str, key: str, **kwargs: Any) -> Any:
        """As :meth:`put_secret`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/secrets/{key}",
            path_params={"key": key},
            body=body,
            response_type=object,
        )

    def put_tag_for_secret(self, body: Sequence[TagObject], key: str, **kwargs: Any) -> None:
        """``PUT /secrets/{key}/tags``: Tag a secret. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.put_tag_for_secret_with_http_info(body, key, **kwargs))

    def put_tag_for_secret_with_http_info(self, body: Sequence[TagObject], key: str, **kwargs: Any) -> Any:
        """As :meth:`put_tag_for_secret`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/secrets/{key}/tags",
            path_params={"key": key},
            body=body,
        )

    def secret_exists(self, key: str, **kwargs: Any) -> Any:
        """``GET /secrets/{key}/exists``: Check if secret exists. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.secret_exists_with_http_info(key, **kwargs)

    def secret_exists_with_http_info(self, key: str, **kwargs: Any) -> Any:
        """As :meth:`secret_exists`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/secrets/{key}/exists",
            path_params={"key": key},
            response_type=object,
        )
