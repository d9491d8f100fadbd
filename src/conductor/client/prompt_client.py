"""``prompt_client``.

Ported from the official SDK (``conductor.client.prompt_client``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from conductor.client.http.models.prompt_template import PromptTemplate
from conductor.client.orkes.models.metadata_tag import MetadataTag


class PromptClient(ABC):
    @abstractmethod
    def save_prompt(
        self,
        prompt_name: str,
        description: str,
        prompt_template: str,
        models: list[str] | None = None,
        version: int | None = None,
        auto_increment: bool = False,
    ) -> Any:
        pass

    @abstractmethod
    def get_prompt(self, prompt_name: str) -> PromptTemplate | None:
        pass

    @abstractmethod
    def get_prompts(self) -> Any:
        pass

    @abstractmethod
    def delete_prompt(self, prompt_name: str) -> Any:
        pass

    @abstractmethod
    def get_tags_for_prompt_template(self, prompt_name: str) -> list[MetadataTag]:
        pass

    @abstractmethod
    def update_tag_for_prompt_template(self, prompt_name: str, tags: list[MetadataTag]) -> Any:
        pass

    @abstractmethod
    def delete_tag_for_prompt_template(self, prompt_name: str, tags: list[MetadataTag]) -> Any:
        pass

    @abstractmethod
    def test_prompt(
        self,
        prompt_text: str,
        variables: dict[str, Any],
        ai_integration: str,
        text_complete_model: str,
        temperature: float = 0.1,
        top_p: float = 0.9,
        stop_words: list[str] | None = None,
    ) -> str:
        pass
