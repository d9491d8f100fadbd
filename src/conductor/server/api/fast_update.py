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

from conductor.server.api.asgi_io import (
    JSON_HEADERS,
    TEXT_HEADERS,
    answer,
    answer_failure,
    encode,
    json_request,
)
from conductor.server.api.deps import Services
from conductor.server.domain.requests import TaskResult

UPDATE = "/api/tasks"
UPDATE_V2 = "/api/tasks/update-v2"


def _task_result(document: dict[str, Any]) -> TaskResult:
    """The body as the routes' `data: TaskResult`, converted as the framework does."""
    return msgspec.convert(document, TaskResult, strict=False)


def fast_task_update(app: Any, services: Services, max_body: int) -> Any:
    async def handle(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path") if scope["type"] == "http" else None
        if scope.get("method") != "POST" or (path != UPDATE_V2 and path != UPDATE) or scope["query_string"]:
            await app(scope, receive, send)
            return
        limits = (max_body, services.max_json_depth)
        result = await json_request(app, scope, receive, send, limits, _task_result)
        if result is None:
            return  # the framework answered
        try:
            if path == UPDATE_V2:
                following = await services.tasks.update_v2(result)
                if following is None:
                    # As Litestar answers an empty 204: no headers at all.
                    await send({"type": "http.response.start", "status": 204, "headers": []})
                    await send({"type": "http.response.body", "body": b""})
                else:
                    await answer(send, 200, JSON_HEADERS, encode(following))
            else:
                await services.tasks.update(result)
                await answer(send, 200, TEXT_HEADERS, (result.task_id or "").encode())
        except Exception as exc:
            await answer_failure(send, exc, "POST", path)

    return handle
