"""``OrkesClients``: one place to get every high-level client for a configuration."""

from __future__ import annotations

import importlib
from typing import Any, NoReturn

from conductor.client.authorization_client import AuthorizationClient
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.integration_client import IntegrationClient
from conductor.client.metadata_client import MetadataClient
from conductor.client.orkes.orkes_authorization_client import OrkesAuthorizationClient
from conductor.client.orkes.orkes_integration_client import OrkesIntegrationClient
from conductor.client.orkes.orkes_metadata_client import OrkesMetadataClient
from conductor.client.orkes.orkes_prompt_client import OrkesPromptClient
from conductor.client.orkes.orkes_scheduler_client import OrkesSchedulerClient
from conductor.client.orkes.orkes_schema_client import OrkesSchemaClient
from conductor.client.orkes.orkes_secret_client import OrkesSecretClient
from conductor.client.orkes.orkes_service_registry_client import OrkesServiceRegistryClient
from conductor.client.orkes.orkes_task_client import OrkesTaskClient
from conductor.client.orkes.orkes_workflow_client import OrkesWorkflowClient
from conductor.client.prompt_client import PromptClient
from conductor.client.scheduler_client import SchedulerClient
from conductor.client.schema_client import SchemaClient
from conductor.client.secret_client import SecretClient
from conductor.client.service_registry_client import ServiceRegistryClient
from conductor.client.task_client import TaskClient
from conductor.client.workflow_client import WorkflowClient

__all__ = ["ConductorClients", "OrkesClients"]


def _orkes_only(what: str) -> NoReturn:
    raise NotImplementedError(
        f"The {what} client is an Orkes Conductor API that pyconductor does not provide"
    )


class OrkesClients:
    """Hands out clients that share one :class:`ApiClient` (one connection pool, one token)."""

    def __init__(
        self,
        configuration: Configuration | None = None,
        metrics_collector: object | None = None,
        *,
        api_client: ApiClient | None = None,
    ) -> None:
        self.configuration = configuration if configuration is not None else Configuration()
        self.metrics_collector = metrics_collector
        self._api_client = api_client

    @property
    def api_client(self) -> ApiClient:
        if self._api_client is None:
            self._api_client = ApiClient(self.configuration)
        return self._api_client

    def get_workflow_client(self) -> WorkflowClient:
        return OrkesWorkflowClient(self.configuration, self.metrics_collector, api_client=self.api_client)

    def get_metadata_client(self) -> MetadataClient:
        return OrkesMetadataClient(self.configuration, api_client=self.api_client)

    def get_task_client(self) -> TaskClient:
        return OrkesTaskClient(self.configuration, api_client=self.api_client)

    def get_workflow_executor(self) -> Any:
        """The DSL's ``WorkflowExecutor`` (``conductor.client.workflow.executor``)."""
        try:
            module = importlib.import_module("conductor.client.workflow.executor.workflow_executor")
        except ImportError as exc:
            raise NotImplementedError("conductor.client.workflow.executor is not available yet") from exc
        return module.WorkflowExecutor(self.configuration, metrics_collector=self.metrics_collector)

    # Orkes-only APIs: the clients exist as in the official SDK; Conductor OSS and our server
    # answer their endpoints 404, raised as ApiException.

    def get_authorization_client(self) -> AuthorizationClient:
        return OrkesAuthorizationClient(self.configuration, api_client=self.api_client)

    def get_scheduler_client(self) -> SchedulerClient:
        # Orkes' scheduler API, which this server implements (/api/scheduler).
        return OrkesSchedulerClient(self.configuration, api_client=self.api_client)

    def get_secret_client(self) -> SecretClient:
        return OrkesSecretClient(self.configuration, api_client=self.api_client)

    def get_integration_client(self) -> IntegrationClient:
        return OrkesIntegrationClient(self.configuration, api_client=self.api_client)

    def get_prompt_client(self) -> PromptClient:
        return OrkesPromptClient(self.configuration, api_client=self.api_client)

    def get_schema_client(self) -> SchemaClient:
        return OrkesSchemaClient(self.configuration, api_client=self.api_client)

    def get_service_registry_client(self) -> ServiceRegistryClient:
        return OrkesServiceRegistryClient(self.configuration, api_client=self.api_client)

    def get_agent_client(self) -> NoReturn:
        _orkes_only("agent")


ConductorClients = OrkesClients
