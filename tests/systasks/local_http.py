"""A local HTTP endpoint on 127.0.0.1 for HTTP-task tests (echo, JSON, text, status, slow)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    def _reply(self, status: int, body: bytes, content_type: str, reason: str | None = None) -> None:
        self.send_response(status, reason)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Test", "yes")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.server.requests.append(
            {
                "method": self.command,
                "path": url.path,
                "headers": dict(self.headers),
                "multi": {k: self.headers.get_all(k) for k in self.headers},
                "body": raw.decode(),
            }
        )
        if url.path == "/slow":
            time.sleep(float(query.get("ms", "1000")) / 1000)
        if url.path.startswith("/status/"):
            code = int(url.path.rsplit("/", 1)[1])
            body = json.dumps({"error": f"status {code}"}).encode()
            self._reply(code, body, "application/json")
            return
        if url.path == "/text":
            self._reply(200, b"plain text here", "text/plain; charset=utf-8")
            return
        if url.path == "/number":
            self._reply(200, b"42", "application/json")
            return
        if url.path == "/list":
            self._reply(200, b"[1, 2, 3]", "application/json")
            return
        # /echo, /slow, /json and anything else: describe the request as JSON.
        body = json.dumps(
            {
                "method": self.command,
                "path": url.path,
                "query": query,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": raw.decode(),
                "data": {"value1": "a", "nested": {"n": 1}},
            }
        ).encode()
        self._reply(200, body, "application/json")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[dict[str, Any]]


@contextmanager
def local_http_server() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, name="local-http", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def base_url(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"
