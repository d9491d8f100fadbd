"""The SDK's lean plain-HTTP path (client/http/wire.py): same answers and errors as httpx."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.http.rest import ApiException
from conductor.client.http.wire import wire_for


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str, bytes, str]] = []
    close_next = False

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        _Handler.seen.append((self.command, self.path, body, self.headers.get("content-type") or ""))
        if self.path.startswith("/api/moved"):
            self.send_response(307)
            self.send_header("location", "/api/here")
            self.send_header("content-length", "0")
            self.end_headers()
            return
        payload = b'{"taskId":"t1","status":"IN_PROGRESS"}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        if _Handler.close_next:
            _Handler.close_next = False
            self.send_header("connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(payload)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_plain_http_goes_through_the_wire_with_query_body_and_headers(server: str) -> None:
    client = ApiClient(Configuration(server_api_url=server))
    assert client._wire is not None
    answer = client.call_api(
        "POST", "/tasks/update-v2", query=[("a", True), ("b", None)], body={"x": 1}, response_type=dict
    )
    assert answer == {"taskId": "t1", "status": "IN_PROGRESS"}
    method, path, body, kind = _Handler.seen[-1]
    assert (method, path, body, kind) == (
        "POST",
        "/api/tasks/update-v2?a=true",
        b'{"x":1}',
        "application/json",
    )


def test_a_connection_the_server_closed_is_reopened(server: str) -> None:
    client = ApiClient(Configuration(server_api_url=server))
    _Handler.close_next = True
    for _ in range(3):  # the second call finds the first connection closed
        assert client.call_api("GET", "/x", response_type=dict)["taskId"] == "t1"
    assert len(_Handler.seen) == 3


def test_redirects_are_followed_by_httpx(server: str) -> None:
    client = ApiClient(Configuration(server_api_url=server))
    assert client.call_api("GET", "/moved", response_type=dict)["taskId"] == "t1"
    # The wire's answer was a redirect: httpx sends the request again and follows it.
    assert [p for _, p, _, _ in _Handler.seen] == ["/api/moved", "/api/moved", "/api/here"]


def test_an_unreachable_server_is_an_api_exception_with_status_0() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    client = ApiClient(Configuration(server_api_url=f"http://127.0.0.1:{port}/api"))
    with pytest.raises(ApiException) as caught:
        client.call_api("GET", "/x")
    assert caught.value.status == 0


def test_https_proxies_and_the_opt_out_keep_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    assert wire_for("https://conductor.example/api", None, 10) is None
    assert wire_for("http://conductor.example/api", "http://proxy:3128", 10) is None
    monkeypatch.setenv("HTTP_PROXY", "http://proxy:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert wire_for("http://conductor.example/api", None, 10) is None
    monkeypatch.delenv("HTTP_PROXY")
    monkeypatch.setenv("CONDUCTOR_HTTP_CLIENT", "httpx")
    assert ApiClient(Configuration(server_api_url="http://127.0.0.1:1/api"))._wire is None


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_opens_its_own_connection(server: str) -> None:
    client = ApiClient(Configuration(server_api_url=server))
    client.call_api("GET", "/parent")
    parent_conn = client._wire._local.conn[1]  # type: ignore[union-attr]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a fresh connection, the parent's socket untouched
        try:
            client.call_api("GET", "/child")
            ok = client._wire._local.conn[1] is not parent_conn  # type: ignore[union-attr]
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    client.call_api("GET", "/parent-again")
    assert client._wire._local.conn[1] is parent_conn  # type: ignore[union-attr]
