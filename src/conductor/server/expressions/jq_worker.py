"""The jq worker process behind :class:`conductor.server.expressions.jq.JqEngine`.

libjq holds the GIL and cannot be interrupted, so a runaway program (``def f: f; f``) would freeze
the server if it ran in-process.  The engine therefore runs jq here, in a child process it can
kill.  This file is started as a *script* (``python -P jq_worker.py``), not as a package module:
it imports only the standard library, ``jq`` and ``msgspec``, so a worker starts quickly and never
imports the server (nor re-runs the parent's ``__main__`` as multiprocessing's spawn would).

Protocol on stdin/stdout, little-endian length-prefixed frames:

* request:  ``u32 size | u32 query_size | query (UTF-8) | input (JSON text)``
* response: ``u32 size | status byte | body`` with status 0 = results as a JSON array,
  1 = error message (UTF-8).

The engine also imports :data:`PRELUDE` and :func:`compile_program` from here, so the
environment-hiding prelude is defined once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
from collections import OrderedDict
from typing import Any, Final

import jq
import msgspec

# Shadow everything that reveals the process environment or writes to the server's stderr.
# The worker also starts with an empty environment; this keeps the program's view empty even
# if that ever changes.  It stays on one line (user code starts on line 2, see _error_message).
PRELUDE: Final = (
    "def env: {}; def debug: .; def debug(msg): .; def stderr: .; "
    "def input_filename: null; def get_search_list: []; {} as $ENV |\n"
)

_FRAME: Final = struct.Struct("<I")
_OK: Final = b"\x00"
_ERROR: Final = b"\x01"


def compile_program(query: str) -> Any:
    """Compile ``query`` behind :data:`PRELUDE`; raise ``ValueError`` with jq's message."""
    try:
        return jq.compile(PRELUDE + query)
    except ValueError as exc:
        raise ValueError(_error_message(str(exc))) from None


def _error_message(message: str) -> str:
    # jq counts the prelude as line 1; report positions in the user's own line numbers.
    out: list[str] = []
    marker = "<top-level>, line "
    pos = 0
    while True:
        found = message.find(marker, pos)
        if found < 0:
            break
        start = found + len(marker)
        end = start
        while end < len(message) and message[end].isdigit():
            end += 1
        out.append(message[pos:start])
        number = message[start:end]
        out.append(str(max(1, int(number) - 1)) if number else "")
        pos = end
    out.append(message[pos:])
    return "".join(out)


class _Programs:
    """LRU cache of compiled programs (and of compile errors, which are as stable)."""

    def __init__(self, size: int) -> None:
        self._size = max(1, size)
        self._items: OrderedDict[str, Any] = OrderedDict()

    def get(self, query: str) -> Any:
        item = self._items.get(query)
        if item is not None:
            self._items.move_to_end(query)
        else:
            try:
                item = compile_program(query)
            except ValueError as exc:
                item = exc
            self._items[query] = item
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        if isinstance(item, ValueError):
            raise item
        return item


def _run(programs: _Programs, request: bytes, max_output: int = 0) -> bytes:
    (query_size,) = _FRAME.unpack_from(request)
    query = request[4 : 4 + query_size].decode()
    data = request[4 + query_size :].decode()
    # Results are encoded one by one and counted, so a program that emits a huge stream of
    # values stops at the limit instead of growing a list in this process and in the server.
    parts: list[bytes] = []
    size = 2
    try:
        for value in programs.get(query).input_text(data):
            part = msgspec.json.encode(value)
            size += len(part) + 1
            if 0 < max_output < size:
                return _ERROR + f"jq output is larger than the limit of {max_output} bytes".encode()
            parts.append(part)
    except ValueError as exc:  # compile and runtime errors both arrive as ValueError
        return _ERROR + str(exc).encode()
    except MemoryError:
        return _ERROR + b"jq program ran out of memory"
    except Exception as exc:  # keep serving: report anything else as a jq failure
        return _ERROR + f"{type(exc).__name__}: {exc}".encode()
    return _OK + b"[" + b",".join(parts) + b"]"


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _harden(memory_limit_bytes: int) -> None:
    os.environ.clear()
    # Ctrl-C on the server must not kill workers mid-call; they exit when their pipe closes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        # Die with the parent even while stuck in a runaway program (PR_SET_PDEATHSIG = 1).
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    if memory_limit_bytes > 0:
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit_bytes, memory_limit_bytes))


def main(argv: list[str]) -> None:
    """Serve requests until stdin closes.  ``argv``: [cache size, memory limit in bytes,
    output limit in bytes (optional, 0 = none)]."""
    cache_size, memory_limit = int(argv[0]), int(argv[1])
    max_output = int(argv[2]) if len(argv) > 2 else 0
    parent_pid = os.getppid()
    _harden(memory_limit)
    if os.getppid() != parent_pid:
        return  # the parent died before the death signal was armed
    # Keep the protocol on private descriptors: stray prints must not corrupt it.
    requests, responses = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    programs = _Programs(cache_size)
    while True:
        header = _read_exact(requests, _FRAME.size)
        if header is None:
            return
        request = _read_exact(requests, _FRAME.unpack(header)[0])
        if request is None:
            return
        response = _run(programs, request, max_output)
        _write_all(responses, _FRAME.pack(len(response)) + response)


if __name__ == "__main__":
    main(sys.argv[1:])
