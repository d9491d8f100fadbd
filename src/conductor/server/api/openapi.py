"""What the OpenAPI document (``GET /api-docs``) says each operation answers, made to match.

Left to itself Litestar documents its own 400 body (``{status_code, detail, extra}``), while
every error is sent in Conductor's shape (``api/errors.py``); it leaves out the 404 / 409 / 500
that operations do send, and documents the endpoints answering a bare text id, or an empty body,
as JSON.  :func:`document` fixes all of that in one place for the handlers of a router; each
routes module calls it on its router.  A handler's own ``responses=`` entries win.
"""

from __future__ import annotations

import typing
from typing import Any, Final

from litestar import Response, Router
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec

from conductor.server.api.errors import ErrorResponse

__all__ = ["ERROR_RESPONSES", "TEXT_ID", "document"]


def _error(description: str) -> ResponseSpec:
    return ResponseSpec(data_container=ErrorResponse, description=description, generate_examples=False)


#: Conductor's error body, for the statuses any operation may answer.
ERROR_RESPONSES: Final = {
    400: _error("Bad request: invalid parameters or body (Conductor's error body)"),
    404: _error("Not found: no such workflow, task or definition (Conductor's error body)"),
    409: _error("Conflict: the resource exists or is in the wrong state (Conductor's error body)"),
    500: _error("Internal error, or a transient one when retryable is true (Conductor's error body)"),
}

TEXT_ID: Final = ResponseSpec(
    data_container=str, media_type="text/plain", description="The id, as plain text", generate_examples=False
)
_EMPTY: Final = ResponseSpec(data_container=None, description="Empty body")


def document(router: Router) -> Router:
    """Give every HTTP handler of ``router`` the responses it really sends (see the module doc)."""
    for route in router.routes:
        for handler in getattr(route, "route_handlers", ()):
            if isinstance(handler, HTTPRouteHandler):
                _document(handler)
    return router


def _document(handler: HTTPRouteHandler) -> None:
    responses: dict[int, ResponseSpec] = dict(ERROR_RESPONSES)
    returns = _return_type(handler)
    if returns == Response[str]:  # text(...): a bare id
        responses[handler.status_code] = TEXT_ID
    elif returns == Response[bytes]:  # empty(...)
        responses[handler.status_code] = _EMPTY
    responses.update(handler.responses or {})
    handler.responses = responses


def _return_type(handler: HTTPRouteHandler) -> Any:
    fn = getattr(handler.fn, "__wrapped__", handler.fn)
    try:
        return typing.get_type_hints(fn).get("return")
    except (NameError, TypeError):  # an annotation that cannot be resolved: leave it as it is
        return None
