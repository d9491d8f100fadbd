"""``SchedulerResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.save_schedule_request import SaveScheduleRequest
from conductor.client.http.models.search_result_workflow_schedule_execution_model import (
    SearchResultWorkflowScheduleExecutionModel,
)
from conductor.client.http.models.tag_object import TagObject
from conductor.client.http.models.workflow_schedule import WorkflowSchedule

__all__ = ["SchedulerResourceApi"]


class SchedulerResourceApi:
    """The official ``SchedulerResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def delete_schedule(self, name: str, **kwargs: Any) -> Any:
        """``DELETE /scheduler/schedules/{name}``: Deletes an existing workflow schedule by name. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.delete_schedule_with_http_info(name, **kwargs)

    def delete_schedule_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/scheduler/schedules/{name}",
            path_params={"name": name},
            response_type=object,
        )

    def get_all_schedules(self, **kwargs: Any) -> list[WorkflowSchedule]:
        """``GET /scheduler/schedules``: Get all existing workflow schedules and optionally filter by workflow name. Optional: workflow_name. Answers ``list[WorkflowSchedule]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[WorkflowSchedule]", self.get_all_schedules_with_http_info(**kwargs))

    def get_all_schedules_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_all_schedules`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/schedules",
            query=[("workflowName", kwargs.get("workflow_name"))],
            response_type=list[WorkflowSchedule],
        )

    def get_next_few_schedules(self, cron_expression: str, **kwargs: Any) -> list[int]:
        """``GET /scheduler/nextFewSchedules``: Get list of the next x (default 3, max 5) execution times for a scheduler. Optional: schedule_start_time, schedule_end_time, limit. Answers ``list[int]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[int]", self.get_next_few_schedules_with_http_info(cron_expression, **kwargs))

    def get_next_few_schedules_with_http_info(self, cron_expression: str, **kwargs: Any) -> Any:
        """As :meth:`get_next_few_schedules`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/nextFewSchedules",
            query=[
                ("cronExpression", cron_expression),
                ("scheduleStartTime", kwargs.get("schedule_start_time")),
                ("scheduleEndTime", kwargs.get("schedule_end_time")),
                ("limit", kwargs.get("limit")),
            ],
            response_type=list[int],
        )

    def get_schedule(self, name: str, **kwargs: Any) -> WorkflowSchedule:
        """``GET /scheduler/schedules/{name}``: Get an existing workflow schedule by name. Answers ``WorkflowSchedule``."""
        kwargs["_return_http_data_only"] = True
        return cast("WorkflowSchedule", self.get_schedule_with_http_info(name, **kwargs))

    def get_schedule_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/schedules/{name}",
            path_params={"name": name},
            response_type=WorkflowSchedule,
        )

    def pause_all_schedules(self, **kwargs: Any) -> dict[str, Any]:
        """``GET /scheduler/admin/pause``: Pause all scheduling in a single conductor server instance (for debugging only). Answers ``dict(str, object)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, Any]", self.pause_all_schedules_with_http_info(**kwargs))

    def pause_all_schedules_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`pause_all_schedules`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/admin/pause",
            response_type=dict[str, object],
        )

    def pause_schedule(self, name: str, **kwargs: Any) -> Any:
        """``PUT /scheduler/schedules/{name}/pause``: Pauses an existing schedule by name. Optional: reason. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.pause_schedule_with_http_info(name, **kwargs)

    def pause_schedule_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`pause_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/scheduler/schedules/{name}/pause",
            path_params={"name": name},
            query=[("reason", kwargs.get("reason"))],
            response_type=object,
        )

    def requeue_all_execution_records(self, **kwargs: Any) -> dict[str, Any]:
        """``GET /scheduler/admin/requeue``: Requeue all execution records. Answers ``dict(str, object)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, Any]", self.requeue_all_execution_records_with_http_info(**kwargs))

    def requeue_all_execution_records_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`requeue_all_execution_records`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/admin/requeue",
            response_type=dict[str, object],
        )

    def resume_all_schedules(self, **kwargs: Any) -> dict[str, Any]:
        """``GET /scheduler/admin/resume``: Resume all scheduling. Answers ``dict(str, object)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, Any]", self.resume_all_schedules_with_http_info(**kwargs))

    def resume_all_schedules_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`resume_all_schedules`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/admin/resume",
            response_type=dict[str, object],
        )

    def resume_schedule(self, name: str, **kwargs: Any) -> Any:
        """``PUT /scheduler/schedules/{name}/resume``: Resume a paused schedule by name. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.resume_schedule_with_http_info(name, **kwargs)

    def resume_schedule_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`resume_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/scheduler/schedules/{name}/resume",
            path_params={"name": name},
            response_type=object,
        )

    def save_schedule(self, body: SaveScheduleRequest, **kwargs: Any) -> Any:
        """``POST /scheduler/schedules``: Create or update a schedule for a specified workflow with a corresponding start workflow request. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.save_schedule_with_http_info(body, **kwargs)

    def save_schedule_with_http_info(self, body: SaveScheduleRequest, **kwargs: Any) -> Any:
        """As :meth:`save_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/scheduler/schedules",
            body=body,
            response_type=object,
        )

    def search_v21(self, **kwargs: Any) -> SearchResultWorkflowScheduleExecutionModel:
        """``GET /scheduler/search/executions``: Search for workflows based on payload and other parameters. Optional: start, size, sort, free_text, query. Answers ``SearchResultWorkflowScheduleExecutionModel``."""
        kwargs["_return_http_data_only"] = True
        return cast("SearchResultWorkflowScheduleExecutionModel", self.search_v21_with_http_info(**kwargs))

    def search_v21_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`search_v21`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/search/executions",
            query=[
                ("start", kwargs.get("start")),
                ("size", kwargs.get("size")),
                ("sort", kwargs.get("sort")),
                ("freeText", kwargs.get("free_text")),
                ("query", kwargs.get("query")),
            ],
            response_type=SearchResultWorkflowScheduleExecutionModel,
        )

    def test_timeout(self, **kwargs: Any) -> None:
        """``GET /scheduler/test/timeout``: Test timeout - do not use in production. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.test_timeout_with_http_info(**kwargs))

    def test_timeout_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`test_timeout`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/test/timeout",
        )

    def put_tag_for_schedule(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> None:
        """``PUT /scheduler/schedules/{name}/tags``: Put a tag to schedule. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.put_tag_for_schedule_with_http_info(body, name, **kwargs))

    def put_tag_for_schedule_with_http_info(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> Any:
        """As :meth:`put_tag_for_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/scheduler/schedules/{name}/tags",
            path_params={"name": name},
            body=body,
        )

    def get_tags_for_schedule(self, name: str, **kwargs: Any) -> list[TagObject]:
        """``GET /scheduler/schedules/{name}/tags``: Get tags by schedule. Answers ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_tags_for_schedule_with_http_info(name, **kwargs))

    def get_tags_for_schedule_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_tags_for_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/scheduler/schedules/{name}/tags",
            path_params={"name": name},
            response_type=list[TagObject],
        )

    def delete_tag_for_schedule(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> None:
        """``DELETE /scheduler/schedules/{name}/tags``: Delete a tag for schedule. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_tag_for_schedule_with_http_info(body, name, **kwargs))

    def delete_tag_for_schedule_with_http_info(
        self, body: Sequence[TagObject], name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`delete_tag_for_schedule`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/scheduler/schedules/{name}/tags",
            path_params={"name": name},
            body=body,
        )
