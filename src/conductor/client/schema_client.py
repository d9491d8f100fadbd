"""``schema_client``.

Ported from the official SDK (``conductor.client.schema_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from conductor.client.http.models.schema_def import SchemaDef


class SchemaClient(ABC):
    @abstractmethod
    def register_schema(self, schema: SchemaDef) -> None:
        """
        Register a new schema.
        """
        ...

    @abstractmethod
    def get_schema(self, schema_name: str, version: int) -> SchemaDef:
        """
        Retrieve a schema by its name and version.
        """
        ...

    @abstractmethod
    def get_all_schemas(self) -> list[SchemaDef]:
        """
        Retrieve all schemas.
        """
        ...

    @abstractmethod
    def delete_schema(self, schema_name: str, version: int) -> None:
        """
        Delete a schema by its name and version.
        """
        ...

    @abstractmethod
    def delete_schema_by_name(self, schema_name: str) -> None:
        """
        Delete all the versions of a schema by its name
        """
        ...
