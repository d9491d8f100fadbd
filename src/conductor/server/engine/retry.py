"""Retry back-off arithmetic (DeciderService.retry)."""

from __future__ import annotations

from conductor.server.domain.definitions import TaskDef
from conductor.server.domain.status import RetryLogic

_MAX_INT = 2**31 - 1


def retry_delay_seconds(task_def: TaskDef, attempt: int) -> int:
    """Delay before retry number `attempt + 1`, where `attempt` is the failed try's retryCount."""
    base = task_def.retry_delay_seconds
    if task_def.retry_logic is RetryLogic.LINEAR_BACKOFF:
        delay = base * task_def.backoff_scale_factor * (attempt + 1)
    elif task_def.retry_logic is RetryLogic.EXPONENTIAL_BACKOFF:
        delay = base * (2**attempt)
    else:
        delay = base
    delay = min(delay, _MAX_INT)
    if task_def.max_retry_delay_seconds > 0:
        delay = min(delay, task_def.max_retry_delay_seconds)
    return max(delay, 0)
