"""Task updates without the framework's per-request machinery.

`POST /api/tasks/update-v2` (our SDK) and `POST /api/tasks` (the official SDKs) carry one step
of every workflow. Like the batch poll (`fast_poll.py`), this ASGI wrapper answers them with the
same service call as the Litestar routes in `routes/tasks.py` (which document them in the
OpenAPI schema), minus routing, signature modelling and response building: about half of the
server's CPU per step went to that plumbing.

It takes only what it fully understands: a JSON body within the size limit that decodes into a
`TaskResult` exactly as the framework would (`msgspec.convert(..., strict=False)` of the decoded
document, after the nesting-depth check). Anything else is handed to the application with the
body replayed, so malformed requests still get the framework's 400s and 413s.
"""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.api.asgi_io import answer, read_body, replay
from conductor.server.api.deps import Services
from conductor.server.api.errors import error_body, unexpected_error_body
from conductor.server.domain.errors import BadRequest, ConductorError
from conductor.server.domain.nesting import json_too_deep
from conductor.server.domain.requests import TaskResult

UPDATE = "/api/tasks"
UPDATE_V2 = "/api/tasks/update-v2"
_JSON = [(b"content-type", b"application/json")]
# As Litestar answers: the task id as text; a 204 with no headers at all.
_TEXT = [(b"content-type", b"text/plain;charset=UTF-8")]
_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode


def fast_task_update(app: Any, services: Services, max_body: int) -> Any:
    async def handle(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path") if scope["type"] == "http" else None
        if scope.get("method") != "POST" or (path != UPDATE_V2 and path != UPDATE) or scope["query_string"]:
            await app(scope, receive, send)
            return
        body, complete = await read_body(receive, max_body)
        result = _result(scope, body, services.max_json_depth) if complete else None
        if result is None:
            await app(scope, replay(body, complete, receive), send)
            return
        try:
            if path == UPDATE_V2:
                following = await services.tasks.update_v2(result)
                if following is None:
                    await send({"type": "http.response.start", "status": 204, "headers": []})
                    await send({"type": "http.response.body", "body": b""})
                else:
                    await answer(send, 200, _JSON, _encode(following))
            else:
                await services.tasks.update(result)
                await answer(send, 200, _TEXT, (result.task_id or "").encode())
        except ConductorError as exc:
            error = error_body(exc)
            await answer(send, error.status, _JSON, _encode(error))
        except Exception as exc:  # as the framework's handler: a 500 in Conductor's shape
            error = unexpected_error_body("POST", path, exc)
            await answer(send, 500, _JSON, _encode(error))

    return handle


def _result(scope: Any, body: bytes, max_depth: int) -> TaskResult | None:
    """The body as the route's `data: TaskResult`, or None to let the framework answer."""
    content_type = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
    if not content_type.startswith(b"application/json") or not body:
        return None
    try:
        if json_too_deep(body, max_depth):
            return None
        document = _decode(body)
        if not isinstance(document, dict):
            return None
        return msgspec.convert(document, TaskResult, strict=False)
    except (msgspec.DecodeError, msgspec.ValidationError, BadRequest, ValueError, TypeError):
        return None
