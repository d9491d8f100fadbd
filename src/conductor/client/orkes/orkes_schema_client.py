"""``orkes_schema_client``.

Ported from the official SDK (``conductor.client.orkes.orkes_schema_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.schema_def import SchemaDef
from conductor.client.orkes.orkes_base_client import OrkesBaseClient
from conductor.client.schema_client import SchemaClient


class OrkesSchemaClient(OrkesBaseClient, SchemaClient):
    def __init__(
        self,
        configuration: Configuration | None = None,
        metrics_collector: object | None = None,
        *,
        api_client: ApiClient | None = None,
    ) -> None:
        super().__init__(configuration, metrics_collector, api_client=api_client)

    def register_schema(self, schema: SchemaDef) -> None:
        self.schemaApi.save(schema)

    def get_schema(self, schema_name: str, version: int) -> SchemaDef:
        return self.schemaApi.get_schema_by_name_and_version(name=schema_name, version=version)

    def get_all_schemas(self) -> list[SchemaDef]:
        return self.schemaApi.get_all_schemas()

    def delete_schema(self, schema_name: str, version: int) -> None:
        self.schemaApi.delete_schema_by_name_and_version(name=schema_name, version=version)

    def delete_schema_by_name(self, schema_name: str) -> None:
        self.schemaApi.delete_schema_by_name(name=schema_name)
