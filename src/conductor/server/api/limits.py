"""Checks on request bodies made before they are decoded (set on every router as its request class).

A JSON body nested deeper than ``PYCONDUCTOR_MAX_JSON_DEPTH`` (default 128) is refused with 400
and Conductor's error body: such documents broke recursive code paths (workflow input nested
~480 levels answered 500; ~330 levels was stored and then broke every search returning it).
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from conductor.server.domain.errors import BadRequest
from conductor.server.domain.nesting import DEFAULT_MAX_JSON_DEPTH, json_too_deep, too_deep_message

__all__ = ["LimitedRequest", "check_body_depth", "max_json_depth", "reject_nul_parameters"]


def max_json_depth(request: Request[Any, Any, Any]) -> int:
    svc = request.app.state.get("services")
    return int(getattr(svc, "max_json_depth", DEFAULT_MAX_JSON_DEPTH))


def check_body_depth(request: Request[Any, Any, Any], body: bytes) -> None:
    """Raise BadRequest (400) when ``body`` nests deeper than the configured limit."""
    limit = max_json_depth(request)
    if json_too_deep(body, limit):
        raise BadRequest(too_deep_message("The request body", limit))


class LimitedRequest(Request[Any, Any, Any]):
    """Litestar's request, whose JSON decoding (what fills every ``data`` parameter) first checks
    the nesting depth: the decoder and the code after it recurse once per level."""

    async def json(self) -> Any:
        check_body_depth(self, await self.body())
        return await super().json()


async def reject_nul_parameters(request: Request[Any, Any, Any]) -> None:
    """A NUL character in a path or query parameter (``%00``) is a 400 naming it: names and ids
    reach text columns, which PostgreSQL cannot store it in (a 500)."""
    for name, value in request.path_params.items():
        if isinstance(value, str) and "\x00" in value:
            raise BadRequest(f"Path parameter {name} must not contain a NUL character")
    for name, value in request.query_params.multi_items():
        if "\x00" in value or "\x00" in name:
            raise BadRequest(f"Query parameter {name.replace(chr(0), '')} must not contain a NUL character")
