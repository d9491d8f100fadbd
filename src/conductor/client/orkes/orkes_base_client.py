"""``OrkesBaseClient``: the ApiClient and resource APIs every high-level client builds on."""

from __future__ import annotations

import logging

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api.application_resource_api import ApplicationResourceApi
from conductor.client.http.api.authorization_resource_api import AuthorizationResourceApi
from conductor.client.http.api.gateway_auth_resource_api import GatewayAuthResourceApi
from conductor.client.http.api.group_resource_api import GroupResourceApi
from conductor.client.http.api.integration_resource_api import IntegrationResourceApi
from conductor.client.http.api.metadata_resource_api import MetadataResourceApi
from conductor.client.http.api.prompt_resource_api import PromptResourceApi
from conductor.client.http.api.role_resource_api import RoleResourceApi
from conductor.client.http.api.scheduler_resource_api import SchedulerResourceApi
from conductor.client.http.api.schema_resource_api import SchemaResourceApi
from conductor.client.http.api.secret_resource_api import SecretResourceApi
from conductor.client.http.api.service_registry_resource_api import ServiceRegistryResourceApi
from conductor.client.http.api.task_resource_api import TaskResourceApi
from conductor.client.http.api.token_resource_api import TokenResourceApi
from conductor.client.http.api.user_resource_api import UserResourceApi
from conductor.client.http.api.workflow_resource_api import WorkflowResourceApi
from conductor.client.http.api_client import ApiClient
from conductor.client.orkes.api.tags_api import TagsApi

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
        # Orkes-only resources: Conductor OSS (and our server) answer 404, raised as ApiException.
        self.applicationResourceApi = ApplicationResourceApi(self.api_client)
        self.secretResourceApi = SecretResourceApi(self.api_client)
        self.userResourceApi = UserResourceApi(self.api_client)
        self.groupResourceApi = GroupResourceApi(self.api_client)
        self.authorizationResourceApi = AuthorizationResourceApi(self.api_client)
        self.roleResourceApi = RoleResourceApi(self.api_client)
        self.gatewayAuthResourceApi = GatewayAuthResourceApi(self.api_client)
        self.tokenResourceApi = TokenResourceApi(self.api_client)
        self.schedulerResourceApi = SchedulerResourceApi(self.api_client)
        self.tagsApi = TagsApi(self.api_client)
        self.integrationApi = IntegrationResourceApi(self.api_client)
        self.promptApi = PromptResourceApi(self.api_client)
        self.schemaApi = SchemaResourceApi(self.api_client)
        self.serviceRegistryResourceApi = ServiceRegistryResourceApi(self.api_client)
