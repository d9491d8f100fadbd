"""``ApiException`` and ``AuthorizationException``, the HTTP-level errors of the official SDK.

Raised by :class:`~conductor.client.http.api_client.ApiClient`; both derive from
:class:`~conductor.client.exceptions.api_error.APIError`, so ``except APIError`` catches every
server error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from conductor.client.exceptions.api_error import APIError

__all__ = ["ApiException", "AuthorizationException", "RESTClientObject", "RESTResponse", "RestException"]


class ApiException(APIError):
    """The server answered with a non-2xx status (``status`` 0: no answer at all).

    ``body`` is the raw response text, ``message`` the JSON ``message`` field when present.
    ``transient`` marks failures worth retrying (no response, 5xx, 429).
    """

    def __init__(
        self,
        status: int | None = None,
        reason: str | None = None,
        http_resp: httpx.Response | None = None,
        body: str | None = None,
        transient: bool | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        # ``transient``: the official flag; when not given it is derived from the status.
        self._transient = transient
        if http_resp is not None:
            status = http_resp.status_code
            reason = http_resp.reason_phrase
            body = http_resp.text
            headers = http_resp.headers
        super().__init__(status, _message_from_body(body) or reason)
        self.reason = reason
        self.body = body
        self.headers = headers

    @property
    def transient(self) -> bool:
        if self._transient is not None:
            return self._transient
        return self.code == 0 or self.code == 429 or self.code >= 500

    def __str__(self) -> str:
        text = f"({self.status})\nReason: {self.reason}\n"
        if self.headers:
            text += f"HTTP response headers: {self.headers}\n"
        if self.body:
            text += f"HTTP response body: {self.body}\n"
        return text


#: Older name kept by the official SDK.
RestException = ApiException


class AuthorizationException(ApiException):
    """401 or 403. ``error_code`` is the ``error`` field of the body (Orkes servers)."""

    def __init__(
        self,
        status: int | None = None,
        reason: str | None = None,
        http_resp: httpx.Response | None = None,
        body: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, reason, http_resp, body, headers=headers)
        self._error_code = _field_from_body(self.body, "error") or ""

    @property
    def error_code(self) -> str:
        return self._error_code

    @property
    def status_code(self) -> int:
        return self.status

    @property
    def token_expired(self) -> bool:
        return self._error_code == "EXPIRED_TOKEN"

    @property
    def invalid_token(self) -> bool:
        return self._error_code == "INVALID_TOKEN"

    def __str__(self) -> str:
        text = f"authorization error: {self._error_code}.  status_code: {self.status}, reason: {self.reason}"
        if self.headers:
            text += f", headers: {self.headers}"
        if self.body:
            text += f", response: {self.body}"
        return text


def _field_from_body(body: str | None, name: str) -> str | None:
    if not body:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    value = document.get(name) if isinstance(document, dict) else None
    return str(value) if value is not None else None


def _message_from_body(body: str | None) -> str | None:
    if not body:
        return None
    return _field_from_body(body, "message") or body


class RESTResponse:
    """The official low-level response wrapper: ``status``, ``reason``, ``data`` (text),
    ``headers``."""

    def __init__(self, resp: httpx.Response) -> None:
        self.status = resp.status_code
        self.reason = resp.reason_phrase
        self.data = resp.text
        self.headers = resp.headers
        self.request_body_size = 0

    def json(self) -> Any:
        return json.loads(self.data)

    def getheader(self, name: str, default: str | None = None) -> str | None:
        value: str | None = self.headers.get(name, default)
        return value

    def getheaders(self) -> httpx.Headers:
        return self.headers


def request_content(body: Any, headers: dict[str, str]) -> bytes | None:
    """The bytes the official REST client sends for ``body`` (a string as is, anything else as
    JSON); sets a JSON ``Content-Type`` in ``headers`` unless one is there."""
    if body is None:
        return None
    headers.setdefault("Content-Type", "application/json")
    return body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")


def checked_response(response: httpx.Response) -> RESTResponse:
    """``response`` wrapped, or the official error for a non-2xx status (401 and 403 as
    :class:`AuthorizationException`)."""
    if response.status_code in (401, 403):
        raise AuthorizationException(http_resp=response)
    if not response.is_success:
        raise ApiException(http_resp=response)
    return RESTResponse(response)


class RESTClientObject:
    """The official low-level HTTP client (one method per verb) over ``httpx``. The SDK itself
    sends through :class:`~conductor.client.http.api_client.ApiClient`; this exists for code
    that uses it directly. Non-2xx answers raise :class:`ApiException`."""

    def __init__(self, connection: httpx.Client | None = None) -> None:
        self.connection = connection if connection is not None else httpx.Client(timeout=120.0)
        self._owns_connection = connection is None

    def request(
        self,
        method: str,
        url: str,
        query_params: Any = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        post_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        send_headers = dict(headers or {})
        content = request_content(body, send_headers)
        try:
            response = self.connection.request(
                method,
                url,
                params=query_params,
                headers=send_headers,
                content=content,
                data=post_params if content is None and post_params else None,
                timeout=_request_timeout if _request_timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.HTTPError as exc:
            raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
        return checked_response(response)

    def GET(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request("GET", url, query_params, headers, None, None, _preload_content, _request_timeout)

    def HEAD(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request(
            "HEAD", url, query_params, headers, None, None, _preload_content, _request_timeout
        )

    def DELETE(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request(
            "DELETE", url, query_params, headers, body, None, _preload_content, _request_timeout
        )

    def OPTIONS(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request(
            "OPTIONS", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    def POST(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request(
            "POST", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    def PUT(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request(
            "PUT", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    def PATCH(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | None = None,
    ) -> RESTResponse:
        return self.request(
            "PATCH", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    def close(self) -> None:
        if self._owns_connection:
            self.connection.close()
