"""Plain-HTTP keep-alive connections for the SDK's hot path, without httpx's per-request pipeline.

A worker's whole life is batch polls and task updates. Through `httpx.Client` each request
cost 0.6-0.75 ms of client CPU on this project's machine (request building, hooks, cookies,
the connection pool); `http.client` on a kept-alive socket does the same exchange for less than
half of that (`bench/sdk_http_bench.py`, docs/sdk.md §2.5). So for an `http://` server reached without a
proxy, `ApiClient` sends through a `Wire`: one connection per thread (a worker's threads never
share one), re-opened after a fork, and one retry when a reused connection turns out to have
been closed by the server while idle. Answers are wrapped in `httpx.Response`, so decoding and
errors are the same as on the httpx path, which stays in use for HTTPS, proxies, injected
transports and redirects.
"""

from __future__ import annotations

import http.client
import os
import threading
import urllib.request
from urllib.parse import urlencode, urlsplit

import httpx

__all__ = ["Wire", "wire_for"]

# A reused keep-alive connection the server has closed fails in one of these ways before any
# byte of an answer arrives: the request was not processed, so it is sent again once.
_STALE = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    http.client.CannotSendRequest,
)


class Wire:
    def __init__(self, base_url: str, timeout: float) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "localhost"
        self.port = parts.port or 80
        self.base_path = parts.path.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection and whether it was used before."""
        held: tuple[int, http.client.HTTPConnection] | None = getattr(self._local, "conn", None)
        if held is not None and held[0] == os.getpid():
            return held[1], True
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        self._local.conn = (os.getpid(), conn)
        return conn, False

    def _drop(self) -> None:
        held = getattr(self._local, "conn", None)
        self._local.conn = None
        if held is not None and held[0] == os.getpid():
            held[1].close()

    def send(
        self,
        method: str,
        path: str,
        params: list[tuple[str, str | int | float | bool | None]],
        headers: dict[str, str],
        content: bytes | None,
    ) -> httpx.Response:
        """One exchange; connection failures raise `httpx.TransportError` like httpx would."""
        target = self.base_path + path + ("?" + urlencode(params) if params else "")
        for attempt in (1, 2):
            conn, reused = self._connection()
            try:
                conn.request(method, target, body=content, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
            except _STALE as exc:
                self._drop()
                if reused and attempt == 1:
                    continue
                raise httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}") from exc
            except OSError as exc:  # refused, unreachable, timed out
                self._drop()
                raise httpx.ConnectError(f"{type(exc).__name__}: {exc}") from exc
            except http.client.HTTPException as exc:
                self._drop()
                raise httpx.RemoteProtocolError(f"{type(exc).__name__}: {exc}") from exc
            if answer.will_close:
                self._drop()
            return httpx.Response(
                answer.status,
                headers=answer.getheaders(),
                content=data,
                request=httpx.Request(method, self.base_url + path, params=params),
            )
        raise AssertionError("unreachable")  # pragma: no cover


def wire_for(host: str, proxy: str | None, timeout: float) -> Wire | None:
    """A `Wire` when requests to `host` may go straight to it: plain HTTP, no proxy configured
    for it (here or in the environment, which httpx would honour)."""
    if not host.startswith("http://") or proxy:
        return None
    hostname = urlsplit(host).hostname or ""
    if urllib.request.getproxies().get("http") and not urllib.request.proxy_bypass(hostname):
        return None
    return Wire(host, timeout)
