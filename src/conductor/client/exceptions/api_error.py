"""Errors raised when the server answers a request with an error.

Hierarchy::

    APIError                      every failed server call: .code/.status, .message
    └── ApiException              (conductor.client.http.rest) + .reason, .body, .headers
        └── AuthorizationException  401/403, + .error_code (EXPIRED_TOKEN, INVALID_TOKEN, ...)

``status``/``code`` is the HTTP status, or 0 when no response arrived (connection refused,
timeout). ``message`` is the ``message`` field of the server's JSON error body
(``{"status", "message", ...}``), else the raw body, else the HTTP reason phrase.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["APIError", "APIErrorCode"]


class APIErrorCode(IntEnum):
    """HTTP statuses the SDK names. Compares equal to the plain status integer."""

    UNKNOWN = 0
    BAD_REQUEST = 400
    FORBIDDEN = 403
    NOT_FOUND = 404
    REQUEST_TIMEOUT = 408
    CONFLICT = 409


class APIError(Exception):
    """A server call failed; ``code`` (alias ``status``) is the HTTP status or 0."""

    def __init__(
        self,
        status: int | None = None,
        reason: str | None = None,
        http_resp: object | None = None,
        body: str | None = None,
    ) -> None:
        # The official parameter names (status, reason, http_resp, body); positionally this is
        # ``APIError(code, message)`` as the official exception handler raises it.
        super().__init__(status, reason)
        self.code: int = int(status) if status is not None else 0
        self.message: str | None = reason

    @property
    def status(self) -> int:
        return self.code

    def is_not_found(self) -> bool:
        return self.code == APIErrorCode.NOT_FOUND

    def __str__(self) -> str:
        return f"APIError: code={self.code} message={self.message}"
