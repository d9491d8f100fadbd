"""An in-memory Conductor for SDK unit tests, plugged in through ``httpx.MockTransport``."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient

BASE = "http://127.0.0.1:9/api"

Responder = httpx.Response | Callable[[httpx.Request], httpx.Response]


def json_response(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=data)


def text_response(text: str, status: int = 200) -> httpx.Response:
    return httpx.Response(status, text=text, headers={"content-type": "text/plain;charset=UTF-8"})


def no_content() -> httpx.Response:
    return httpx.Response(204)


def error_response(status: int, message: str) -> httpx.Response:
    return httpx.Response(
        status, json={"status": status, "message": message, "instance": "test", "retryable": False}
    )


class MockServer:
    """Records every request; answers from per-route queues (the last answer repeats).

    Unknown routes answer 404 with Conductor's error body, like a real server.
    """

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self._routes: dict[tuple[str, str], list[Responder]] = {}
        self._lock = threading.Lock()
        self.changed = threading.Condition(self._lock)

    def on(self, method: str, path: str, *responses: Responder) -> MockServer:
        self._routes.setdefault((method, "/api" + path), []).extend(responses)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        with self._lock:
            self.requests.append(request)
            self.changed.notify_all()
            queue = self._routes.get((request.method, request.url.path))
            responder: Responder | None = None
            if queue:
                responder = queue.pop(0) if len(queue) > 1 else queue[0]
        if responder is None:
            return error_response(404, f"No static resource {request.url.path}.")
        return responder(request) if callable(responder) else responder

    def api_client(self, configuration: Configuration | None = None) -> ApiClient:
        config = configuration or Configuration(server_api_url=BASE)
        return ApiClient(config, transport=httpx.MockTransport(self))

    def calls(self, method: str | None = None, path: str | None = None) -> list[httpx.Request]:
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method) and (path is None or r.url.path == "/api" + path)
            ]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Block until ``predicate()`` holds (re-checked whenever a request arrives), or fail."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("condition not met before the deadline")
            with self.changed:
                self.changed.wait(min(remaining, 0.05))


def body(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())
