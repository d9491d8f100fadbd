"""A tiny Conductor stand-in on 127.0.0.1 (a thread running ``http.server``) for process tests.

It serves one task type from a queue: batch polls hand out queued tasks or hold the request
until the requested timeout (a long poll); update-v2 records the result and answers 204.
Like a correct server, it never hands tasks to a long poll whose client has gone away.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


class FakeConductor:
    def __init__(self, task_type: str) -> None:
        self.task_type = task_type
        self.queue: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []
        self.polls: list[dict[str, list[str]]] = []
        self.changed = threading.Condition()
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api"

    def __enter__(self) -> FakeConductor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        with self.changed:
            self.changed.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def enqueue(self, task: dict[str, Any]) -> None:
        with self.changed:
            self.queue.append(task)
            self.changed.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("condition not met before the deadline")
                self.changed.wait(remaining)

    def _poll(self, params: dict[str, list[str]], client_gone: Callable[[], bool]) -> list[dict[str, Any]]:
        count = int(params.get("count", ["1"])[0])
        deadline = time.monotonic() + int(params.get("timeout", ["100"])[0]) / 1000
        with self.changed:
            self.polls.append(params)
            self.changed.notify_all()
            while not self.queue and not self._closing.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self.changed.wait(remaining)
            if client_gone():
                return []
            handed, self.queue = self.queue[:count], self.queue[count:]
            return handed

    def _update(self, result: dict[str, Any]) -> None:
        with self.changed:
            self.updates.append(result)
            self.changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        conductor = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _client_gone(self) -> bool:
                try:
                    readable, _, _ = select.select([self.connection], [], [], 0)
                    return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:  # reset by the peer
                    return True

            def _reply(self, status: int, payload: Any = None) -> None:
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path == f"/api/tasks/poll/batch/{conductor.task_type}":
                    self._reply(200, conductor._poll(parse_qs(url.query), self._client_gone))
                else:
                    self._reply(404, {"status": 404, "message": f"No static resource {url.path}."})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                if urlsplit(self.path).path == "/api/tasks/update-v2":
                    conductor._update(body)
                    self._reply(204)
                else:
                    self._reply(404, {"status": 404, "message": "not found"})

        return Handler
