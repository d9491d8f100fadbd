"""``scheduler_client``.

Ported from the official SDK (``conductor.client.scheduler_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from conductor.client.http.models.save_schedule_request import SaveScheduleRequest
from conductor.client.http.models.search_result_workflow_schedule_execution_model import (
    SearchResultWorkflowScheduleExecutionModel,
)
from conductor.client.http.models.workflow_schedule import WorkflowSchedule
from conductor.client.orkes.models.metadata_tag import MetadataTag


class SchedulerClient(ABC):
    @abstractmethod
    def save_schedule(self, save_schedule_request: SaveScheduleRequest) -> Any:
        pass

    @abstractmethod
    def get_schedule(self, name: str) -> WorkflowSchedule | None:
        pass

    @abstractmethod
    def get_all_schedules(self, workflow_name: str | None = None) -> list[WorkflowSchedule]:
        pass

    @abstractmethod
    def get_next_few_schedule_execution_times(
        self,
        cron_expression: str,
        schedule_start_time: int | None = None,
        schedule_end_time: int | None = None,
        limit: int | None = None,
    ) -> list[int]:
        pass

    @abstractmethod
    def delete_schedule(self, name: str) -> Any:
        pass

    @abstractmethod
    def pause_schedule(self, name: str, reason: str | None = None) -> Any:
        pass

    @abstractmethod
    def pause_all_schedules(self) -> Any:
        pass

    @abstractmethod
    def resume_schedule(self, name: str) -> Any:
        pass

    @abstractmethod
    def resume_all_schedules(self) -> Any:
        pass

    @abstractmethod
    def search_schedule_executions(
        self,
        start: int | None = None,
        size: int | None = None,
        sort: str | None = None,
        free_text: str | None = None,
        query: str | None = None,
    ) -> SearchResultWorkflowScheduleExecutionModel:
        pass

    @abstractmethod
    def requeue_all_execution_records(self) -> Any:
        pass

    @abstractmethod
    def set_scheduler_tags(self, tags: list[MetadataTag], name: str) -> Any:
        pass

    @abstractmethod
    def get_scheduler_tags(self, name: str) -> list[MetadataTag]:
        pass

    @abstractmethod
    def delete_scheduler_tags(self, tags: list[MetadataTag], name: str) -> None:
        pass

    @abstractmethod
    def pause(self, wire_name: str, reason: str | None = None) -> None:
        pass

    @abstractmethod
    def resume(self, wire_name: str) -> None:
        pass

    @abstractmethod
    def delete(self, wire_name: str) -> None:
        pass

    @abstractmethod
    def preview_next(
        self, cron: str, n: int = 5, start_at: int | None = None, end_at: int | None = None
    ) -> list[int]:
        pass

    @abstractmethod
    def run_now(self, info: Any) -> str:
        pass

    @abstractmethod
    def reconcile(self, agent_name: str, desired: list[Any] | None) -> None:
        pass
