"""Starting a workflow by name without the framework's per-request machinery.

`POST /api/workflow/{name}` with the input as its body is how most clients start workflows
(the official SDKs' `start_workflow_by_name`, scripts, the peers' benchmark harness). Like the
task update (`fast_update.py`), this ASGI wrapper answers it with the same service call as the
Litestar route (`routes/workflows.py::start_workflow_by_name`, which documents it in the OpenAPI
schema), minus routing, signature modelling and response building.

It takes only the plain form: no query parameters (a version, correlation id or priority go to
the framework), a name that is one path segment other than the routes' own (`test`), and a JSON
object body within the size and nesting limits. Anything else is handed to the application
with the body replayed, so every error is the framework's.
"""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.api.asgi_io import answer, read_body, replay
from conductor.server.api.deps import Services
from conductor.server.api.errors import error_body, unexpected_error_body
from conductor.server.domain.errors import BadRequest, ConductorError
from conductor.server.domain.nesting import json_too_deep
from conductor.server.domain.requests import StartWorkflowRequest

PREFIX = "/api/workflow/"
# Single-segment POST routes under /api/workflow that are not a workflow name.
RESERVED = frozenset({"test"})
_JSON = [(b"content-type", b"application/json")]
# As the route answers (`responses.text`): the workflow id as text.
_TEXT = [(b"content-type", b"text/plain;charset=UTF-8")]
_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode


def fast_start(app: Any, services: Services, max_body: int) -> Any:
    async def handle(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path") if scope["type"] == "http" else None
        name = _name(path) if scope.get("method") == "POST" and not scope["query_string"] else None
        if name is None:
            await app(scope, receive, send)
            return
        body, complete = await read_body(receive, max_body)
        data = _input(scope, body, services.max_json_depth) if complete else None
        if data is None:
            await app(scope, replay(body, complete, receive), send)
            return
        try:
            request = StartWorkflowRequest(name=name, input=data)
            workflow_id = await services.workflows.start(request, not_found_style="by_name")
            await answer(send, 200, _TEXT, workflow_id.encode())
        except ConductorError as exc:
            error = error_body(exc)
            await answer(send, error.status, _JSON, _encode(error))
        except Exception as exc:  # as the framework's handler: a 500 in Conductor's shape
            error = unexpected_error_body("POST", path or "", exc)
            await answer(send, 500, _JSON, _encode(error))

    return handle


def _name(path: str | None) -> str | None:
    if path is None or not path.startswith(PREFIX):
        return None
    name = path[len(PREFIX) :]
    # (a NUL goes to the framework's parameter check: a 400 naming the parameter)
    if not name or "/" in name or "\x00" in name or name in RESERVED:
        return None
    return name


def _input(scope: Any, body: bytes, max_depth: int) -> dict[str, Any] | None:
    """The body as the route's `data: dict[str, Any]`, or None to let the framework answer."""
    content_type = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
    if not content_type.startswith(b"application/json") or not body:
        return None
    try:
        if json_too_deep(body, max_depth):
            return None
        document = _decode(body)
    except (msgspec.DecodeError, BadRequest, ValueError, TypeError):
        return None
    return document if isinstance(document, dict) else None
