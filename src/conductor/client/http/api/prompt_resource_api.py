"""``PromptResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.prompt_template import PromptTemplate
from conductor.client.http.models.prompt_test_request import PromptTemplateTestRequest
from conductor.client.http.models.tag_object import TagObject

__all__ = ["PromptResourceApi"]


class PromptResourceApi:
    """The official ``PromptResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def delete_message_template(self, name: str, **kwargs: Any) -> None:
        """``DELETE /prompts/{name}``: Delete Template. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_message_template_with_http_info(name, **kwargs))

    def delete_message_template_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_message_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/prompts/{name}",
            path_params={"name": name},
        )

    def delete_tag_for_prompt_template(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> None:
        """``DELETE /prompts/{name}/tags``: Delete a tag for Prompt Template. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_tag_for_prompt_template_with_http_info(body, name, **kwargs))

    def delete_tag_for_prompt_template_with_http_info(
        self, body: Sequence[TagObject], name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`delete_tag_for_prompt_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/prompts/{name}/tags",
            path_params={"name": name},
            body=body,
        )

    def get_message_template(self, name: str, **kwargs: Any) -> PromptTemplate:
        """``GET /prompts/{name}``: Get Template. Answers ``PromptTemplate``."""
        kwargs["_return_http_data_only"] = True
        return cast("PromptTemplate", self.get_message_template_with_http_info(name, **kwargs))

    def get_message_template_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_message_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/prompts/{name}",
            path_params={"name": name},
            response_type=PromptTemplate,
        )

    def get_message_templates(self, **kwargs: Any) -> list[PromptTemplate]:
        """``GET /prompts``: Get Templates. Answers ``list[PromptTemplate]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[PromptTemplate]", self.get_message_templates_with_http_info(**kwargs))

    def get_message_templates_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_message_templates`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/prompts",
            response_type=list[PromptTemplate],
        )

    def get_tags_for_prompt_template(self, name: str, **kwargs: Any) -> list[TagObject]:
        """``GET /prompts/{name}/tags``: Get tags by Prompt Template. Answers ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_tags_for_prompt_template_with_http_info(name, **kwargs))

    def get_tags_for_prompt_template_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_tags_for_prompt_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/prompts/{name}/tags",
            path_params={"name": name},
            response_type=list[TagObject],
        )

    def put_tag_for_prompt_template(self, body: Sequence[TagObject], name: str, **kwargs: Any) -> None:
        """``PUT /prompts/{name}/tags``: Put a tag to Prompt Template. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.put_tag_for_prompt_template_with_http_info(body, name, **kwargs))

    def put_tag_for_prompt_template_with_http_info(
        self, body: Sequence[TagObject], name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`put_tag_for_prompt_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/prompts/{name}/tags",
            path_params={"name": name},
            body=body,
        )

    def save_message_template(self, body: str, description: str, name: str, **kwargs: Any) -> None:
        """``POST /prompts/{name}``: Create or Update Template. Optional: models, version, autoIncrement.
        Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.save_message_template_with_http_info(body, description, name, **kwargs))

    def save_message_template_with_http_info(
        self, body: str, description: str, name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`save_message_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/prompts/{name}",
            path_params={"name": name},
            query=[
                ("description", description),
                ("models", kwargs.get("models")),
                ("version", kwargs.get("version")),
                ("autoIncrement", kwargs.get("autoIncrement")),
            ],
            body=body,
        )

    def test_message_template(self, body: PromptTemplateTestRequest, **kwargs: Any) -> str:
        """``POST /prompts/test``: Test Prompt Template. Answers ``str``."""
        kwargs["_return_http_data_only"] = True
        return cast("str", self.test_message_template_with_http_info(body, **kwargs))

    def test_message_template_with_http_info(self, body: PromptTemplateTestRequest, **kwargs: Any) -> Any:
        """As :meth:`test_message_template`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/prompts/test",
            body=body,
            response_type=str,
        )
