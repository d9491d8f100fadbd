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
from typing import Any, Final
from urllib.parse import quote

import httpx
import msgspec

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models._serde import JsonValue, from_json_value, to_json_value
from conductor.client.http.rest import ApiException, AuthorizationException

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

    # -- requests -------------------------------------------------------------------------

    def call_api(
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
        """Perform one request and decode the answer.

        ``path`` may hold ``{name}`` placeholders filled (URL-quoted) from ``path_params``.
        ``body`` is encoded as Conductor JSON, except a ``str`` which is sent as plain text.
        ``response_type`` is ``None`` (ignore the body), ``str`` (text endpoint) or a model
        type such as ``Task`` or ``list[Task]``.
        """
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
        return self._decode(response, response_type)

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

    def close(self) -> None:
        """Close the HTTP client if this ApiClient created it for an injected transport."""
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
