"""``KafkaPublishTask``: publish a message to Kafka (pyconductor builds the JSON; the server
does not run ``KAFKA_PUBLISH``)."""

from __future__ import annotations

from conductor.client.workflow.task.kafka_publish_input import KafkaPublishInput
from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["KafkaPublishTask"]


class KafkaPublishTask(TaskInterface):
    def __init__(self, task_ref_name: str, kafka_publish_input: KafkaPublishInput | None = None) -> None:
        super().__init__(
            task_reference_name=task_ref_name,
            task_type=TaskType.KAFKA_PUBLISH,
            input_parameters={"kafka_request": kafka_publish_input},
        )
