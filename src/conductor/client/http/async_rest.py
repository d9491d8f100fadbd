"""The official asyncio low-level HTTP layer: ``AsyncRESTClientObject`` and ``RESTResponse``.

One coroutine per HTTP verb over an ``httpx.AsyncClient``, answering a :class:`RESTResponse`
(``status``, ``reason``, ``data`` as text, ``headers``) and raising the official errors for
non-2xx answers. The SDK's own async requests go through
:class:`~conductor.client.http.async_api_client.AsyncApiClient`; this layer exists for code
written against the official one. The exceptions are the ones of
:mod:`conductor.client.http.rest`, so one ``except ApiException`` covers sync and async calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from conductor.client.http.rest import (
    ApiException,
    AuthorizationException,
    RestException,
    RESTResponse,
    checked_response,
    request_content,
)

__all__ = ["ApiException", "AsyncRESTClientObject", "AuthorizationException", "RESTResponse", "RestException"]

_METHODS = frozenset({"GET", "HEAD", "DELETE", "POST", "PUT", "PATCH", "OPTIONS"})
# The official client retries these once after a broken connection; the others could have
# reached the server.
_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class AsyncRESTClientObject:
    """Sends one request per call. ``connection`` injects the ``httpx.AsyncClient`` (it is
    then not closed by :meth:`close`); by default one is made with the official timeouts."""

    def __init__(self, connection: httpx.AsyncClient | None = None) -> None:
        self._owns_connection = connection is None
        self.connection = connection if connection is not None else _default_client()

    async def __aenter__(self) -> AsyncRESTClientObject:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_connection:
            await self.connection.aclose()

    async def request(
        self,
        method: str,
        url: str,
        query_params: Any = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        post_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        """Send ``method url`` with ``query_params``; ``body`` goes as JSON (a string as is),
        ``post_params`` as a form. ``_request_timeout`` is seconds, or (connect, read)."""
        method = method.upper()
        if method not in _METHODS:
            raise ValueError(f"unsupported HTTP method {method!r}")
        if body is not None and post_params:
            raise ValueError("body parameter cannot be used with post_params parameter.")
        send_headers = dict(headers or {})
        content = request_content(body, send_headers)
        timeout = _timeout(_request_timeout)
        for attempt in (1, 2):
            try:
                response = await self.connection.request(
                    method,
                    url,
                    params=query_params,
                    headers=send_headers,
                    content=content,
                    data=post_params if post_params else None,
                    timeout=timeout,
                )
                break
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                # A keep-alive connection the server had closed: retry once if that is safe.
                if attempt == 1 and method in _IDEMPOTENT:
                    continue
                raise ApiException(
                    status=0, reason=f"Protocol error ({type(exc).__name__}): {exc}", transient=True
                ) from exc
            except httpx.HTTPError as exc:
                raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
        return checked_response(response)

    async def GET(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "GET", url, query_params, headers, None, None, _preload_content, _request_timeout
        )

    async def HEAD(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "HEAD", url, query_params, headers, None, None, _preload_content, _request_timeout
        )

    async def DELETE(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "DELETE", url, query_params, headers, body, None, _preload_content, _request_timeout
        )

    async def OPTIONS(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "OPTIONS", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    async def POST(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "POST", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    async def PUT(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "PUT", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )

    async def PATCH(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: float | tuple[float, float] | None = None,
    ) -> RESTResponse:
        return await self.request(
            "PATCH", url, query_params, headers, body, post_params, _preload_content, _request_timeout
        )


def _default_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=httpx.Timeout(120.0, connect=10.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=50, keepalive_expiry=30.0),
        follow_redirects=True,
    )


def _timeout(value: float | tuple[float, float] | None) -> Any:
    if value is None:
        # httpx reads timeout=None as "never time out": the client's own timeout must apply.
        return httpx.USE_CLIENT_DEFAULT
    if isinstance(value, tuple):
        return httpx.Timeout(value[1], connect=value[0])
    return httpx.Timeout(value)
