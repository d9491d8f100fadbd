"""``queue_worker_configuration``.

Ported from the official SDK (``conductor.client.event.queue.queue_worker_configuration``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from typing import Any


class QueueWorkerConfiguration:
    def __init__(self) -> None:
        self.configuration: dict[str, Any] = {}

    def add_configuration(self, key: str, value: str) -> None:
        self.configuration[key] = value
