"""Errors raised by the expression engines.

::

    ExpressionError
    ├── ScriptError      JavaScript syntax/runtime error, out of memory, stack overflow
    │                    (Conductor: FAILED_WITH_TERMINAL_ERROR, never retried)
    ├── ScriptTimeout    JavaScript CPU-time limit hit (Conductor: FAILED, retriable)
    └── JqError          jq compile/runtime error or crashed worker (Conductor: FAILED)
        └── JqTimeout    jq time limit hit; the worker process was killed and replaced

``ScriptTimeout`` is deliberately *not* a ``ScriptError``: the two lead to different task
statuses, so a caller that handles only ``ScriptError`` must not swallow timeouts.  For jq
both outcomes give the same status, so ``JqTimeout`` refines ``JqError``.
"""

from __future__ import annotations


class ExpressionError(Exception):
    """Root of every error raised by ``conductor.server.expressions``."""

    @property
    def message(self) -> str:
        """The human-readable message (what Conductor stores as ``reasonForIncompletion``)."""
        return str(self)


class ScriptError(ExpressionError):
    """A JavaScript expression failed to compile or to run."""


class ScriptTimeout(ExpressionError):
    """A JavaScript expression exceeded its CPU-time limit and was interrupted."""


class JqError(ExpressionError):
    """A jq program failed to compile or to run."""


class JqTimeout(JqError):
    """A jq program exceeded its time limit; its worker process was killed."""
