"""A real pyconductor server inside the test process: uvicorn on a background thread.

The server gets its own event loop (uvicorn's, on the `pyconductor-test-server` thread), an
in-memory SQLite database and a free port on 127.0.0.1, so clients and workers talk to it over
HTTP exactly as they would to a deployed one. `call` runs a coroutine on the server's loop
from any other thread (the time-skipping probe uses it). `stop` ends held long-polls first,
then shuts uvicorn down (which stops the sweeper, the scheduler and the database) and joins
the thread: nothing is left running.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import socket
import threading
import time
import warnings
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import uvicorn

    from conductor.server.bootstrap import Components
    from conductor.server.clock import Clock
    from conductor.server.config import Settings

T = TypeVar("T")

START_TIMEOUT_S = 30.0
# Long-polls are ended before uvicorn stops; what is left is the in-flight requests of workers
# that are stopping too.
GRACEFUL_SHUTDOWN_S = 5


class InFlight:
    """ASGI wrapper counting the requests being handled, long-polls excepted (a poll that
    waits for work is not work; a poll that claims a task leaves it IN_PROGRESS, which the
    time-skipping probe sees)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or "/tasks/poll" in scope.get("path", ""):
            await self.app(scope, receive, send)
            return
        self.count += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.count -= 1


class ServerThread:
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self.components: Components | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.in_flight: InFlight | None = None
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._failure: BaseException | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> None:
        # Imported here: `import conductor.testing` (and the pytest plugin) must stay cheap.
        import uvicorn

        from conductor.server.api.app import create_app
        from conductor.server.bootstrap import build

        components = build(self.settings, clock=self.clock)
        self.components = components

        async def remember_loop() -> None:
            self.loop = asyncio.get_running_loop()

        with warnings.catch_warnings():
            # Litestar flags the inferred parameter style of our routes at app creation: noise
            # in every user's test report, about the server rather than their workflows.
            warnings.simplefilter("ignore", DeprecationWarning)
            app = create_app(
                components.services,
                on_startup=[remember_loop, components.startup],
                on_shutdown=[components.shutdown],
            )
        self.in_flight = InFlight(app)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Inherited by accepted connections. Without it a long-poll's answer (headers and body
        # are two writes) waited for the client's delayed ACK: 45 ms per task handed to a
        # worker, measured with this asyncio loop (a 30-callback test took 2.2 s instead of 0.5).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", 0))
        self._socket = sock
        self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(
            uvicorn.Config(
                self.in_flight,
                log_level="warning",
                log_config=None,
                access_log=False,
                loop="asyncio",
                lifespan="on",
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
            )
        )
        self._thread = threading.Thread(target=self._run, name="pyconductor-test-server", daemon=True)
        self._thread.start()
        self._await_start()

    def _run(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as exc:  # reported by start() or stop()
            self._failure = exc

    def _await_start(self) -> None:
        assert self._server is not None and self._thread is not None
        # uvicorn has no start callback: watch its flag, bounded by the thread staying alive.
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive():
                self._thread = None
                self._close_socket()
                raise RuntimeError(f"the test server did not start: {self._failure!r}")
            if time.monotonic() >= deadline:
                self.stop()
                raise RuntimeError(f"the test server did not start within {START_TIMEOUT_S} s")
            time.sleep(0.002)

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run `coro` on the server's loop and wait for its result (from another thread)."""
        if self.loop is None:
            coro.close()
            raise RuntimeError("the test server is not running")
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    def end_long_polls(self) -> None:
        """Answer every held long-poll now and make later polls answer at once (shutdown)."""
        if self.loop is not None and self.components is not None:
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self.components.signals.shutdown)

    def stop(self) -> None:
        if self._server is not None:
            self.end_long_polls()
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._close_socket()
        self.loop = None

    def _close_socket(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
