"""JSON_JQ_TRANSFORM through real jq (libjq), isolated in killable worker processes.

Why processes: libjq holds the GIL for a whole run and has no interrupt, so ``def f: f; f`` or
``last(range(1e12))`` in-process would freeze the event loop for good.  :class:`JqEngine` keeps
a few persistent workers (``jq_worker.py``), each with its own LRU cache of compiled programs,
and talks to them over pipes.  A call that exceeds the time limit gets its worker killed and
replaced, and raises :class:`JqTimeout`; a crashed worker (e.g. out of memory) raises
:class:`JqError` and is replaced.

Why plain ``subprocess`` rather than ``multiprocessing``'s spawn context: spawn re-imports the
parent's ``__main__`` in every child (unsafe for unguarded scripts, slow for the server CLI) and
hands the child the parent's whole environment.  Our workers start from a script with an
*empty* environment, so the database credentials in the server's environment never reach a
process that runs user-authored programs; the program prelude also shadows ``env``/``$ENV``.

The async path waits on the worker's pipe in the event loop itself (``add_reader``), so a call
costs one pipe round trip and no thread hops; the blocking :meth:`JqEngine.transform_sync` uses
``select``.  Both share one pool of workers.

Results: ``(first result or None, all results)`` like Conductor's ``result`` / ``resultList``;
integral numbers come back as ``int`` and NaN as ``None`` (the jq binding's conversion), big
integers lose precision beyond 2^53 (libjq uses doubles).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final

import msgspec

from conductor.server.expressions import jq_worker
from conductor.server.expressions.errors import JqError, JqTimeout

__all__ = ["JqEngine", "compile_program"]

compile_program = jq_worker.compile_program

DEFAULT_TIME_LIMIT_SECONDS: Final = 5.0
DEFAULT_MEMORY_LIMIT_BYTES: Final = 512 * 1024 * 1024
DEFAULT_MAX_OUTPUT_BYTES: Final = 10 * 1024 * 1024
DEFAULT_CACHE_SIZE: Final = 512

_WORKER_SCRIPT: Final = str(Path(jq_worker.__file__).resolve())
_FRAME: Final = struct.Struct("<I")
# A request this small fits in an empty pipe's buffer, so writing it from the loop never blocks.
_INLINE_WRITE_LIMIT: Final = 64 * 1024
# Variables a Python interpreter may need to start; nothing else of ours is inherited.
_INHERITED_VARIABLES: Final = ("PYTHONPATH", "PYTHONHOME", "LD_LIBRARY_PATH", "SYSTEMROOT")

_encoder: Final = msgspec.json.Encoder()
_decoder: Final[msgspec.json.Decoder[list[Any]]] = msgspec.json.Decoder(list[Any])


class JqEngine:
    """A pool of jq worker processes; use :meth:`transform` from async code.

    ``workers`` processes serve calls in parallel (each call occupies one worker); further
    calls wait their turn.  Workers start lazily on first use, or eagerly with :meth:`start`.
    """

    def __init__(
        self,
        workers: int = 2,
        *,
        time_limit_seconds: float = DEFAULT_TIME_LIMIT_SECONDS,
        memory_limit_bytes: int = DEFAULT_MEMORY_LIMIT_BYTES,
        cache_size: int = DEFAULT_CACHE_SIZE,
        max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self.time_limit_seconds = time_limit_seconds
        self._workers = [_Worker(cache_size, memory_limit_bytes, max_output_bytes) for _ in range(workers)]
        self._pool = _Pool(self._workers)
        # Spawning, reaping and large writes are blocking; they run here, off the event loop.
        self._executor = ThreadPoolExecutor(max_workers=workers + 1, thread_name_prefix="jq")
        self._closed = False

    async def start(self) -> None:
        """Start every worker process now instead of on first use."""
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._executor, w.ensure_started) for w in self._workers))

    async def transform(self, query: str, data: Any) -> tuple[Any, list[Any]]:
        """Run jq ``query`` on ``data``; return ``(first result or None, all results)``.

        Raises :class:`JqError` (with jq's message) and :class:`JqTimeout`.
        """
        request = self._request(query, data)
        worker = await self._pool.acquire()
        try:
            status, body = await worker.call_async(request, self.time_limit_seconds, self._executor)
        finally:
            self._pool.release(worker)
        return _result(status, body)

    def transform_sync(self, query: str, data: Any) -> tuple[Any, list[Any]]:
        """Blocking :meth:`transform`, for callers that are not on an event loop."""
        request = self._request(query, data)
        worker = self._pool.acquire_sync()
        try:
            status, body = worker.call(request, self.time_limit_seconds)
        finally:
            self._pool.release(worker)
        return _result(status, body)

    def close(self) -> None:
        """Stop all workers (in-flight calls fail with :class:`JqError`) and the thread pool."""
        self._closed = True
        for worker in self._workers:
            worker.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)
        for worker in self._workers:
            worker.reap()

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers (diagnostics and tests)."""
        return [pid for pid in (w.pid for w in self._workers) if pid is not None]

    def __enter__(self) -> JqEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _request(self, query: str, data: Any) -> bytes:
        if self._closed:
            raise JqError("jq engine is closed")
        if not isinstance(query, str) or not query.strip():
            raise JqError("jq query must be a non-empty string")
        query_bytes = query.encode()
        try:
            data_bytes = _encoder.encode(data)
        except (TypeError, ValueError) as exc:
            raise JqError(f"input is not JSON: {exc}") from None
        return _FRAME.pack(len(query_bytes)) + query_bytes + data_bytes


def _result(status: int, body: bytes) -> tuple[Any, list[Any]]:
    if status != 0:
        raise JqError(body.decode(errors="replace"))
    results = _decoder.decode(body)
    return (results[0] if results else None), results


class _Pool:
    """Hands each worker to one caller at a time; waiters may be coroutines or threads."""

    def __init__(self, workers: list[_Worker]) -> None:
        self._lock = threading.Lock()
        self._free = list(workers)
        self._waiters: deque[asyncio.Future[_Worker] | _ThreadWaiter] = deque()

    async def acquire(self) -> _Worker:
        with self._lock:
            if self._free:
                return self._free.pop()
            future: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
            self._waiters.append(future)
        try:
            return await future
        except asyncio.CancelledError:
            with self._lock:
                if future in self._waiters:
                    self._waiters.remove(future)
                    raise
            # A worker was already handed over to us: pass it on.
            if future.done() and not future.cancelled():
                self.release(future.result())
            raise

    def acquire_sync(self) -> _Worker:
        with self._lock:
            if self._free:
                return self._free.pop()
            waiter = _ThreadWaiter()
            self._waiters.append(waiter)
        waiter.event.wait()
        assert waiter.worker is not None
        return waiter.worker

    def release(self, worker: _Worker) -> None:
        with self._lock:
            while self._waiters:
                waiter = self._waiters.popleft()
                if isinstance(waiter, _ThreadWaiter):
                    waiter.worker = worker
                    waiter.event.set()
                    return
                if not waiter.done():
                    loop = waiter.get_loop()
                    if _running_loop() is loop:
                        loop.call_soon(self._deliver, waiter, worker)
                    else:
                        loop.call_soon_threadsafe(self._deliver, waiter, worker)
                    return
            self._free.append(worker)

    def _deliver(self, future: asyncio.Future[_Worker], worker: _Worker) -> None:
        if future.cancelled():
            self.release(worker)
        else:
            future.set_result(worker)


class _ThreadWaiter:
    __slots__ = ("event", "worker")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.worker: _Worker | None = None


class _Worker:
    """One worker process and its pipes; used by one caller at a time (see :class:`_Pool`)."""

    def __init__(self, cache_size: int, memory_limit_bytes: int, max_output_bytes: int) -> None:
        self._args = [str(cache_size), str(memory_limit_bytes), str(max_output_bytes)]
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # guards _process against stop() from another thread
        self._stopped = False

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def ensure_started(self) -> subprocess.Popen[bytes]:
        """Return the running process, spawning a new one if needed (blocking: fork + exec)."""
        with self._lock:
            if self._stopped:
                raise JqError("jq engine is closed")
            process = self._process
            if process is None or process.poll() is not None:
                if process is not None:
                    _reap(process)
                env = {k: os.environ[k] for k in _INHERITED_VARIABLES if k in os.environ}
                # -P: do not put the script's directory (which holds our jq.py) on sys.path.
                process = subprocess.Popen(
                    [sys.executable, "-P", _WORKER_SCRIPT, *self._args],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                    close_fds=True,
                )
                self._process = process
            return process

    def call(self, request: bytes, time_limit: float) -> tuple[int, bytes]:
        """Blocking round trip with a deadline."""
        process = self.ensure_started()
        try:
            stdin, stdout = _fds(process)
            _write_all(stdin, _FRAME.pack(len(request)) + request)
            deadline = time.monotonic() + time_limit
            header = _read_exact(stdout, _FRAME.size, deadline)
            response = _read_exact(stdout, _FRAME.unpack(header)[0], deadline)
        except TimeoutError:
            self._discard(process)
            raise JqTimeout(f"jq program did not finish within {time_limit:g} seconds") from None
        except (OSError, EOFError, ValueError):  # broken pipe, worker died, pipes closed
            raise self._failure(process) from None
        return response[0], response[1:]

    async def call_async(
        self, request: bytes, time_limit: float, executor: ThreadPoolExecutor
    ) -> tuple[int, bytes]:
        """Round trip awaited on the event loop; the worker is killed on timeout or cancel."""
        loop = asyncio.get_running_loop()
        process = self._process
        if process is None or process.poll() is not None:
            process = await loop.run_in_executor(executor, self.ensure_started)
        try:
            stdin, stdout = _fds(process)
            frame = _FRAME.pack(len(request)) + request
            if len(frame) <= _INLINE_WRITE_LIMIT:
                _write_all(stdin, frame)
            else:
                await loop.run_in_executor(executor, _write_all, stdin, frame)
            reader = _FrameReader(stdout, loop.create_future())
            loop.add_reader(stdout, reader.on_readable)
            try:
                async with asyncio.timeout(time_limit):
                    response = await reader.future
            finally:
                # Before any discard below: the descriptor must leave the selector while open.
                loop.remove_reader(stdout)
        except TimeoutError:
            self._discard(process, executor)
            raise JqTimeout(f"jq program did not finish within {time_limit:g} seconds") from None
        except asyncio.CancelledError:
            self._discard(process, executor)  # its reply would desynchronise the pipe
            raise
        except (OSError, EOFError, ValueError):
            raise self._failure(process, executor) from None
        return response[0], response[1:]

    def stop(self) -> None:
        """Refuse new calls and kill the process; a call in flight then fails on EOF."""
        with self._lock:
            self._stopped = True
            process = self._process
        # Only kill here: the pipes may be in use by a caller, and closing a descriptor another
        # thread is selecting on is unsafe.  reap() closes them once no call is in flight.
        if process is not None and process.poll() is None:
            process.kill()

    def reap(self) -> None:
        """Wait for a stopped process and close its pipes (no call may be in flight)."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            _reap(process)

    def _failure(
        self, process: subprocess.Popen[bytes], executor: ThreadPoolExecutor | None = None
    ) -> JqError:
        if self._stopped:
            self._discard(process, executor)
            return JqError("jq engine is closed")
        code = process.poll()
        self._discard(process, executor)
        detail = f"exit code {code}" if code is not None else "broken pipe"
        return JqError(f"jq worker exited unexpectedly ({detail}; out of memory?)")

    def _discard(self, process: subprocess.Popen[bytes], executor: ThreadPoolExecutor | None = None) -> None:
        """Forget ``process`` (the next call spawns a fresh one) and kill and reap it."""
        with self._lock:
            if self._process is process:
                self._process = None
        if process.poll() is None:
            process.kill()
        if executor is None:
            _reap(process)
        else:
            with contextlib.suppress(RuntimeError):  # executor already shut down: close() reaps
                executor.submit(_reap, process)


class _FrameReader:
    """Collects one length-prefixed response from a readable pipe into ``future``."""

    def __init__(self, fd: int, future: asyncio.Future[bytes]) -> None:
        self._fd = fd
        self.future = future
        self._buffer = bytearray()
        self._size: int | None = None

    def on_readable(self) -> None:
        if self.future.done():
            return
        try:
            chunk = os.read(self._fd, 1 << 20)
        except OSError as exc:
            self.future.set_exception(exc)
            return
        if not chunk:
            self.future.set_exception(EOFError())
            return
        self._buffer += chunk
        if self._size is None and len(self._buffer) >= _FRAME.size:
            self._size = _FRAME.unpack_from(self._buffer)[0]
        if self._size is not None and len(self._buffer) >= _FRAME.size + self._size:
            self.future.set_result(bytes(self._buffer[_FRAME.size : _FRAME.size + self._size]))


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _fds(process: subprocess.Popen[bytes]) -> tuple[int, int]:
    if process.stdin is None or process.stdout is None or process.stdin.closed or process.stdout.closed:
        raise EOFError
    return process.stdin.fileno(), process.stdout.fileno()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while size:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _reap(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` if still running, wait for it and close its pipes."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
