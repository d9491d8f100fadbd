"""The event loop that runs ``async def`` worker functions inside a *sync* ``TaskRunner``.

``TaskHandler`` runs async workers in ``AsyncTaskRunner`` (one loop, no threads); this loop
serves the remaining cases: a ``TaskRunner`` built directly for an async worker, a sync
function that returns an awaitable, or ``Worker.execute`` called by hand. Worker functions
there run on the task runner's thread pool. A coroutine returned by a worker is
handed to one persistent asyncio loop running in a daemon thread, and the pool thread waits
for it. Keeping one loop alive (instead of ``asyncio.run`` per task) lets async resources such
as client sessions be reused across tasks; concurrency stays bounded by ``thread_count``.
The task context travels with the coroutine (``contextvars`` are copied on submission).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from collections.abc import Awaitable
from typing import Any, TypeVar

__all__ = ["BackgroundEventLoop"]

T = TypeVar("T")


class BackgroundEventLoop:
    """A process-wide loop in a daemon thread, started on first use (one per process)."""

    _instance: BackgroundEventLoop | None = None
    _instance_lock = threading.Lock()

    def __new__(cls) -> BackgroundEventLoop:
        with cls._instance_lock:
            if cls._instance is None:
                instance = super().__new__(cls)
                instance._loop = None
                instance._start_lock = threading.Lock()
                cls._instance = instance
            return cls._instance

    _loop: asyncio.AbstractEventLoop | None
    _start_lock: threading.Lock

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._start_lock:
            if self._loop is None or self._loop.is_closed():
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()

                threading.Thread(target=run, name="conductor-async-workers", daemon=True).start()
                ready.wait()
                self._loop = loop
            return self._loop

    def submit_coroutine(self, coro: Awaitable[T]) -> concurrent.futures.Future[T]:
        """Start ``coro`` on the background loop and return at once: the future holds its
        result (or exception) when it finishes."""

        async def wrapper() -> T:
            return await coro

        return asyncio.run_coroutine_threadsafe(wrapper(), self._running_loop())

    def run_coroutine(self, coro: Awaitable[T]) -> T:
        """Run ``coro`` on the background loop and block the calling thread for its result."""
        return self.submit_coroutine(coro).result()


def _forget_loop_after_fork() -> None:
    # The loop thread does not survive fork(); a child starts its own on first use.
    BackgroundEventLoop._instance = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_loop_after_fork)


def run_awaitable(value: Awaitable[Any]) -> Any:
    return BackgroundEventLoop().run_coroutine(value)
