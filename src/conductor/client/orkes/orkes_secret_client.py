"""``orkes_secret_client``.

Ported from the official SDK (``conductor.client.orkes.orkes_secret_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api_client import ApiClient
from conductor.client.orkes.models.metadata_tag import MetadataTag
from conductor.client.orkes.orkes_base_client import OrkesBaseClient
from conductor.client.secret_client import SecretClient


class OrkesSecretClient(OrkesBaseClient, SecretClient):
    def __init__(
        self,
        configuration: Configuration | None = None,
        metrics_collector: object | None = None,
        *,
        api_client: ApiClient | None = None,
    ) -> None:
        super().__init__(configuration, metrics_collector, api_client=api_client)

    def put_secret(self, key: str, value: str) -> Any:
        self.secretResourceApi.put_secret(value, key)

    def get_secret(self, key: str) -> str:
        return cast("str", self.secretResourceApi.get_secret(key))

    def list_all_secret_names(self) -> set[str]:
        return set(self.secretResourceApi.list_all_secret_names())

    def list_secrets_that_user_can_grant_access_to(self) -> list[str]:
        return self.secretResourceApi.list_secrets_that_user_can_grant_access_to()

    def delete_secret(self, key: str) -> Any:
        self.secretResourceApi.delete_secret(key)

    def secret_exists(self, key: str) -> bool:
        return cast("bool", self.secretResourceApi.secret_exists(key))

    def set_secret_tags(self, tags: list[MetadataTag], key: str) -> Any:
        self.secretResourceApi.put_tag_for_secret(tags, key)

    def get_secret_tags(self, key: str) -> list[MetadataTag]:
        return cast("list[MetadataTag]", self.secretResourceApi.get_tags(key))

    def delete_secret_tags(self, tags: list[MetadataTag], key: str) -> None:
        self.secretResourceApi.delete_tag_for_secret(tags, key)
