"""How ``TaskHandler`` hosts its workers: ``process`` (the default) or ``thread``.

``CONDUCTOR_WORKER_ISOLATION=thread`` (or :func:`apply_thread_isolation`) makes every worker a
thread of the calling process instead of a spawned process: for environments where
spawning fails (minimal VMs, some sandboxes) or where workers must share the parent's
memory. Threads cannot be killed, so shutdown is cooperative, and CPU-bound workers share
the GIL.

The official SDK switches by monkeypatching ``task_handler``'s ``Process`` and ``Queue``;
ours has a thread host of its own and only needs to know the mode, so applying thread
isolation sets a flag that ``TaskHandler`` reads when it is built.
"""

from __future__ import annotations

import logging
import os
import threading

__all__ = [
    "ISOLATION_PROCESS",
    "ISOLATION_THREAD",
    "WORKER_ISOLATION_ENV",
    "apply_thread_isolation",
    "isolation_mode",
    "uses_threads",
]

logger = logging.getLogger(__name__)

WORKER_ISOLATION_ENV = "CONDUCTOR_WORKER_ISOLATION"
ISOLATION_PROCESS = "process"
ISOLATION_THREAD = "thread"
_VALID_MODES = frozenset({ISOLATION_PROCESS, ISOLATION_THREAD})

_state_lock = threading.Lock()
_invalid_mode_warned = False
_thread_isolation_applied = False


def isolation_mode() -> str:
    """The mode ``CONDUCTOR_WORKER_ISOLATION`` asks for (case and surrounding spaces
    ignored). An unknown value is logged once and means ``process``: a typo must not stop
    every worker."""
    global _invalid_mode_warned
    raw = os.environ.get(WORKER_ISOLATION_ENV, "")
    mode = raw.strip().lower() or ISOLATION_PROCESS
    if mode in _VALID_MODES:
        return mode
    with _state_lock:
        if not _invalid_mode_warned:
            _invalid_mode_warned = True
            logger.warning(
                "Ignoring invalid %s=%r; valid values are %s; using %r",
                WORKER_ISOLATION_ENV,
                raw,
                sorted(_VALID_MODES),
                ISOLATION_PROCESS,
            )
    return ISOLATION_PROCESS


def apply_thread_isolation() -> None:
    """Host the workers of every ``TaskHandler`` built from now on as threads, whatever the
    environment says. Idempotent."""
    global _thread_isolation_applied
    _thread_isolation_applied = True


def uses_threads() -> bool:
    """Whether a ``TaskHandler`` built now hosts its workers as threads."""
    return _thread_isolation_applied or isolation_mode() == ISOLATION_THREAD
