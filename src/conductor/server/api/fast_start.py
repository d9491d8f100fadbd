"""Starting a workflow by name without the framework's per-request machinery.

`POST /api/workflow/{name}` with the input as its body is how most clients start workflows
(the official SDKs' `start_workflow_by_name`, scripts, the peers' benchmark harness). Like the
task update (`fast_update.py`), this ASGI wrapper answers it with the same service call as the
Litestar route (`routes/workflows.py::start_workflow_by_name`, which documents it in the OpenAPI
schema), minus routing, signature modelling and response building.

It takes only the plain form: no query parameters (a version, correlation id or priority go to
the framework), a name that is one path segment other than the routes' own (`test`), and a JSON
object body within the size and nesting limits. Anything else is handed to the application
with the body replayed, so malformed requests get the framework's 400s and 413s.
"""

from __future__ import annotations

from typing import Any

from conductor.server.api.asgi_io import TEXT_HEADERS, answer, answer_failure, json_request
from conductor.server.api.deps import Services
from conductor.server.domain.requests import StartWorkflowRequest

PREFIX = "/api/workflow/"
# Single-segment POST routes under /api/workflow that are not a workflow name.
RESERVED = frozenset({"test"})


def _input(document: dict[str, Any]) -> dict[str, Any]:
    return document  # the route's `data: dict[str, Any]`: any JSON object


def fast_start(app: Any, services: Services, max_body: int) -> Any:
    async def handle(scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path") if scope["type"] == "http" else None
        name = _name(path) if scope.get("method") == "POST" and not scope["query_string"] else None
        if path is None or name is None:
            await app(scope, receive, send)
            return
        data = await json_request(app, scope, receive, send, (max_body, services.max_json_depth), _input)
        if data is None:
            return  # the framework answered
        try:
            request = StartWorkflowRequest(name=name, input=data)
            workflow_id = await services.workflows.start(request, not_found_style="by_name")
            await answer(send, 200, TEXT_HEADERS, workflow_id.encode())
        except Exception as exc:
            await answer_failure(send, exc, "POST", path)

    return handle


def _name(path: str | None) -> str | None:
    if path is None or not path.startswith(PREFIX):
        return None
    name = path[len(PREFIX) :]
    # (a NUL goes to the framework's parameter check: a 400 naming the parameter)
    if not name or "/" in name or "\x00" in name or name in RESERVED:
        return None
    return name
