"""``HttpPollTask`` / ``HttpPollInput``: an HTTP call repeated until a condition holds (Orkes).

pyconductor builds the JSON but does not execute ``HTTP_POLL`` itself.
"""

from __future__ import annotations

from typing import Any, ClassVar

from conductor.client.workflow.task.http_task import HttpInput, HttpMethod
from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["HttpPollInput", "HttpPollTask"]


class HttpPollInput(HttpInput):
    """`HttpInput` plus the polling fields."""

    swagger_types: ClassVar[dict[str, str]] = {
        **HttpInput.swagger_types,
        "_termination_condition": "str",
        "_polling_interval": "int",
        "_max_poll_count": "int",
        "_polling_strategy": "str",
    }
    attribute_map: ClassVar[dict[str, str]] = {
        **HttpInput.attribute_map,
        "_termination_condition": "terminationCondition",
        "_polling_interval": "pollingInterval",
        "_max_poll_count": "maxPollCount",
        "_polling_strategy": "pollingStrategy",
    }

    def __init__(
        self,
        termination_condition: str | None = None,
        max_poll_count: int = 100,
        polling_interval: int = 100,
        polling_strategy: str = "FIXED",
        method: HttpMethod = HttpMethod.GET,
        uri: str | None = None,
        headers: dict[str, list[str]] | None = None,
        accept: str | None = None,
        content_type: str | None = None,
        connection_time_out: int | None = None,
        read_timeout: int | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(method, uri, headers, accept, content_type, connection_time_out, read_timeout, body)
        self._termination_condition = termination_condition
        self._max_poll_count = max_poll_count
        self._polling_interval = polling_interval
        self._polling_strategy = polling_strategy


class HttpPollTask(TaskInterface):
    def __init__(self, task_ref_name: str, http_input: HttpPollInput) -> None:
        super().__init__(
            task_reference_name=task_ref_name,
            task_type=TaskType.HTTP_POLL,
            input_parameters={"http_request": http_input},
        )
