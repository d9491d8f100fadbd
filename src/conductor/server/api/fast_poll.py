"""The batch poll without the framework's per-request machinery.

`GET /api/tasks/poll/batch/{taskType}` is the busiest endpoint by far: every idle worker of the
official SDK sends about ten a second. This ASGI wrapper answers it with the same service call
as the Litestar route (`routes/tasks.py`, which also documents it in the OpenAPI schema), minus
routing, signature parsing and response building. Anything it does not recognise exactly goes
to the application unchanged, so malformed requests still get the framework's 400s.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs, unquote

import msgspec

from conductor.server.api.asgi_io import JSON_HEADERS, answer
from conductor.server.api.deps import Services
from conductor.server.api.errors import error_body
from conductor.server.domain.errors import ConductorError
from conductor.server.domain.numbers import INT64_MAX, INT64_MIN
from conductor.server.queue.wakeup import Gone

PREFIX = "/api/tasks/poll/batch/"
_encode = msgspec.json.Encoder().encode

# Parsed polls by (path, query string). Idle workers repeat the same request ten times a second,
# so parsing it again is wasted work. Bounded twice over, since clients choose the keys: short
# requests only (what real workers send) and this many of them, all dropped when full.
_MAX_PARSED = 10_000
_MAX_PARSED_CHARS = 512


class _Poll(msgspec.Struct, frozen=True):
    task_type: str
    worker_id: str | None
    domain: str | None
    count: int
    timeout_ms: int


def _param(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0] if values else None


def _nul_in(params: dict[str, list[str]]) -> bool:
    return any("\x00" in v for vs in params.values() for v in vs)


def _parse(path: str, query: bytes) -> _Poll | None:
    """The poll a request asks for, or None when the framework must answer it (its 400s)."""
    task_type = unquote(path[len(PREFIX) :])
    params = parse_qs(query.decode("latin-1"))
    try:
        count = int(_param(params, "count") or 1)
        timeout_ms = int(_param(params, "timeout") or 100)
    except ValueError:
        return None  # let the framework answer the malformed number
    if not (INT64_MIN <= count <= INT64_MAX and INT64_MIN <= timeout_ms <= INT64_MAX):
        # Beyond 64 bits reached SQLite as an OverflowError (a plain-text 500 from here):
        # the framework's parameter check answers it with a 400 in Conductor's shape.
        return None
    # A NUL can only come percent-encoded (or raw) in the query: look at the bytes once.
    has_nul = "\x00" in task_type or ((b"%00" in query or b"\x00" in query) and _nul_in(params))
    if not task_type or "/" in task_type or has_nul:
        # (a NUL goes to the framework's parameter check: a 400 naming the parameter)
        return None
    return _Poll(task_type, _param(params, "workerid"), _param(params, "domain"), count, timeout_ms)


def fast_batch_poll(app: Any, services: Services) -> Any:
    parsed: dict[tuple[str, bytes], _Poll] = {}

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(PREFIX):
            await app(scope, receive, send)
            return
        path: str = scope["path"]
        query: bytes = scope["query_string"]
        key = (path, query)
        poll = parsed.get(key)
        if poll is None:
            poll = _parse(path, query)
            if poll is None:
                await app(scope, receive, send)
                return
            if len(path) + len(query) <= _MAX_PARSED_CHARS:
                if len(parsed) >= _MAX_PARSED:
                    parsed.clear()
                parsed[key] = poll
        gone = Gone()
        watcher = (
            asyncio.get_running_loop().create_task(_watch(receive, gone)) if poll.timeout_ms > 0 else None
        )
        try:
            tasks = await services.tasks.poll(
                poll.task_type, poll.worker_id, poll.domain, poll.count, poll.timeout_ms, gone
            )
            status, body = 200, _encode(tasks)
        except ConductorError as exc:
            error = error_body(exc)
            status, body = error.status, _encode(error)
        finally:
            if watcher is not None:
                watcher.cancel()
        # With its length, as the framework answers: clients read one body, not chunks.
        await answer(send, status, JSON_HEADERS, body)

    return handle


async def _watch(receive: Any, gone: Gone) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return
