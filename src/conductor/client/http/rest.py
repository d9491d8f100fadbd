"""``ApiException`` and ``AuthorizationException``, the HTTP-level errors of the official SDK.

Raised by :class:`~conductor.client.http.api_client.ApiClient`; both derive from
:class:`~conductor.client.exceptions.api_error.APIError`, so ``except APIError`` catches every
server error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from conductor.client.exceptions.api_error import APIError

if TYPE_CHECKING:
    import httpx

__all__ = ["ApiException", "AuthorizationException", "RestException"]


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
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
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
        return self.code == 0 or self.code == 429 or self.code >= 500

    def __str__(self) -> str:
        text = f"({self.status})\nReason: {self.reason}\n"
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
        return f"authorization error: {self._error_code}.  status_code: {self.status}, reason: {self.reason}"


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
