"""``orkes_scheduler_client``.

Ported from the official SDK (``conductor.client.orkes.orkes_scheduler_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.save_schedule_request import SaveScheduleRequest
from conductor.client.http.models.search_result_workflow_schedule_execution_model import (
    SearchResultWorkflowScheduleExecutionModel,
)
from conductor.client.http.models.workflow_schedule import WorkflowSchedule
from conductor.client.http.rest import ApiException
from conductor.client.orkes.models.metadata_tag import MetadataTag
from conductor.client.orkes.orkes_base_client import OrkesBaseClient
from conductor.client.scheduler_client import SchedulerClient

logger = logging.getLogger(__name__)


class OrkesSchedulerClient(OrkesBaseClient, SchedulerClient):
    def __init__(
        self,
        configuration: Configuration | None = None,
        metrics_collector: object | None = None,
        *,
        api_client: ApiClient | None = None,
    ) -> None:
        super().__init__(configuration, metrics_collector, api_client=api_client)

    def save_schedule(self, save_schedule_request: SaveScheduleRequest) -> Any:
        self.schedulerResourceApi.save_schedule(save_schedule_request)

    def get_schedule(self, name: str) -> WorkflowSchedule | None:
        schedule = self.schedulerResourceApi.get_schedule(name)
        if not schedule or not getattr(schedule, "name", None):
            return None
        return schedule

    def get_all_schedules(self, workflow_name: str | None = None) -> list[WorkflowSchedule]:
        kwargs = {}
        if workflow_name:
            kwargs.update({"workflow_name": workflow_name})
        return self.schedulerResourceApi.get_all_schedules(**kwargs)

    def get_next_few_schedule_execution_times(
        self,
        cron_expression: str,
        schedule_start_time: int | None = None,
        schedule_end_time: int | None = None,
        limit: int | None = None,
    ) -> list[int]:
        kwargs = {}
        if schedule_start_time:
            kwargs.update({"schedule_start_time": schedule_start_time})
        if schedule_end_time:
            kwargs.update({"schedule_end_time": schedule_end_time})
        if limit:
            kwargs.update({"limit": limit})
        return self.schedulerResourceApi.get_next_few_schedules(cron_expression, **kwargs)

    def delete_schedule(self, name: str) -> Any:
        self.schedulerResourceApi.delete_schedule(name)

    def pause_schedule(self, name: str, reason: str | None = None) -> Any:
        try:
            if reason is None:
                self.schedulerResourceApi.pause_schedule(name)
            else:
                self.schedulerResourceApi.pause_schedule(name, reason=reason)
        except ApiException as e:
            if e.status != 405:
                raise
            self._pause_resume_via_get(name, "pause", reason)

    def pause_all_schedules(self) -> Any:
        self.schedulerResourceApi.pause_all_schedules()

    def resume_schedule(self, name: str) -> Any:
        try:
            self.schedulerResourceApi.resume_schedule(name)
        except ApiException as e:
            if e.status != 405:
                raise
            self._pause_resume_via_get(name, "resume")

    def _pause_resume_via_get(self, name: str, action: str, reason: str | None = None) -> Any:
        """Legacy-dialect fallback: Orkes Conductor servers map per-schedule pause/resume
        as GET (their endpoint takes no reason param; sending it is harmless). Mirrors the
        generated call in scheduler_resource_api.py with only the verb changed."""
        query_params: list[tuple[str, Any]] = []
        if reason is not None:
            query_params.append(("reason", reason))
        self.api_client.call_api(
            "/scheduler/schedules/{name}/" + action,
            "GET",
            {"name": name},
            query_params,
            {"Accept": "application/json"},
            body=None,
            post_params=[],
            files={},
            response_type="object",
            auth_settings=[],
            _return_http_data_only=True,
            _preload_content=True,
            collection_formats={},
        )

    def resume_all_schedules(self) -> Any:
        self.schedulerResourceApi.resume_all_schedules()

    def search_schedule_executions(
        self,
        start: int | None = None,
        size: int | None = None,
        sort: str | None = None,
        free_text: str | None = None,
        query: str | None = None,
    ) -> SearchResultWorkflowScheduleExecutionModel:
        kwargs: dict[str, Any] = {}
        if start:
            kwargs.update({"start": start})
        if size:
            kwargs.update({"size": size})
        if sort:
            kwargs.update({"sort": sort})
        if free_text:
            # The official client passes "freeText", which its own API rejects (TypeError).
            kwargs.update({"free_text": free_text})
        if query:
            kwargs.update({"query": query})
        return self.schedulerResourceApi.search_v21(**kwargs)

    def requeue_all_execution_records(self) -> Any:
        self.schedulerResourceApi.requeue_all_execution_records()

    def set_scheduler_tags(self, tags: list[MetadataTag], name: str) -> Any:
        self.schedulerResourceApi.put_tag_for_schedule(tags, name)

    def get_scheduler_tags(self, name: str) -> list[MetadataTag]:
        return cast("list[MetadataTag]", self.schedulerResourceApi.get_tags_for_schedule(name))

    def delete_scheduler_tags(self, tags: list[MetadataTag], name: str) -> None:
        self.schedulerResourceApi.delete_tag_for_schedule(tags, name)

    # -- the official agent-schedule helpers (conductor.ai), minus the agent runtime ----------

    def pause(self, wire_name: str, reason: str | None = None) -> None:
        """Pause one schedule by its name on the server."""
        if reason is None:
            self.pause_schedule(wire_name)
        else:
            self.pause_schedule(wire_name, reason=reason)

    def resume(self, wire_name: str) -> None:
        """Resume one schedule by its name on the server."""
        self.resume_schedule(wire_name)

    def delete(self, wire_name: str) -> None:
        """Delete one schedule by its name on the server."""
        self.delete_schedule(wire_name)

    def preview_next(
        self, cron: str, n: int = 5, start_at: int | None = None, end_at: int | None = None
    ) -> list[int]:
        """The next ``n`` epoch-millisecond fire times of ``cron``."""
        times = self.get_next_few_schedule_execution_times(
            cron_expression=cron, schedule_start_time=start_at, schedule_end_time=end_at, limit=n
        )
        return list(times) if times else []

    def run_now(self, info: Any) -> str:
        """Agent schedules belong to ``conductor.ai`` (not part of this SDK)."""
        raise NotImplementedError("agent schedules need conductor.ai, which pyconductor does not ship")

    def reconcile(self, agent_name: str, desired: list[Any] | None) -> None:
        """Agent schedules belong to ``conductor.ai`` (not part of this SDK)."""
        raise NotImplementedError("agent schedules need conductor.ai, which pyconductor does not ship")
