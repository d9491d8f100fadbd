"""``secret_client``.

Ported from the official SDK (``conductor.client.secret_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from conductor.client.orkes.models.metadata_tag import MetadataTag


class SecretClient(ABC):
    @abstractmethod
    def put_secret(self, key: str, value: str) -> Any:
        pass

    @abstractmethod
    def get_secret(self, key: str) -> str:
        pass

    @abstractmethod
    def list_all_secret_names(self) -> set[str]:
        pass

    @abstractmethod
    def list_secrets_that_user_can_grant_access_to(self) -> list[str]:
        pass

    @abstractmethod
    def delete_secret(self, key: str) -> Any:
        pass

    @abstractmethod
    def secret_exists(self, key: str) -> bool:
        pass

    @abstractmethod
    def set_secret_tags(self, tags: list[MetadataTag], key: str) -> Any:
        pass

    @abstractmethod
    def get_secret_tags(self, key: str) -> list[MetadataTag]:
        pass

    @abstractmethod
    def delete_secret_tags(self, tags: list[MetadataTag], key: str) -> None:
        pass
