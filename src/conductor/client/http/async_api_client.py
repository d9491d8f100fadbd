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
from collections.abc import Mapping, Sequence
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
from conductor.client.http.models._serde import JsonValue, to_json_value
from conductor.client.http.rest import (
    ApiException,
    AuthorizationException,
    RESTResponse,
    checked_response,
    request_content,
)

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
        resource_path: str,
        method: str,
        path_params: Mapping[str, Any] | None = None,
        query_params: QueryParams | None = None,
        header_params: Mapping[str, str] | None = None,
        body: Any = NO_BODY,
        post_params: Any = None,
        files: Any = None,
        response_type: Any = None,
        auth_settings: Any = None,
        _return_http_data_only: bool | None = None,
        collection_formats: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        *,
        query: QueryParams = (),
        accept: str = "application/json",
    ) -> Any:
        """Perform one request and decode the answer. Two calling conventions, told apart by
        the first argument, as :meth:`ApiClient.call_api <conductor.client.http.api_client.ApiClient.call_api>`:

        - ours, ``await call_api("GET", "/tasks/{id}", path_params=..., query=[...],
          response_type=Task)``: answers the decoded data;
        - the official one, ``await call_api("/tasks/{id}", "GET", path_params, query_params,
          header_params, body=..., response_type="Task", _return_http_data_only=True)``:
          answers ``(data, status, headers)`` unless ``_return_http_data_only``.
        """
        if not resource_path.startswith("/"):
            data, _status, _headers = await self.call_api_with_http_info(
                resource_path,
                method,
                path_params=path_params,
                query=list(query_params or ()) + list(query),
                body=body,
                accept=accept,
                response_type=response_type,
            )
            return data
        headers = dict(header_params or {})
        data, status, response_headers = await self.call_api_with_http_info(
            method,
            resource_path,
            path_params=path_params,
            query=self.parameters_to_tuples(query_params or (), collection_formats) + list(query),
            body=NO_BODY if body is None else body,
            accept=headers.pop("Accept", accept),
            response_type=response_type,
            headers=headers,
        )
        return data if _return_http_data_only else (data, status, response_headers)

    async def call_api_with_http_info(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: QueryParams = (),
        body: Any = NO_BODY,
        accept: str = "application/json",
        response_type: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[Any, int, dict[str, str]]:
        """Perform one request: ``(decoded data, HTTP status, response headers)``. A 401/403
        for an expired or invalid token refreshes the token and is retried once."""
        if path_params:
            path = path.format(**{k: quote(str(v), safe="") for k, v in path_params.items()})
        extra = dict(headers or {})
        response = await self._send(method, path, query, body, accept, extra)
        if response.status_code == 401 or response.status_code == 403:
            error = AuthorizationException(http_resp=response)
            if (error.token_expired or error.invalid_token) and self._auth._auth_enabled():
                # The server rejected our token: get a fresh one and try exactly once more.
                await asyncio.to_thread(self._auth._refresh_token, force=True)
                response = await self._send(method, path, query, body, accept, extra)
        if not response.is_success:
            if response.status_code == 401 or response.status_code == 403:
                raise AuthorizationException(http_resp=response)
            raise ApiException(http_resp=response)
        return ApiClient._decode(response, response_type), response.status_code, dict(response.headers)

    async def request(
        self,
        method: str,
        url: str,
        query_params: QueryParams | None = None,
        headers: Mapping[str, str] | None = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        metric_uri: str | None = None,
    ) -> RESTResponse:
        """One raw request to an absolute ``url`` (the official low-level entry point), with
        this client's default and authentication headers: answers the official
        :class:`~conductor.client.http.rest.RESTResponse`; non-2xx answers raise as
        ``call_api`` does."""
        all_headers = {**self.default_headers, **(headers or {}), **(await self._auth_headers())}
        content = request_content(None if body is None else to_json_value(body), all_headers)
        try:
            async with self._gate:
                response = await self.http_client.request(
                    method.upper(),
                    url,
                    params=_query_params(query_params or ()),
                    headers=all_headers,
                    content=content,
                    data=post_params if content is None and post_params else None,
                    timeout=_request_timeout if _request_timeout is not None else httpx.USE_CLIENT_DEFAULT,
                )
        except httpx.HTTPError as exc:
            raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
        return checked_response(response)

    # -- the official AsyncApiClient's helpers (the same rules as the sync ApiClient's) --------

    def sanitize_for_serialization(self, obj: Any) -> JsonValue:
        """Plain JSON data for ``obj`` (models become their camelCase dicts)."""
        return to_json_value(obj)

    def deserialize(self, response: Any, response_type: Any) -> Any:
        """Decode a response (a ``RESTResponse`` or anything with ``.data`` or ``.content``)
        into ``response_type`` (a type or an official swagger name such as ``"list[Task]"``)."""
        return self._auth.deserialize(response, response_type)

    def deserialize_class(self, data: Any, klass: Any) -> Any:
        """Decoded JSON ``data`` as ``klass`` (a model, ``list[Model]``, a swagger name...)."""
        return self._auth.deserialize_class(data, klass)

    def parameters_to_tuples(
        self,
        params: Mapping[str, Any] | Sequence[tuple[str, Any]],
        collection_formats: Mapping[str, str] | None,
    ) -> list[tuple[str, Any]]:
        """Parameters as (name, value) pairs, list values joined per ``collection_formats``."""
        return self._auth.parameters_to_tuples(params, collection_formats)

    def prepare_post_parameters(self, post_params: Any = None, files: Any = None) -> list[tuple[str, Any]]:
        """Form parameters as pairs (Conductor has no multipart endpoints; files unsupported)."""
        return self._auth.prepare_post_parameters(post_params, files)

    def select_header_accept(self, accepts: Sequence[str] | None) -> str | None:
        return self._auth.select_header_accept(accepts)

    def select_header_content_type(self, content_types: Sequence[str] | None) -> str:
        return self._auth.select_header_content_type(content_types)

    def update_params_for_auth(self, headers: dict[str, str], querys: Any, auth_settings: Any) -> None:
        """Copy ``auth_settings`` (what :meth:`get_authentication_headers` answers:
        ``{"header": {...}, "query": {...}}``) into ``headers`` and ``querys``."""
        if not auth_settings:
            return
        headers.update(auth_settings.get("header") or {})
        if isinstance(querys, dict):
            querys.update(auth_settings.get("query") or {})

    async def get_authentication_headers(self) -> dict[str, Any] | None:
        """``{"header": {"X-Authorization": token}}`` (fetching a token if there is none or it
        is stale), or None when the server needs no authentication."""
        headers = await self._auth_headers()
        return {"header": headers} if headers else None

    async def force_refresh_auth_token(self) -> bool:
        """Fetch a new token now (after the server rejected the current one); whether one
        was obtained. False when the client has no credentials."""
        if not self._auth._auth_enabled():
            return False
        token = await asyncio.to_thread(self._auth._refresh_token, force=True)
        return bool(token)

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
        self,
        method: str,
        path: str,
        query: QueryParams,
        body: Any,
        accept: str,
        extra_headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        headers = {
            **self.default_headers,
            **(extra_headers or {}),
            "Accept": accept,
            **(await self._auth_headers()),
        }
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
