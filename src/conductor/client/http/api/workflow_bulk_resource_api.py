"""``WorkflowBulkResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.bulk_response import BulkResponse

__all__ = ["WorkflowBulkResourceApi"]


class WorkflowBulkResourceApi:
    """The official ``WorkflowBulkResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def pause_workflow(self, body: Sequence[str], **kwargs: Any) -> BulkResponse:
        """``PUT /workflow/bulk/pause``: Pause the list of workflows. Answers ``BulkResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast("BulkResponse", self.pause_workflow_with_http_info(body, **kwargs))

    def pause_workflow_with_http_info(self, body: Sequence[str], **kwargs: Any) -> Any:
        """As :meth:`pause_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/workflow/bulk/pause",
            body=body,
            accept="*/*",
            response_type=BulkResponse,
        )

    def restart(self, body: Sequence[str], **kwargs: Any) -> BulkResponse:
        """``POST /workflow/bulk/restart``: Restart the list of completed workflow. Optional:
        use_latest_definitions. Answers ``BulkResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast("BulkResponse", self.restart_with_http_info(body, **kwargs))

    def restart_with_http_info(self, body: Sequence[str], **kwargs: Any) -> Any:
        """As :meth:`restart`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/bulk/restart",
            query=[("useLatestDefinitions", kwargs.get("use_latest_definitions"))],
            body=body,
            accept="*/*",
            response_type=BulkResponse,
        )

    def resume_workflow(self, body: Sequence[str], **kwargs: Any) -> BulkResponse:
        """``PUT /workflow/bulk/resume``: Resume the list of workflows. Answers ``BulkResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast("BulkResponse", self.resume_workflow_with_http_info(body, **kwargs))

    def resume_workflow_with_http_info(self, body: Sequence[str], **kwargs: Any) -> Any:
        """As :meth:`resume_workflow`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/workflow/bulk/resume",
            body=body,
            accept="*/*",
            response_type=BulkResponse,
        )

    def retry(self, body: Sequence[str], **kwargs: Any) -> BulkResponse:
        """``POST /workflow/bulk/retry``: Retry the last failed task for each workflow from the list.
        Answers ``BulkResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast("BulkResponse", self.retry_with_http_info(body, **kwargs))

    def retry_with_http_info(self, body: Sequence[str], **kwargs: Any) -> Any:
        """As :meth:`retry`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/bulk/retry",
            body=body,
            accept="*/*",
            response_type=BulkResponse,
        )

    def terminate(self, body: Sequence[str], **kwargs: Any) -> BulkResponse:
        """``POST /workflow/bulk/terminate``: Terminate workflows execution. Optional: reason,
        triggerFailureWorkflow. Answers ``BulkResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast("BulkResponse", self.terminate_with_http_info(body, **kwargs))

    def terminate_with_http_info(self, body: Sequence[str], **kwargs: Any) -> Any:
        """As :meth:`terminate`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/workflow/bulk/terminate",
            query=[
                ("reason", kwargs.get("reason")),
                ("triggerFailureWorkflow", kwargs.get("triggerFailureWorkflow")),
            ],
            body=body,
            accept="*/*",
            response_type=BulkResponse,
        )
