"""What both task runners decide while reporting a result, whatever their I/O.

`TaskRunner._report` (threads) and `AsyncTaskRunner._report` (asyncio) send a result the same
way: update-v2 first, POST /tasks from the first 404/405 on (an older server), retries with
the runner's `UPDATE_RETRY_DELAYS_SECONDS` on transient errors, and a dropped result when the server
refuses it for good. Only the waiting and the HTTP calls differ, so the loops stay in each
runner and every decision and message lives here once.
"""

from __future__ import annotations

import logging

from conductor.client.automator.runner_events import RunnerEvents
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.rest import ApiException


class ResultReporting:
    def __init__(self, events: RunnerEvents, log: logging.Logger) -> None:
        self._events = events
        self._log = log  # the runner's own logger: its messages keep their logger name
        #: False once the server answered update-v2 with 404/405: POST /tasks from then on.
        self.use_update_v2 = True

    def update_v2_missing(self, exc: ApiException) -> bool:
        """True (and update-v2 is off for good) when ``exc`` says the server has no update-v2."""
        if exc.status not in (404, 405):
            return False
        self._log.warning(
            "Server has no /tasks/update-v2 (HTTP %d); using POST /tasks from now on", exc.status
        )
        self.use_update_v2 = False
        return True

    def failed_attempt(self, task_type: str, result: TaskResult, exc: ApiException, attempt: int) -> bool:
        """Log a failed attempt; True when retrying is pointless (the result is dropped)."""
        if not exc.transient:
            self._log.error(
                "Server rejected the result of task %s (HTTP %d): %s; result dropped",
                result.task_id,
                exc.status,
                exc.message,
            )
            self._events.update_failed(task_type, result, exc, attempt + 1)
            return True
        self._log.warning(
            "Could not report task %s (attempt %d): %s",
            result.task_id,
            attempt + 1,
            exc.message or exc.reason,
        )
        return False

    def lost(self, task_type: str, result: TaskResult, last_error: Exception | None, attempts: int) -> None:
        """Every attempt failed (or the runner is stopping): the result is lost."""
        self._log.critical(
            "Result of task %s (workflow %s) lost after repeated failures",
            result.task_id,
            result.workflow_instance_id,
        )
        if last_error is not None:
            self._events.update_failed(task_type, result, last_error, attempts)
