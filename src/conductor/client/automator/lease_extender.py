"""Heartbeats that keep long-running tasks from timing out.

While a task of a worker with ``lease_extend_enabled`` runs, the server must hear from the
worker within the task's ``responseTimeoutSeconds``. Every 0.8 x that interval we send
``POST /tasks`` with ``{"status": "IN_PROGRESS", "extendLease": true}``, which only refreshes
the lease on the server. One daemon thread serves all tasks of a runner.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable

from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.rest import ApiException

__all__ = ["LEASE_EXTENSION_FACTOR", "LeaseExtender"]

logger = logging.getLogger(__name__)

LEASE_EXTENSION_FACTOR = 0.8


class LeaseExtender:
    """Sends a heartbeat for every tracked task each ``0.8 x responseTimeoutSeconds``."""

    def __init__(self, send_heartbeat: Callable[[TaskResult], object]) -> None:
        self._send = send_heartbeat
        self._condition = threading.Condition()
        self._intervals: dict[str, tuple[str | None, float]] = {}
        self._due: list[tuple[float, str]] = []  # heap of (next heartbeat time, task id)
        self._stopped = False
        self._thread: threading.Thread | None = None

    def track(self, task: Task) -> None:
        """Start heartbeating ``task`` (ignored without a positive responseTimeoutSeconds)."""
        timeout = task.response_timeout_seconds or 0
        if timeout <= 0 or not task.task_id:
            return
        interval = timeout * LEASE_EXTENSION_FACTOR
        with self._condition:
            self._intervals[task.task_id] = (task.workflow_instance_id, interval)
            heapq.heappush(self._due, (time.monotonic() + interval, task.task_id))
            self._ensure_thread()
            self._condition.notify()

    def untrack(self, task_id: str | None) -> None:
        if task_id is None:
            return
        with self._condition:
            # Heap entries of untracked tasks are skipped when they come due.
            self._intervals.pop(task_id, None)

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify()

    def _ensure_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="conductor-lease-extender", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._stopped and (not self._due or self._due[0][0] > time.monotonic()):
                    timeout = self._due[0][0] - time.monotonic() if self._due else None
                    self._condition.wait(timeout)
                if self._stopped:
                    return
                _, task_id = heapq.heappop(self._due)
                tracked = self._intervals.get(task_id)
                if tracked is None:
                    continue
                workflow_id, interval = tracked
                heapq.heappush(self._due, (time.monotonic() + interval, task_id))
            self._heartbeat(task_id, workflow_id)

    def _heartbeat(self, task_id: str, workflow_id: str | None) -> None:
        heartbeat = TaskResult(
            workflow_instance_id=workflow_id,
            task_id=task_id,
            status=TaskResultStatus.IN_PROGRESS,
            extend_lease=True,
        )
        try:
            self._send(heartbeat)
            logger.debug("Extended the lease of task %s", task_id)
        except ApiException as exc:
            logger.warning("Could not extend the lease of task %s: %s", task_id, exc.message or exc.reason)
