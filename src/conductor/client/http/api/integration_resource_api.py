"""``IntegrationResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.integration import Integration
from conductor.client.http.models.integration_api import IntegrationApi
from conductor.client.http.models.integration_api_update import IntegrationApiUpdate
from conductor.client.http.models.integration_def import IntegrationDef
from conductor.client.http.models.integration_update import IntegrationUpdate
from conductor.client.http.models.prompt_template import PromptTemplate
from conductor.client.http.models.tag_object import TagObject

__all__ = ["IntegrationResourceApi"]


class IntegrationResourceApi:
    """The official ``IntegrationResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def associate_prompt_with_integration(
        self, integration_provider: str, integration_name: str, prompt_name: str, **kwargs: Any
    ) -> None:
        """``POST
        /integrations/provider/{integration_provider}/integration/{integration_name}/prompt/{prompt_name}``:
        Associate a Prompt Template with an Integration. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None",
            self.associate_prompt_with_integration_with_http_info(
                integration_provider, integration_name, prompt_name, **kwargs
            ),
        )

    def associate_prompt_with_integration_with_http_info(
        self, integration_provider: str, integration_name: str, prompt_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`associate_prompt_with_integration`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/integrations/provider/{integration_provider}/integration/{integration_name}/prompt/{prompt_name}",
            path_params={
                "integration_provider": integration_provider,
                "integration_name": integration_name,
                "prompt_name": prompt_name,
            },
        )

    def delete_integration_api(self, name: str, integration_name: str, **kwargs: Any) -> None:
        """``DELETE /integrations/provider/{name}/integration/{integration_name}``: Delete an Integration.
        Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_integration_api_with_http_info(name, integration_name, **kwargs))

    def delete_integration_api_with_http_info(self, name: str, integration_name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_integration_api`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/integrations/provider/{name}/integration/{integration_name}",
            path_params={"name": name, "integration_name": integration_name},
        )

    def delete_integration_provider(self, name: str, **kwargs: Any) -> None:
        """``DELETE /integrations/provider/{name}``: Delete an Integration Provider. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_integration_provider_with_http_info(name, **kwargs))

    def delete_integration_provider_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/integrations/provider/{name}",
            path_params={"name": name},
        )

    def delete_tag_for_integration(
        self, body: Sequence[TagObject], name: str, integration_name: str, **kwargs: Any
    ) -> None:
        """``DELETE /integrations/provider/{name}/integration/{integration_name}/tags``: Delete a tag for
        Integration. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None", self.delete_tag_for_integration_with_http_info(body, name, integration_name, **kwargs)
        )

    def delete_tag_for_integration_with_http_info(
        self, body: Sequence[TagObject], name: str, integration_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`delete_tag_for_integration`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/integrations/provider/{name}/integration/{integration_name}/tags",
            path_params={"name": name, "integration_name": integration_name},
            body=body,
        )

    def delete_tag_for_integration_provider(
        self, body: Sequence[TagObject], name: str, **kwargs: Any
    ) -> None:
        """``DELETE /integrations/provider/{name}/tags``: Delete a tag for Integration Provider. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_tag_for_integration_provider_with_http_info(body, name, **kwargs))

    def delete_tag_for_integration_provider_with_http_info(
        self, body: Sequence[TagObject], name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`delete_tag_for_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/integrations/provider/{name}/tags",
            path_params={"name": name},
            body=body,
        )

    def get_integration_api(self, name: str, integration_name: str, **kwargs: Any) -> IntegrationApi:
        """``GET /integrations/provider/{name}/integration/{integration_name}``: Get Integration details.
        Answers ``IntegrationApi``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "IntegrationApi", self.get_integration_api_with_http_info(name, integration_name, **kwargs)
        )

    def get_integration_api_with_http_info(self, name: str, integration_name: str, **kwargs: Any) -> Any:
        """As :meth:`get_integration_api`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/integration/{integration_name}",
            path_params={"name": name, "integration_name": integration_name},
            response_type=IntegrationApi,
        )

    def get_integration_apis(self, name: str, **kwargs: Any) -> list[IntegrationApi]:
        """``GET /integrations/provider/{name}/integration``: Get Integrations of an Integration Provider.
        Optional: active_only. Answers ``list[IntegrationApi]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[IntegrationApi]", self.get_integration_apis_with_http_info(name, **kwargs))

    def get_integration_apis_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_integration_apis`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/integration",
            path_params={"name": name},
            query=[("activeOnly", kwargs.get("active_only"))],
            response_type=list[IntegrationApi],
        )

    def get_integration_available_apis(self, name: str, **kwargs: Any) -> list[str]:
        """``GET /integrations/provider/{name}/integration/all``: Get Integrations Available for an
        Integration Provider. Answers ``list[str]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[str]", self.get_integration_available_apis_with_http_info(name, **kwargs))

    def get_integration_available_apis_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_integration_available_apis`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/integration/all",
            path_params={"name": name},
            response_type=list[str],
        )

    def get_integration_provider(self, name: str, **kwargs: Any) -> Integration:
        """``GET /integrations/provider/{name}``: Get Integration provider. Answers ``Integration``."""
        kwargs["_return_http_data_only"] = True
        return cast("Integration", self.get_integration_provider_with_http_info(name, **kwargs))

    def get_integration_provider_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}",
            path_params={"name": name},
            response_type=Integration,
        )

    def get_integration_provider_defs(self, **kwargs: Any) -> list[IntegrationDef]:
        """``GET /integrations/def``: Get Integration provider definitions. Answers
        ``list[IntegrationDef]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[IntegrationDef]", self.get_integration_provider_defs_with_http_info(**kwargs))

    def get_integration_provider_defs_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_integration_provider_defs`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/def",
            response_type=list[IntegrationDef],
        )

    def get_integration_providers(self, **kwargs: Any) -> list[Integration]:
        """``GET /integrations/provider``: Get all Integrations Providers. Optional: type, active_only.
        Answers ``list[Integration]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[Integration]", self.get_integration_providers_with_http_info(**kwargs))

    def get_integration_providers_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_integration_providers`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider",
            query=[("type", kwargs.get("type")), ("activeOnly", kwargs.get("active_only"))],
            response_type=list[Integration],
        )

    def get_prompts_with_integration(
        self, integration_provider: str, integration_name: str, **kwargs: Any
    ) -> list[PromptTemplate]:
        """``GET /integrations/provider/{integration_provider}/integration/{integration_name}/prompt``: Get
        the list of prompt templates associated with an integration. Answers ``list[PromptTemplate]``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "list[PromptTemplate]",
            self.get_prompts_with_integration_with_http_info(
                integration_provider, integration_name, **kwargs
            ),
        )

    def get_prompts_with_integration_with_http_info(
        self, integration_provider: str, integration_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`get_prompts_with_integration`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{integration_provider}/integration/{integration_name}/prompt",
            path_params={"integration_provider": integration_provider, "integration_name": integration_name},
            response_type=list[PromptTemplate],
        )

    def get_providers_and_integrations(self, **kwargs: Any) -> list[str]:
        """``GET /integrations/all``: Get Integrations Providers and Integrations combo. Optional: type,
        active_only. Answers ``list[str]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[str]", self.get_providers_and_integrations_with_http_info(**kwargs))

    def get_providers_and_integrations_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_providers_and_integrations`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/all",
            query=[("type", kwargs.get("type")), ("activeOnly", kwargs.get("active_only"))],
            response_type=list[str],
        )

    def get_tags_for_integration(self, name: str, integration_name: str, **kwargs: Any) -> list[TagObject]:
        """``GET /integrations/provider/{name}/integration/{integration_name}/tags``: Get tags by
        Integration. Answers ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "list[TagObject]", self.get_tags_for_integration_with_http_info(name, integration_name, **kwargs)
        )

    def get_tags_for_integration_with_http_info(self, name: str, integration_name: str, **kwargs: Any) -> Any:
        """As :meth:`get_tags_for_integration`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/integration/{integration_name}/tags",
            path_params={"name": name, "integration_name": integration_name},
            response_type=list[TagObject],
        )

    def get_tags_for_integration_provider(self, name: str, **kwargs: Any) -> list[TagObject]:
        """``GET /integrations/provider/{name}/tags``: Get tags by Integration Provider. Answers
        ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_tags_for_integration_provider_with_http_info(name, **kwargs))

    def get_tags_for_integration_provider_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_tags_for_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/tags",
            path_params={"name": name},
            response_type=list[TagObject],
        )

    def get_token_usage_for_integration(self, name: str, integration_name: str, **kwargs: Any) -> int:
        """``GET /integrations/provider/{name}/integration/{integration_name}/metrics``: Get Token Usage by
        Integration. Answers ``int``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "int", self.get_token_usage_for_integration_with_http_info(name, integration_name, **kwargs)
        )

    def get_token_usage_for_integration_with_http_info(
        self, name: str, integration_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`get_token_usage_for_integration`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/integration/{integration_name}/metrics",
            path_params={"name": name, "integration_name": integration_name},
            response_type=int,
        )

    def get_token_usage_for_integration_provider(self, name: str, **kwargs: Any) -> dict[str, str]:
        """``GET /integrations/provider/{name}/metrics``: Get Token Usage by Integration Provider. Answers
        ``dict(str, str)``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "dict[str, str]", self.get_token_usage_for_integration_provider_with_http_info(name, **kwargs)
        )

    def get_token_usage_for_integration_provider_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_token_usage_for_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/integrations/provider/{name}/metrics",
            path_params={"name": name},
            response_type=dict[str, str],
        )

    def put_tag_for_integration(
        self, body: Sequence[TagObject], name: str, integration_name: str, **kwargs: Any
    ) -> None:
        """``PUT /integrations/provider/{name}/integration/{integration_name}/tags``: Put a tag to
        Integration. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None", self.put_tag_for_integration_with_http_info(body, name, integration_name, **kwargs)
        )

    def put_tag_for_integration_with_http_info(
        self, body: Sequence[TagObject], name: str, integration_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`put_tag_for_integration`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/integrations/provider/{name}/integration/{integration_name}/tags",
            path_params={"name": name, "integration_name": integration_name},
            body=body,
        )

    def put_tag_for_integration_provider(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> None:
        """``PUT /integrations/provider/{name}/tags``: Put a tag to Integration Provider. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.put_tag_for_integration_provider_with_http_info(body, name, **kwargs))

    def put_tag_for_integration_provider_with_http_info(
        self, body: Sequence[TagObject], name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`put_tag_for_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/integrations/provider/{name}/tags",
            path_params={"name": name},
            body=body,
        )

    def register_token_usage(self, body: int, name: str, integration_name: str, **kwargs: Any) -> None:
        """``POST /integrations/provider/{name}/integration/{integration_name}/metrics``: Register Token
        usage. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.register_token_usage_with_http_info(body, name, integration_name, **kwargs))

    def register_token_usage_with_http_info(
        self, body: int, name: str, integration_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`register_token_usage`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/integrations/provider/{name}/integration/{integration_name}/metrics",
            path_params={"name": name, "integration_name": integration_name},
            body=body,
        )

    def save_integration_api(
        self, body: IntegrationApiUpdate, name: str, integration_name: str, **kwargs: Any
    ) -> None:
        """``POST /integrations/provider/{name}/integration/{integration_name}``: Create or Update
        Integration. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.save_integration_api_with_http_info(body, name, integration_name, **kwargs))

    def save_integration_api_with_http_info(
        self, body: IntegrationApiUpdate, name: str, integration_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`save_integration_api`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/integrations/provider/{name}/integration/{integration_name}",
            path_params={"name": name, "integration_name": integration_name},
            body=body,
        )

    def save_integration_provider(self, body: IntegrationUpdate, name: str, **kwargs: Any) -> None:
        """``POST /integrations/provider/{name}``: Create or Update Integration provider. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.save_integration_provider_with_http_info(body, name, **kwargs))

    def save_integration_provider_with_http_info(
        self, body: IntegrationUpdate, name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`save_integration_provider`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/integrations/provider/{name}",
            path_params={"name": name},
            body=body,
        )
