"""``TokenResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.generate_token_request import GenerateTokenRequest
from conductor.client.http.models.response import Response

__all__ = ["TokenResourceApi"]


class TokenResourceApi:
    """The official ``TokenResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def generate_token(self, body: GenerateTokenRequest, **kwargs: Any) -> Response:
        """``POST /token``: Generate JWT with the given access key. Answers ``Response``."""
        kwargs["_return_http_data_only"] = True
        return cast("Response", self.generate_token_with_http_info(body, **kwargs))

    def generate_token_with_http_info(self, body: GenerateTokenRequest, **kwargs: Any) -> Any:
        """As :meth:`generate_token`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/token",
            body=body,
            response_type=Response,
        )

    def get_user_info(self, **kwargs: Any) -> Any:
        """``GET /token/userInfo``: Get the user info from the token. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_user_info_with_http_info(**kwargs)

    def get_user_info_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_user_info`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/token/userInfo",
            response_type=object,
        )
