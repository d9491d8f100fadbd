"""``ApiClient``: the only place in the SDK that performs HTTP.

It owns the ``httpx.Client`` (one keep-alive pool per process, shared by every ApiClient with
the same TLS/proxy settings, unless a transport or a ready client is injected), encodes request
bodies as Conductor JSON, decodes responses into models, adds the ``X-Authorization`` token
when keys are configured, and maps error responses to
:class:`~conductor.client.http.rest.ApiException`.

Response conventions: 204 or an empty body gives ``None``; text endpoints (start workflow,
``POST /tasks``) give the raw string; JSON is decoded into the requested model type.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time
from collections.abc import Mapping, Sequence
from multiprocessing.pool import ThreadPool
from typing import Any, Final
from urllib.parse import quote

import httpx
import msgspec

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models._serde import JsonValue, from_json_value, swagger_type, to_json_value
from conductor.client.http.rest import ApiException, AuthorizationException
from conductor.client.http.wire import wire_for

__all__ = ["ApiClient", "QueryParams"]

logger = logging.getLogger(__name__)

#: Query parameters as (name, value) pairs; ``None`` values are left out.
QueryParams = Sequence[tuple[str, Any]]


class _NoBody:
    """Marker for requests without a body (distinct from a JSON ``null`` body)."""


NO_BODY: Final = _NoBody()

_TIMEOUT = httpx.Timeout(120.0, connect=10.0)
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=50, keepalive_expiry=30.0)
_TOKEN_PATH = "/token"
_TOKEN_BACKOFF_CAP_SECONDS = 60.0

# One pool per process and transport settings: clients created by OrkesClients, the task
# runner and the lease extender then reuse the same keep-alive connections.
_shared_clients: dict[tuple[Any, ...], httpx.Client] = {}
_shared_clients_lock = threading.Lock()
# Token refreshes are rare; one lock keeps concurrent threads from all calling /token.
_token_lock = threading.Lock()


def _forget_shared_clients() -> None:
    # A forked child must not reuse the parent's sockets.
    _shared_clients.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_shared_clients)


def _tls_verification(configuration: Configuration) -> ssl.SSLContext | bool:
    if not configuration.verify_ssl:
        return False
    if configuration.ssl_ca_cert or configuration.cert_file:
        context = ssl.create_default_context(cafile=configuration.ssl_ca_cert)
        if configuration.cert_file:
            context.load_cert_chain(configuration.cert_file, configuration.key_file)
        return context
    return True


def _shared_client(configuration: Configuration) -> httpx.Client:
    key = (
        configuration.verify_ssl,
        configuration.ssl_ca_cert,
        configuration.cert_file,
        configuration.key_file,
        configuration.proxy,
    )
    with _shared_clients_lock:
        client = _shared_clients.get(key)
        if client is None or client.is_closed:
            verify = _tls_verification(configuration)
            client = httpx.Client(
                timeout=_TIMEOUT,
                limits=_LIMITS,
                follow_redirects=True,
                verify=verify,
                proxy=configuration.proxy,
                # Connection attempts (not requests) are retried by the transport.
                transport=httpx.HTTPTransport(retries=3, verify=verify, limits=_LIMITS),
            )
            _shared_clients[key] = client
        return client


class ApiClient:
    """Sends requests to ``configuration.host`` and decodes the answers.

    ``transport`` injects an ``httpx`` transport (``httpx.MockTransport`` in tests); the
    client then gets its own ``httpx.Client``. ``configuration.http_connection``, when set,
    is used as is.
    ``metrics_collector`` is accepted for compatibility and ignored.
    """

    def __init__(
        self,
        configuration: Configuration | None = None,
        header_name: str | None = None,
        header_value: str | None = None,
        cookie: str | None = None,
        metrics_collector: object | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.configuration = configuration if configuration is not None else Configuration()
        self.default_headers: dict[str, str] = {}
        if header_name is not None and header_value is not None:
            self.default_headers[header_name] = header_value
        if cookie is not None:
            self.default_headers["Cookie"] = cookie
        self._owns_client = transport is not None
        if transport is not None:
            self.http_client = httpx.Client(transport=transport, timeout=_TIMEOUT, follow_redirects=True)
        elif self.configuration.http_connection is not None:
            self.http_client = self.configuration.http_connection
        else:
            self.http_client = _shared_client(self.configuration)
        self._token_failures = 0
        self._token_retry_at = 0.0
        self._pool: ThreadPool | None = None
        # The lean path for plain-HTTP servers (http/wire.py), unless the caller chose the client.
        injected = transport is not None or self.configuration.http_connection is not None
        self._wire = (
            None
            if injected or os.environ.get("CONDUCTOR_HTTP_CLIENT") == "httpx"
            else wire_for(self.configuration.host, self.configuration.proxy, _TIMEOUT.read or 120.0)
        )

    # -- requests -------------------------------------------------------------------------

    def call_api(
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
        async_req: bool | None = None,
        _return_http_data_only: bool | None = None,
        collection_formats: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        metric_context: Any = None,
        *,
        path: str | None = None,
        query: QueryParams = (),
        accept: str = "application/json",
    ) -> Any:
        """Perform one request and decode the answer.

        Two calling conventions, told apart by the first argument:

        - ours, ``call_api("GET", "/workflow/{id}", path_params=..., query=[...], body=...,
          response_type=Workflow)``: answers the decoded data;
        - the official one (swagger-codegen, used by code written against the official
          ``*_resource_api`` classes), ``call_api("/workflow/{id}", "GET", path_params,
          query_params, header_params, body=..., response_type="Workflow",
          _return_http_data_only=True)``: answers ``(data, status, headers)`` unless
          ``_return_http_data_only``, and an ``AsyncResult`` with ``async_req``.

        ``path`` may hold ``{name}`` placeholders filled (URL-quoted) from ``path_params``.
        ``body`` is encoded as Conductor JSON, except a ``str`` which is sent as plain text.
        ``response_type`` is ``None`` (ignore the body), ``str`` (text endpoint), a model type
        such as ``Task`` or ``list[Task]``, or the official swagger name (``"list[Task]"``).
        """
        if resource_path.startswith("/") or path is not None:
            # The official convention: (resource_path, method, ...).
            official_path = path if path is not None else resource_path
            official_method = method if path is None else resource_path
            headers = dict(header_params or {})
            options = {"async_req": async_req, "_return_http_data_only": _return_http_data_only}
            return self.call_with_options(
                options,
                official_method,
                official_path,
                path_params=path_params,
                query=list(query_params or ()) + list(query),
                body=NO_BODY if body is None else body,
                accept=headers.pop("Accept", accept),
                response_type=response_type,
            )
        data, _status, _headers = self.call_api_with_http_info(
            resource_path,
            method,
            path_params=path_params,
            query=list(query_params or ()) + list(query),
            body=body,
            accept=accept,
            response_type=response_type,
        )
        return data

    def call_with_options(
        self,
        options: Mapping[str, Any],
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: QueryParams = (),
        body: Any = NO_BODY,
        accept: str = "application/json",
        response_type: Any = None,
    ) -> Any:
        """The official ``*_with_http_info`` contract on top of :meth:`call_api_with_http_info`:
        ``(data, status, headers)``, or only the data with ``_return_http_data_only``, or an
        ``AsyncResult`` of that (``.get()``) with ``async_req``, as the official SDK."""
        call: dict[str, Any] = {
            "path_params": path_params,
            "query": query,
            "body": body,
            "accept": accept,
            "response_type": response_type,
        }
        if options.get("async_req"):
            sync_options = {**options, "async_req": False}
            return self.pool.apply_async(self.call_with_options, (sync_options, method, path), call)
        data, status, headers = self.call_api_with_http_info(method, path, **call)
        return data if options.get("_return_http_data_only") else (data, status, headers)

    def call_api_with_http_info(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: QueryParams = (),
        body: Any = NO_BODY,
        accept: str = "application/json",
        response_type: Any = None,
    ) -> tuple[Any, int, dict[str, str]]:
        """Perform one request: ``(decoded data, HTTP status, response headers)``."""
        if path_params:
            path = path.format(**{k: quote(str(v), safe="") for k, v in path_params.items()})
        response = self._send(method, path, query, body, accept)
        if response.status_code == 401 or response.status_code == 403:
            error = AuthorizationException(http_resp=response)
            if (error.token_expired or error.invalid_token) and self._auth_enabled():
                # The server rejected our token: get a fresh one and try exactly once more.
                self._refresh_token(force=True)
                response = self._send(method, path, query, body, accept)
        if not response.is_success:
            if response.status_code == 401 or response.status_code == 403:
                raise AuthorizationException(http_resp=response)
            raise ApiException(http_resp=response)
        return self._decode(response, response_type), response.status_code, dict(response.headers)

    @property
    def pool(self) -> ThreadPool:
        """The thread pool behind ``async_req=True`` calls (created on first use)."""
        if self._pool is None:
            self._pool = ThreadPool()
        return self._pool

    def _send(self, method: str, path: str, query: QueryParams, body: Any, accept: str) -> httpx.Response:
        headers = {**self.default_headers, "Accept": accept, **self._auth_headers()}
        content: bytes | None = None
        if not isinstance(body, _NoBody):
            if isinstance(body, str):
                # Task logs: the server stores the raw text.
                content = body.encode("utf-8")
                headers["Content-Type"] = "text/plain; charset=utf-8"
            else:
                content = msgspec.json.encode(to_json_value(body))
                headers["Content-Type"] = "application/json"
        if self._wire is not None:
            try:
                response = self._wire.send(method, path, _query_params(query), headers, content)
            except httpx.HTTPError as exc:
                raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
            if not response.is_redirect:
                return response
            # A redirect (rare for an API): httpx follows it, as before.
        request = self.http_client.build_request(
            method,
            self.configuration.host + path,
            params=_query_params(query),
            headers=headers,
            content=content,
        )
        for attempt in (1, 2):
            try:
                return self.http_client.send(request)
            except httpx.RemoteProtocolError as exc:
                # Typically the server closed an idle keep-alive connection just as we reused
                # it; a fresh connection almost always works.
                if attempt == 2:
                    raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
                logger.debug("Retrying %s %s after %s", method, path, exc)
            except httpx.HTTPError as exc:
                raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _decode(response: httpx.Response, response_type: Any) -> Any:
        if isinstance(response_type, str):
            response_type = swagger_type(response_type)
        if response_type is None or response.status_code == 204 or not response.content:
            return None
        is_json = response.headers.get("content-type", "").startswith("application/json")
        if response_type is str:
            if is_json:
                try:
                    decoded = msgspec.json.decode(response.content)
                except msgspec.DecodeError:
                    return response.text
                return decoded if isinstance(decoded, str) else response.text
            return response.text
        try:
            data: JsonValue = msgspec.json.decode(response.content)
        except msgspec.DecodeError as exc:
            raise ApiException(
                status=response.status_code,
                reason=f"response is not JSON: {exc}",
                body=response.text,
            ) from exc
        return from_json_value(response_type, data)

    def sanitize_for_serialization(self, obj: Any) -> JsonValue:
        """Plain JSON data for ``obj`` (models become their camelCase dicts)."""
        return to_json_value(obj)

    # -- the official ApiClient's helpers ------------------------------------------------------

    def deserialize(self, response: Any, response_type: Any) -> Any:
        """Decode a response object (anything with ``.data`` or ``.text``/``.content``) into
        ``response_type`` (a type or an official swagger name such as ``"list[Task]"``)."""
        raw = getattr(response, "data", None)
        if raw is None:
            raw = getattr(response, "content", None)
        if raw is None:
            raw = getattr(response, "text", "")
        if isinstance(response_type, str) and response_type == "file":
            return raw
        try:
            data = msgspec.json.decode(raw) if raw else None
        except msgspec.DecodeError:
            data = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        return self.deserialize_class(data, response_type)

    def deserialize_class(self, data: Any, klass: Any) -> Any:
        """Decoded JSON ``data`` as ``klass``: a model class, ``list[Model]``, an official
        swagger name (``"Task"``, ``"list[Task]"``, ``"dict(str, Task)"``), or a primitive."""
        if data is None:
            return None
        if isinstance(klass, str):
            klass = swagger_type(klass)
        if klass in (int, float, str, bool):
            try:
                return klass(data)
            except (TypeError, ValueError):
                return data
        if klass is object or klass is None:
            return data
        return from_json_value(klass, data)

    def select_header_accept(self, accepts: Sequence[str] | None) -> str | None:
        """The ``Accept`` header for ``accepts``: JSON when listed, else all of them joined."""
        if not accepts:
            return None
        lowered = [a.lower() for a in accepts]
        return "application/json" if "application/json" in lowered else ", ".join(lowered)

    def select_header_content_type(self, content_types: Sequence[str] | None) -> str:
        """The ``Content-Type`` for ``content_types``: JSON when listed or none given."""
        if not content_types:
            return "application/json"
        lowered = [c.lower() for c in content_types]
        return "application/json" if "application/json" in lowered or "*/*" in lowered else lowered[0]

    def parameters_to_tuples(
        self,
        params: Mapping[str, Any] | Sequence[tuple[str, Any]],
        collection_formats: Mapping[str, str] | None,
    ) -> list[tuple[str, Any]]:
        """Parameters as (name, value) pairs; list values joined per ``collection_formats``
        (``multi`` repeats the name, ``csv``/``ssv``/``tsv``/``pipes`` join the values)."""
        delimiters = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}
        items = params.items() if isinstance(params, Mapping) else params
        out: list[tuple[str, Any]] = []
        for name, value in items:
            fmt = (collection_formats or {}).get(name)
            if fmt and isinstance(value, list | tuple):
                if fmt == "multi":
                    out.extend((name, v) for v in value)
                else:
                    out.append((name, delimiters.get(fmt, ",").join(str(v) for v in value)))
            else:
                out.append((name, value))
        return out

    def prepare_post_parameters(self, post_params: Any = None, files: Any = None) -> list[tuple[str, Any]]:
        """Form parameters as pairs (Conductor's API has no multipart endpoints; files are
        not supported)."""
        return list(post_params or [])

    def update_params_for_auth(self, headers: dict[str, str], querys: Any, auth_settings: Any) -> None:
        """Add the authentication header to ``headers`` (the official signature)."""
        headers.update(self._auth_headers())

    def get_authentication_headers(self) -> dict[str, Any]:
        """``{"header": {"X-Authorization": token}}`` as the official SDK, or ``{}`` in open mode."""
        headers = self._auth_headers()
        return {"header": headers} if headers else {}

    def force_refresh_auth_token(self) -> None:
        """Fetch a new token now (after the server rejected the current one)."""
        if self._auth_enabled():
            self._refresh_token(force=True)

    def request(
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
        metric_context: Any = None,
    ) -> httpx.Response:
        """One raw request to an absolute ``url`` (the official low-level entry point):
        answers the ``httpx.Response``; errors raise ``ApiException`` as ``call_api``."""
        all_headers = {**self.default_headers, **(headers or {}), **self._auth_headers()}
        content = None
        if body is not None:
            content = (
                body.encode("utf-8") if isinstance(body, str) else msgspec.json.encode(to_json_value(body))
            )
            all_headers.setdefault("Content-Type", "application/json")
        try:
            response = self.http_client.request(
                method, url, params=_query_params(query_params or ()), headers=all_headers, content=content
            )
        except httpx.HTTPError as exc:
            raise ApiException(status=0, reason=f"{type(exc).__name__}: {exc}") from exc
        if not response.is_success:
            raise ApiException(http_resp=response)
        return response

    def set_default_header(self, header_name: str, header_value: str) -> None:
        self.default_headers[header_name] = header_value

    @property
    def user_agent(self) -> str:
        return self.default_headers.get("User-Agent", "pyconductor-sdk")

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def close(self) -> None:
        """Close the HTTP client if this ApiClient created it for an injected transport."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._owns_client:
            self.http_client.close()

    # -- authentication -------------------------------------------------------------------

    def _auth_enabled(self) -> bool:
        return self.configuration.authentication_settings is not None and not self.configuration.auth_disabled

    def _auth_headers(self) -> dict[str, str]:
        if not self._auth_enabled():
            return {}
        token = self._refresh_token(force=False)
        return {"X-Authorization": token} if token else {}

    def _refresh_token(self, *, force: bool) -> str | None:
        """The current token, fetching a new one when missing, stale or ``force``d.

        Failures are logged, never raised: requests then go out without a token, and the
        next attempt waits 2, 4, 8 ... (at most 60) seconds.
        """
        config = self.configuration
        if config.AUTH_TOKEN and not force and self._token_fresh():
            return config.AUTH_TOKEN
        with _token_lock:
            if config.AUTH_TOKEN and not force and self._token_fresh():
                return config.AUTH_TOKEN
            if time.monotonic() < self._token_retry_at or not self._auth_enabled():
                return config.AUTH_TOKEN
            settings = config.authentication_settings
            assert settings is not None
            try:
                response = self.http_client.post(
                    config.host + _TOKEN_PATH,
                    json={"keyId": settings.key_id, "keySecret": settings.key_secret},
                    headers={"Accept": "application/json"},
                )
            except httpx.HTTPError as exc:
                self._token_failed(f"{type(exc).__name__}: {exc}")
                return config.AUTH_TOKEN
            if response.status_code == 404:
                logger.info("Authentication endpoint /token not found (404). Running in open mode")
                config.auth_disabled = True
                config.update_token(None)
                return None
            token = _token_from(response)
            if token is None:
                self._token_failed(f"HTTP {response.status_code}: {response.text[:200]}")
                return config.AUTH_TOKEN
            self._token_failures = 0
            config.update_token(token)
            return token

    def _token_fresh(self) -> bool:
        config = self.configuration
        return time.time() * 1000 - config.token_update_time < config.auth_token_ttl_msec

    def _token_failed(self, reason: str) -> None:
        self._token_failures += 1
        delay = min(2.0**self._token_failures, _TOKEN_BACKOFF_CAP_SECONDS)
        self._token_retry_at = time.monotonic() + delay
        logger.warning("Could not obtain an access token (%s); retrying in %.0f s", reason, delay)


def _token_from(response: httpx.Response) -> str | None:
    if not response.is_success:
        return None
    try:
        document = response.json()
    except ValueError:
        return None
    token = document.get("token") if isinstance(document, dict) else None
    return token if isinstance(token, str) and token else None


def _query_params(query: QueryParams) -> list[tuple[str, str | int | float | bool | None]]:
    # Booleans are sent lowercase on every method (the official SDK sends True/False on POST).
    params: list[tuple[str, str | int | float | bool | None]] = []
    for name, value in query:
        if value is None:
            continue
        if isinstance(value, bool):
            params.append((name, "true" if value else "false"))
        elif isinstance(value, list | tuple):
            params.extend((name, str(v)) for v in value)
        else:
            params.append((name, str(value)))
    return params
