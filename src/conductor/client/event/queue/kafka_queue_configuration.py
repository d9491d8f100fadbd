"""``kafka_queue_configuration``.

Ported from the official SDK (``conductor.client.event.queue.kafka_queue_configuration``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from typing import Any

from conductor.client.event.queue.queue_configuration import QueueConfiguration
from conductor.client.event.queue.queue_worker_configuration import QueueWorkerConfiguration


class KafkaQueueConfiguration(QueueConfiguration):
    def __init__(self, queue_topic_name: str) -> None:
        super().__init__(queue_topic_name, "kafka")

    def get_worker_configuration(self) -> dict[str, Any]:
        worker_configuration: dict[str, Any] = {}
        for required_key in ["consumer", "producer"]:
            if required_key not in self.worker_configuration:
                raise RuntimeError(f"required key not present: {required_key}")
        for key, value in self.worker_configuration.items():
            worker_configuration[key] = value.configuration
        return worker_configuration


class KafkaConsumerConfiguration(QueueWorkerConfiguration):
    def __init__(self, bootstrap_servers_config: str) -> None:
        super().__init__()
        super().add_configuration(key="bootstrap.servers", value=bootstrap_servers_config)


class KafkaProducerConfiguration(QueueWorkerConfiguration):
    def __init__(self, bootstrap_servers_config: str) -> None:
        super().__init__()
        super().add_configuration(key="bootstrap.servers", value=bootstrap_servers_config)
