"""``AsyncApiClient``: the asyncio counterpart of :class:`~conductor.client.http.api_client.ApiClient`.

Used by async workers (``automator/async_task_runner.py``) so that polls and result updates
never block the event loop that runs the worker coroutines. It speaks exactly the same wire
format: bodies encoded as Conductor JSON, answers decoded into models with the same rules
(204 or an empty body -> ``None``), errors mapped to the same
:class:`~conductor.client.http.rest.ApiException` / ``AuthorizationException``.

Authentication reuses a synchronous ``ApiClient``'s token cache: the token is read from the
shared ``Configuration`` without I/O while it is fresh; the rare refresh (one ``POST /token``)
runs in a worker thread, so it does not stall the loop either.

One ``httpx.AsyncClient`` per ``AsyncApiClient``: it is bound to the event loop that first
uses it, so it must be created (or at least first used) inside the loop, and closed with
``await close()``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import httpx
import msgspec

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import (
    NO_BODY,
    ApiClient,
    QueryParams,
    _NoBody,
    _query_params,
    _tls_verification,
)
from conductor.client.http.models._serde import to_json_value
from conductor.client.http.rest import ApiException, AuthorizationException

__all__ = ["AsyncApiClient"]

logger = logging.getLogger(__name__)

# No pool timeout: a burst of a thousand results may queue for a connection for a while, and
# that is not an error (the request timeout still bounds each exchange once it has one).
_TIMEOUT = httpx.Timeout(120.0, connect=10.0, pool=None)
# Few connections, and never more requests inside httpx than connections. httpcore's pool does
# work proportional to (queued requests x connections) and to connections squared on every
# request event. Measured with bench/async_workers_bench.py (1,000 tasks reported at once, one
# worker process, the server on the same 2 cores): httpx's default queueing with 100
# connections cost the worker 11.9 s of CPU and 15.6 s of wall time; queuing here instead
# with 100 connections, 4.6 s / 6.7 s; with 50, 3.5-4.8 s / 6.4-8.2 s; with 20, 2.1 s / 5.3 s;
# with 8, 1.2 s / 3.5 s; with 2-4, 1.0 s / 3.5-4.3 s. The server is one process: 8 parallel
# requests keep it busy.
_MAX_CONNECTIONS = 8
_LIMITS = httpx.Limits(
    max_connections=_MAX_CONNECTIONS, max_keepalive_connections=_MAX_CONNECTIONS, keepalive_expiry=30.0
)


class AsyncApiClient:
    """Sends requests to ``configuration.host`` from an event loop and decodes the answers.

    ``transport`` injects an ``httpx`` async transport (tests record requests with one).
    ``metrics_collector`` is accepted for compatibility with the official SDK and ignored.
    """

    def __init__(
        self,
        configuration: Configuration | None = None,
        header_name: str | None = None,
        header_value: str | None = None,
        cookie: str | None = None,
        metrics_collector: object | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.configuration = configuration if configuration is not None else Configuration()
        # Token handling (and its back-off) lives in the sync client; it is only asked for a
        # token, never used to send our requests.
        self._auth = ApiClient(self.configuration)
        self.default_headers: dict[str, str] = {}
        if header_name is not None and header_value is not None:
            self.default_headers[header_name] = header_value
        if cookie is not None:
            self.default_headers["Cookie"] = cookie
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        # At most one request per pooled connection is handed to httpx (see _MAX_CONNECTIONS):
        # waiting on this semaphore is O(1) per request, httpcore's queue is not.
        self._gate = asyncio.Semaphore(_MAX_CONNECTIONS)

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient``, created on first use (inside the running loop)."""
        if self._client is None or self._client.is_closed:
            if self._transport is not None:
                self._client = httpx.AsyncClient(
                    transport=self._transport, timeout=_TIMEOUT, follow_redirects=True
                )
            else:
                verify = _tls_verification(self.configuration)
                self._client = httpx.AsyncClient(
                    timeout=_TIMEOUT,
                    limits=_LIMITS,
                    follow_redirects=True,
                    verify=verify,
                    proxy=self.configuration.proxy,
                    # Connection attempts (not requests) are retried, as in the sync client.
                    transport=httpx.AsyncHTTPTransport(retries=3, verify=verify, limits=_LIMITS),
                )
        return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def __aenter__(self) -> AsyncApiClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def call_api(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: QueryParams = (),
        body: Any = NO_BODY,
        accept: str = "application/json",
        response_type: Any = None,
    ) -> Any:
        """Perform one request and decode the answer (same contract as ``ApiClient.call_api``)."""
        if path_params:
            path = path.format(**{k: quote(str(v), safe="") for k, v in path_params.items()})
        response = await self._send(method, path, query, body, accept)
        if response.status_code == 401 or response.status_code == 403:
            error = AuthorizationException(http_resp=response)
            if (error.token_expired or error.invalid_token) and self._auth._auth_enabled():
                # The server rejected our token: get a fresh one and try exactly once more.
                await asyncio.to_thread(self._auth._refresh_token, force=True)
                response = await self._send(method, path, query, body, accept)
        if not response.is_success:
            if response.status_code == 401 or response.status_code == 403:
                raise AuthorizationException(http_resp=response)
            raise ApiException(http_resp=response)
        return ApiClient._decode(response, response_type)

    async def _auth_headers(self) -> dict[str, str]:
        if not self._auth._auth_enabled():
            return {}
        config = self.configuration
        if config.AUTH_TOKEN and self._auth._token_fresh():
            token: str | None = config.AUTH_TOKEN
        else:
            token = await asyncio.to_thread(self._auth._refresh_token, force=False)
        return {"X-Authorization": token} if token else {}

    async def _send(
        self, method: str, path: str, query: QueryParams, body: Any, accept: str
    ) -> httpx.Response:
        headers = {**self.default_headers, "Accept": accept, **(await self._auth_headers())}
        content: bytes | None = None
        if not isinstance(body, _NoBody):
            if isinstance(body, str):
                content = body.encode("utf-8")
                headers["Content-Type"] = "text/plain; charset=utf-8"
            else:
                content = msgspec.json.encode(to_json_value(body))
                headers["Content-Type"] = "application/json"
        client = self.http_client
        request = client.build_request(
            method,
            self.configuration.host + path,
            params=_query_params(query),
            headers=headers,
            content=content,
        )
        for attempt in (1, 2):
            try:
                async with self._gate:
                    return await client.send(request)
            except httpx.RemoteProtocolError as exc:
                # The server closed an idle keep-alive connection as we reused it: retry once.
                if attempt == 2:
                    raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
                logger.debug("Retrying %s %s after %s", method, path, exc)
            except httpx.HTTPError as exc:
                raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover
