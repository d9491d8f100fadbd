"""``queue_configuration``.

Ported from the official SDK (``conductor.client.event.queue.queue_configuration``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from conductor.client.event.queue.queue_worker_configuration import QueueWorkerConfiguration


class QueueConfiguration(ABC):
    WORKER_CONSUMER_KEY: ClassVar[str] = "consumer"
    WORKER_PRODUCER_KEY: ClassVar[str] = "producer"

    def __init__(self, queue_name: str, queue_type: str) -> None:
        self.queue_name = queue_name
        self.queue_type = queue_type
        self.worker_configuration: dict[str, Any] = {}

    def add_consumer(self, worker_configuration: QueueWorkerConfiguration) -> None:
        self.worker_configuration[self.WORKER_CONSUMER_KEY] = worker_configuration

    def add_producer(self, worker_configuration: QueueWorkerConfiguration) -> None:
        self.worker_configuration[self.WORKER_PRODUCER_KEY] = worker_configuration

    @abstractmethod
    def get_worker_configuration(self) -> dict[str, Any]:
        raise NotImplementedError
