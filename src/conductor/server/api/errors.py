"""The single exception -> HTTP status table and Conductor's error body (docs/api.md §5)."""

from __future__ import annotations

import logging
import socket
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from conductor.server.domain.errors import (
    BadRequest,
    ConductorError,
    Conflict,
    InvalidState,
    NotFound,
    StorageFull,
    StorageUnavailable,
    Transient,
    ValidationFailed,
)

log = logging.getLogger("conductor.server.api")
_HOST = socket.gethostname()


class ValidationError(msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True):
    path: str | None = None
    message: str = ""
    invalid_value: str | None = None


class ErrorResponse(msgspec.Struct, rename="camel", kw_only=True, omit_defaults=True):
    status: int
    message: str
    instance: str
    retryable: bool
    validation_errors: list[ValidationError] | None = None


def _response(body: ErrorResponse) -> Response[bytes]:
    return Response(content=msgspec.json.encode(body), status_code=body.status, media_type=MediaType.JSON)


# The HTTP status of each exception of the domain (docs/api.md §5); a subclass not listed takes
# its nearest listed ancestor's. InvalidState is 500 as in Conductor (clients branch on it).
STATUS: dict[type[ConductorError], int] = {
    ConductorError: 500,
    BadRequest: 400,
    ValidationFailed: 400,
    NotFound: 404,
    Conflict: 409,
    InvalidState: 500,
    Transient: 500,
    StorageUnavailable: 503,
    StorageFull: 507,
}


def status_of(exc: ConductorError) -> int:
    for cls in type(exc).__mro__:
        status = STATUS.get(cls)
        if status is not None:
            return status
    return 500


def error_body(exc: ConductorError) -> ErrorResponse:
    """Conductor's error body for one of our exceptions."""
    errors = None
    if isinstance(exc, ValidationFailed):
        errors = [
            ValidationError(path=v.path, message=v.message, invalid_value=v.invalid_value)
            for v in exc.violations
        ]
    return ErrorResponse(
        status=status_of(exc),
        message=exc.message,
        instance=_HOST,
        retryable=exc.retryable,
        validation_errors=errors,
    )


def conductor_error(_: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    assert isinstance(exc, ConductorError)
    return _response(error_body(exc))


def http_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    """Framework errors (bad JSON, bad parameter, unknown route, wrong method) in Conductor's shape."""
    assert isinstance(exc, HTTPException)
    if isinstance(exc, ValidationException):
        details = exc.extra if isinstance(exc.extra, list) else []
        errors = [
            ValidationError(
                path=str(d.get("key") or d.get("source") or ""), message=str(d.get("message", ""))
            )
            for d in details
            if isinstance(d, dict)
        ]
        first = errors[0].message if errors else str(exc.detail)
        message = f"Invalid request: {first}" if errors else str(exc.detail)
        return _response(
            ErrorResponse(
                status=400, message=message, instance=_HOST, retryable=False, validation_errors=errors or None
            )
        )
    message = str(exc.detail)
    path = request.url.path
    if (
        exc.status_code == 404
        and not path.startswith("/api")
        and "text/html" in request.headers.get("accept", "")
    ):
        from conductor.server.ui.pages import not_found_html  # a person with a browser: a page

        return not_found_html(f"Nothing lives at {path}.")
    if exc.status_code == 404 and message in ("", "Not Found"):
        # Spring's wording for an unmatched path (docs/api.md §1.1).
        message = f"No static resource {request.url.path.lstrip('/')}."
    return _response(ErrorResponse(status=exc.status_code, message=message, instance=_HOST, retryable=False))


def internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    return _response(unexpected_error_body(request.method, request.url.path, exc))


def unexpected_error_body(method: str, path: str, exc: Exception) -> ErrorResponse:
    """A 500 that names the exception's type only (no stack trace, no message): logged here."""
    log.exception("unhandled error on %s %s", method, path, exc_info=exc)
    return ErrorResponse(
        status=500, message=f"Internal server error: {type(exc).__name__}", instance=_HOST, retryable=False
    )


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    ConductorError: conductor_error,
    HTTPException: http_error,
    Exception: internal_error,
}
