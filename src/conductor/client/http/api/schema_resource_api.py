"""``SchemaResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.schema_def import SchemaDef

__all__ = ["SchemaResourceApi"]


class SchemaResourceApi:
    """The official ``SchemaResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def delete_schema_by_name(self, name: str, **kwargs: Any) -> None:
        """``DELETE /schema/{name}``: Delete all versions of schema by name. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_schema_by_name_with_http_info(name, **kwargs))

    def delete_schema_by_name_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_schema_by_name`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/schema/{name}",
            path_params={"name": name},
        )

    def delete_schema_by_name_and_version(self, name: str, version: int, **kwargs: Any) -> None:
        """``DELETE /schema/{name}/{version}``: Delete a version of schema by name. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_schema_by_name_and_version_with_http_info(name, version, **kwargs))

    def delete_schema_by_name_and_version_with_http_info(self, name: str, version: int, **kwargs: Any) -> Any:
        """As :meth:`delete_schema_by_name_and_version`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/schema/{name}/{version}",
            path_params={"name": name, "version": version},
        )

    def get_all_schemas(self, **kwargs: Any) -> list[SchemaDef]:
        """``GET /schema``: Get all schemas. Answers ``list[SchemaDef]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[SchemaDef]", self.get_all_schemas_with_http_info(**kwargs))

    def get_all_schemas_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_all_schemas`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/schema",
            response_type=list[SchemaDef],
        )

    def get_schema_by_name_and_version(self, name: str, version: int, **kwargs: Any) -> SchemaDef:
        """``GET /schema/{name}/{version}``: Get schema by name and version. Answers ``SchemaDef``."""
        kwargs["_return_http_data_only"] = True
        return cast("SchemaDef", self.get_schema_by_name_and_version_with_http_info(name, version, **kwargs))

    def get_schema_by_name_and_version_with_http_info(self, name: str, version: int, **kwargs: Any) -> Any:
        """As :meth:`get_schema_by_name_and_version`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/schema/{name}/{version}",
            path_params={"name": name, "version": version},
            response_type=SchemaDef,
        )

    def save(self, body: SchemaDef | Sequence[SchemaDef], **kwargs: Any) -> None:
        """``POST /schema``: Save schema. Optional: new_version. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.save_with_http_info(body, **kwargs))

    def save_with_http_info(self, body: SchemaDef | Sequence[SchemaDef], **kwargs: Any) -> Any:
        """As :meth:`save`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/schema",
            query=[("newVersion", kwargs.get("new_version"))],
            body=body,
        )
