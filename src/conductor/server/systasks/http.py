"""HTTP: call an endpoint on the server's shared aiohttp session (engine.md §6.4).

Runs asynchronously from the HTTP queue (see engine/async_tasks.py): a slow endpoint delays only
its own task, never the decide loop, and a semaphore bounds how many calls are in flight.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from msgspec.structs import replace
from multidict import CIMultiDict

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.systasks.base import SystemTaskContext, completed, failed

DEFAULT_TIMEOUT_MS = 3000
METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS")


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _headers(raw: Any) -> CIMultiDict[str]:
    """Request headers from the task input: null values are skipped, a list gives one header
    line per value (the DSL's ``HttpInput`` types headers as ``{name: [values]}``)."""
    headers: CIMultiDict[str] = CIMultiDict()
    if not isinstance(raw, dict):
        return headers
    for name, value in raw.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item is not None:
                headers.add(str(name), item if isinstance(item, str) else json.dumps(item))
    return headers


class HttpClient:
    """One aiohttp session for every HTTP task, with bounded concurrency."""

    def __init__(self, max_in_flight: int = 64) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._limit = asyncio.Semaphore(max_in_flight)

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        return self._session

    async def call(self, request: dict[str, Any]) -> dict[str, Any]:
        method = str(request.get("method") or "GET").upper()
        uri = str(request["uri"])
        headers = _headers(request.get("headers"))
        accept = request.get("accept") or "application/json"
        if isinstance(accept, list):
            accept = ", ".join(str(a) for a in accept)
        if "Accept" not in headers:
            headers["Accept"] = str(accept)
        content_type = str(request.get("contentType") or "application/json")
        body = request.get("body")
        data: bytes | None = None
        if body is not None and method not in ("GET", "HEAD"):
            # A string is sent as is (as Conductor's HTTP client does), anything else as JSON.
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            if "Content-Type" not in headers:
                headers["Content-Type"] = content_type
        connect_ms = int(request.get("connectionTimeOut") or DEFAULT_TIMEOUT_MS)
        read_ms = int(request.get("readTimeOut") or DEFAULT_TIMEOUT_MS)
        timeout = aiohttp.ClientTimeout(sock_connect=connect_ms / 1000, sock_read=read_ms / 1000)
        async with (
            self._limit,
            self.session().request(
                method, uri, headers=headers, data=data, timeout=timeout, allow_redirects=True
            ) as response,
        ):
            raw = await response.read()
            text = raw.decode(response.charset or "utf-8", errors="replace")
            parsed: Any = text
            if text:
                try:
                    parsed = json.loads(text, parse_float=float)
                except ValueError:
                    parsed = text
            multi: dict[str, list[str]] = {}
            for key, value in response.headers.items():
                multi.setdefault(key, []).append(value)
            return {
                "body": _number(parsed) if not isinstance(parsed, dict | list) else parsed,
                "statusCode": response.status,
                "headers": multi,
                "reasonPhrase": response.reason or "",
            }

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


class Http:
    task_type = "HTTP"
    is_async = True

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        inp = task.input_data
        request = inp.get("http_request")
        if not isinstance(request, dict):
            request = inp
        if not request.get("uri"):
            return failed(
                task, "Missing HTTP URI. See documentation for HttpTask for required input parameters"
            )
        method = str(request.get("method") or "GET").upper()
        if method not in METHODS:
            return failed(task, f"Invalid HTTP method: {method}")
        client = ctx.http
        if client is None:
            return failed(task, "HTTP client is not available on this server")
        try:
            response = await client.call({**request, "method": method})
        except (aiohttp.ClientError, TimeoutError, ValueError, OSError) as exc:
            reason = f"Failed to invoke HTTP task due to: {type(exc).__name__}: {exc}"
            return failed(task, reason, output={"response": reason})
        status = response["statusCode"]
        if 200 <= status < 300:
            if task.workflow_task.async_complete:
                return replace(task, status=TaskStatus.IN_PROGRESS, output_data={"response": response})
            return completed(task, {"response": response})
        reason = f"Failed to invoke HTTP task due to: {status} {response['reasonPhrase']}: {response['body']}"
        return failed(task, reason[:500], output={"response": response})

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return None

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None:
        return None
