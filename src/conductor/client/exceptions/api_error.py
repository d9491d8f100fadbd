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

    def __init__(self, code: int | None = None, message: str | None = None) -> None:
        super().__init__(code, message)
        self.code: int = int(code) if code is not None else 0
        self.message: str | None = message

    @property
    def status(self) -> int:
        return self.code

    def is_not_found(self) -> bool:
        return self.code == APIErrorCode.NOT_FOUND

    def __str__(self) -> str:
        return f"APIError: code={self.code} message={self.message}"
