"""``OrkesBaseClient``: the ApiClient and resource APIs every high-level client builds on."""

from __future__ import annotations

import logging

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api.metadata_resource_api import MetadataResourceApi
from conductor.client.http.api.task_resource_api import TaskResourceApi
from conductor.client.http.api.workflow_resource_api import WorkflowResourceApi
from conductor.client.http.api_client import ApiClient

__all__ = ["OrkesBaseClient"]


class OrkesBaseClient:
    """Holds one :class:`ApiClient` (``api_client=`` injects one, e.g. with a mock transport)."""

    def __init__(
        self,
        configuration: Configuration | None = None,
        metrics_collector: object | None = None,
        *,
        api_client: ApiClient | None = None,
    ) -> None:
        self.configuration = configuration if configuration is not None else Configuration()
        self.metrics_collector = metrics_collector
        self.api_client = api_client if api_client is not None else ApiClient(self.configuration)
        self.logger = logging.getLogger(type(self).__module__)
        # Attribute names as in the official SDK.
        self.metadataResourceApi = MetadataResourceApi(self.api_client)
        self.taskResourceApi = TaskResourceApi(self.api_client)
        self.workflowResourceApi = WorkflowResourceApi(self.api_client)
