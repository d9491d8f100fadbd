"""``WorkerInterface``: what the task runner needs from a worker."""

from __future__ import annotations

import abc
import socket
from typing import Any

from conductor.client.http.models.task import Task
from conductor.client.http.models.task_result import TaskResult

__all__ = ["DEFAULT_POLLING_INTERVAL", "WorkerInterface"]

#: Milliseconds. pyconductor long-polls, so this is only the pause after a failed poll.
DEFAULT_POLLING_INTERVAL = 100


class WorkerInterface(abc.ABC):
    """A worker for one task type (or several, polled round-robin).

    Prefer ``@worker_task`` on a function; implement this class for full control::

        class MyWorker(WorkerInterface):
            def execute(self, task: Task) -> TaskResult:
                result = self.get_task_result_from_task(task)
                result.status = TaskResultStatus.COMPLETED
                return result

    ``execute`` may be ``async def``: the worker then runs on an event loop
    (``AsyncTaskRunner``). Settings read by the runner: ``thread_count`` (concurrent
    executions: threads, or tasks in flight for an async worker), ``domain``,
    ``poll_interval`` (ms), ``poll_timeout`` (long-poll ms), ``register_task_def``,
    ``lease_extend_enabled``, ``paused``.
    """

    #: A paused worker does not poll (set through the environment, see ``worker_config``).
    paused: bool = False

    def __init__(self, task_definition_name: str | list[str]) -> None:
        self.task_definition_name = task_definition_name
        self.next_task_index = 0
        self._task_definition_name_cache: str | None = None
        self._domain: str | None = None
        self._poll_interval: float | None = DEFAULT_POLLING_INTERVAL
        self.thread_count = 1
        self.register_task_def = False
        self.poll_timeout = 100
        self.lease_extend_enabled = False
        self.overwrite_task_def = True
        self.strict_schema = False
        self.task_def_template: Any = None

    @abc.abstractmethod
    def execute(self, task: Task) -> TaskResult:
        """Execute ``task`` and return its result (the runner reports it to the server)."""

    def get_identity(self) -> str:
        """The ``workerid`` sent with polls (default: the host name)."""
        return socket.gethostname()

    def get_polling_interval_in_seconds(self) -> float:
        return (self.poll_interval or DEFAULT_POLLING_INTERVAL) / 1000

    def get_task_definition_name(self) -> str:
        """The task type to poll next (advances the round-robin over a list of names)."""
        return self.task_definition_name_cache

    @property
    def task_definition_name_cache(self) -> str:
        """The task type being polled: computed on first use, kept until
        :meth:`clear_task_definition_name_cache` moves the round-robin on."""
        if self._task_definition_name_cache is None:
            self._task_definition_name_cache = self.compute_task_definition_name()
        return self._task_definition_name_cache

    @property
    def task_definition_names(self) -> list[str]:
        name = self.task_definition_name
        return list(name) if isinstance(name, list) else [name]

    def clear_task_definition_name_cache(self) -> None:
        self._task_definition_name_cache = None

    def compute_task_definition_name(self) -> str:
        if isinstance(self.task_definition_name, list):
            name = self.task_definition_name[self.next_task_index]
            self.next_task_index = (self.next_task_index + 1) % len(self.task_definition_name)
            return name
        return self.task_definition_name

    def get_task_result_from_task(self, task: Task) -> TaskResult:
        """A result for ``task`` carrying its ids and this worker's identity."""
        return TaskResult(
            task_id=task.task_id,
            workflow_instance_id=task.workflow_instance_id,
            worker_id=self.get_identity(),
        )

    def get_domain(self) -> str | None:
        return self.domain

    @property
    def domain(self) -> str | None:
        return self._domain

    @domain.setter
    def domain(self, value: str | None) -> None:
        self._domain = value

    @property
    def poll_interval(self) -> float | None:
        return self._poll_interval

    @poll_interval.setter
    def poll_interval(self, value: float | None) -> None:
        self._poll_interval = value
