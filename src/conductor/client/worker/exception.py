"""Exceptions a worker raises to steer what the server does with a failed task."""

from __future__ import annotations

__all__ = ["NonRetryableException"]


class NonRetryableException(Exception):
    """Fail the task for good: reported as FAILED_WITH_TERMINAL_ERROR, so the server never
    retries it (any other exception is reported as FAILED and retried per the task def)."""
