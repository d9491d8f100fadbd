"""HTTP: call an endpoint on the server's shared aiohttp session (docs/engine.md §6.4).

Runs asynchronously from the HTTP queue (see engine/async_tasks.py): a slow endpoint delays only
its own task, never the decide loop, and a semaphore bounds how many calls are in flight.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import msgspec
from aiohttp.abc import AbstractResolver
from msgspec.structs import replace
from multidict import CIMultiDict
from yarl import URL

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SystemTaskContext, completed, failed
from conductor.server.systasks.http_policy import AddressPolicy, PolicyResolver

DEFAULT_TIMEOUT_MS = 3000
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DURATION_S = 120.0
MAX_REDIRECTS = 10
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
READ_CHUNK = 64 * 1024
# Bodies above this are decoded off the event loop (a thread hop costs more for small ones).
THREAD_DECODE_BYTES = 256 * 1024
_decoder: msgspec.json.Decoder[Any] = msgspec.json.Decoder()
METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS")


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _excerpt(body: Any, size: int = 400) -> str:
    """The start of a response body for a failure reason, without rendering all of a big one."""
    if isinstance(body, str):
        return body[:size]
    if isinstance(body, dict | list):
        return msgspec.json.encode(body)[:size].decode(errors="replace")
    return str(body)[:size]


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


class ResponseTooLarge(aiohttp.ClientError):
    """The response body is above the server's limit (it is not read any further)."""


class CallTimedOut(TimeoutError):
    """The whole call (connect, redirects, reading the body) took longer than its budget."""


def call_budget_ms(request: dict[str, Any], max_duration_s: float) -> int:
    """The overall deadline of one call: its connectionTimeOut + readTimeOut (3 s each by
    default), never more than the server's maximum. The per-read timeout alone would let an
    endpoint that sends one byte a second hold the call, and its slot, for ever."""
    total = 0
    for key in ("connectionTimeOut", "readTimeOut"):
        try:
            total += max(int(request.get(key) or DEFAULT_TIMEOUT_MS), 0)
        except (TypeError, ValueError):
            total += DEFAULT_TIMEOUT_MS
    cap = int(max_duration_s * 1000)
    return min(total, cap) if cap > 0 else total


def decode_body(raw: bytes, charset: str | None) -> Any:
    """A response body as JSON when it parses (numbers as numbers), else as text."""
    try:
        text = raw.decode(charset or "utf-8", errors="replace")
    except LookupError:  # an unknown charset in Content-Type
        text = raw.decode("utf-8", errors="replace")
    if not text:
        return text
    try:
        parsed: Any = _decoder.decode(text)
    except msgspec.DecodeError:
        try:  # what msgspec refuses but Jackson and json accept: NaN, Infinity, 1e400
            parsed = json.loads(text, parse_float=float)
        except ValueError:
            return text
    return parsed if isinstance(parsed, dict | list) else _number(parsed)


class HttpClient:
    """One aiohttp session for every HTTP task, with bounded concurrency, an address policy
    (checked on resolved addresses and on every redirect), a response size limit and an
    overall deadline per call."""

    def __init__(
        self,
        max_in_flight: int = 64,
        *,
        policy: AddressPolicy | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_duration_s: float = DEFAULT_MAX_DURATION_S,
        resolver: AbstractResolver | None = None,
    ) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._limit = asyncio.Semaphore(max_in_flight)
        self.policy = policy or AddressPolicy()
        self.max_response_bytes = max_response_bytes
        self.max_duration_s = max_duration_s
        self._resolver = resolver
        self._policy_resolver: PolicyResolver | None = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # Every connection's addresses come from this resolver: the policy sees exactly what
            # is connected to, whatever DNS answers next time.
            resolver = self._policy_resolver = PolicyResolver(self.policy, self._resolver)
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, resolver=resolver))
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
        budget_ms = call_budget_ms(request, self.max_duration_s)
        async with self._limit:
            deadline = asyncio.timeout(budget_ms / 1000)
            try:
                async with deadline:
                    return await self._exchange(method, URL(uri), headers, data, timeout)
            except TimeoutError:
                if deadline.expired():
                    raise CallTimedOut(
                        f"no complete response within {budget_ms} ms (connectionTimeOut + readTimeOut,"
                        f" at most {self.max_duration_s:g} s)"
                    ) from None
                raise

    async def _exchange(
        self,
        method: str,
        url: URL,
        headers: CIMultiDict[str],
        data: bytes | None,
        socket_timeouts: aiohttp.ClientTimeout,
    ) -> dict[str, Any]:
        """The request, following redirects here rather than in aiohttp so that each hop's
        target goes through the address policy (a literal IP never reaches the resolver)."""
        for _hop in range(MAX_REDIRECTS + 1):
            if url.scheme not in ("http", "https"):
                raise aiohttp.InvalidURL(url)
            self.policy.check_host(url.host)
            async with self.session().request(
                method, url, headers=headers, data=data, timeout=socket_timeouts, allow_redirects=False
            ) as response:
                location = response.headers.get("Location")
                if response.status not in REDIRECT_STATUSES or not location:
                    return await self._result(response)
                target = response.url.join(URL(location))
            if (response.status == 303 and method != "HEAD") or (
                response.status in (301, 302) and method == "POST"
            ):
                # As browsers and aiohttp do: the redirected request is a GET without a body.
                method, data = "GET", None
                headers.popall("Content-Type", None)
            if target.origin() != url.origin():
                # Credentials meant for one host are not handed to another.
                headers.popall("Authorization", None)
                headers.popall("Cookie", None)
            url = target
        raise aiohttp.ClientError(f"too many redirects (more than {MAX_REDIRECTS})")

    async def _result(self, response: aiohttp.ClientResponse) -> dict[str, Any]:
        raw = await self._read(response)
        if len(raw) > THREAD_DECODE_BYTES:
            # Large bodies are decoded on a worker thread, not on the event loop.
            parsed = await asyncio.to_thread(decode_body, raw, response.charset)
        else:
            parsed = decode_body(raw, response.charset)
        multi: dict[str, list[str]] = {}
        for key, value in response.headers.items():
            multi.setdefault(key, []).append(value)
        return {
            "body": parsed,
            "statusCode": response.status,
            "headers": multi,
            "reasonPhrase": response.reason or "",
        }

    async def _read(self, response: aiohttp.ClientResponse) -> bytes:
        """The body, refused as soon as it is known to exceed the limit (never read whole)."""
        limit = self.max_response_bytes
        too_large = f"the response body is larger than the limit of {limit} bytes"
        if limit > 0 and response.content_length is not None and response.content_length > limit:
            raise ResponseTooLarge(f"{too_large} (Content-Length: {response.content_length})")
        body = bytearray()
        async for chunk in response.content.iter_chunked(READ_CHUNK):
            body += chunk
            if 0 < limit < len(body):
                raise ResponseTooLarge(too_large)
        return bytes(body)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._policy_resolver is not None:  # a resolver passed to aiohttp is ours to close
            await self._policy_resolver.close()
            self._policy_resolver = None


class Http:
    task_type: str = TaskType.HTTP
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
        reason = f"Failed to invoke HTTP task due to: {status} {response['reasonPhrase']}: {_excerpt(response['body'])}"
        return failed(task, reason[:500], output={"response": response})

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return None

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None:
        return None
