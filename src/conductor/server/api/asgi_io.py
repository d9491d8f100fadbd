"""What the raw-ASGI shortcuts for the hottest JSON routes share (`fast_update.py`,
`fast_start.py`): take the body only when it is exactly what the route would accept, else hand
the whole request (body replayed) to the framework, which gives its own 400s and 413s; answer
in one piece, and failures in Conductor's error shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import msgspec

from conductor.server.api.errors import error_body, unexpected_error_body
from conductor.server.domain.errors import BadRequest, ConductorError
from conductor.server.domain.nesting import json_too_deep

T = TypeVar("T")
JSON_HEADERS = [(b"content-type", b"application/json")]
# As the routes answer ids (`responses.text`).
TEXT_HEADERS = [(b"content-type", b"text/plain;charset=UTF-8")]
encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode


async def json_request(
    app: Any,
    scope: Any,
    receive: Any,
    send: Any,
    limits: tuple[int, int],
    convert: Callable[[dict[str, Any]], T],
) -> T | None:
    """The request's JSON object body through `convert`, or None once `app` has answered the
    request instead: another content type, a body over the (bytes, nesting depth) `limits`,
    anything but a JSON object, or one `convert` rejects (as the framework's decoding would)."""
    max_body, max_depth = limits
    body, complete = await read_body(receive, max_body)
    if complete:
        taken = _taken(scope, body, max_depth, convert)
        if taken is not None:
            return taken
    await app(scope, replay(body, complete, receive), send)
    return None


def _taken(scope: Any, body: bytes, max_depth: int, convert: Callable[[dict[str, Any]], T]) -> T | None:
    content_type = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
    if not content_type.startswith(b"application/json") or not body:
        return None
    try:
        if json_too_deep(body, max_depth):
            return None
        document = _decode(body)
        return convert(document) if isinstance(document, dict) else None
    except (msgspec.DecodeError, msgspec.ValidationError, BadRequest, ValueError, TypeError):
        return None


async def read_body(receive: Any, max_body: int) -> tuple[bytes, bool]:
    """The whole body, and whether it was read whole within the limit (else the part read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        chunks.append(chunk)
        if size > max_body:
            return b"".join(chunks), False
        if not message.get("more_body", False):
            return b"".join(chunks), True


def replay(body: bytes, complete: bool, receive: Any) -> Any:
    """A `receive` that hands the application the body already read, then whatever follows."""
    sent = False

    async def replayed() -> Any:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replayed


async def answer(send: Any, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    length = (b"content-length", str(len(body)).encode())
    await send({"type": "http.response.start", "status": status, "headers": [*headers, length]})
    await send({"type": "http.response.body", "body": body})


async def answer_failure(send: Any, exc: Exception, method: str, path: str) -> None:
    """As the framework's exception handler: Conductor's error body, a 500 for the unexpected."""
    error = error_body(exc) if isinstance(exc, ConductorError) else unexpected_error_body(method, path, exc)
    await answer(send, error.status, JSON_HEADERS, encode(error))
