"""``embedding_model``.

Ported from the official SDK (``conductor.client.workflow.task.llm_tasks.utils.embedding_model``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from typing import ClassVar


class EmbeddingModel:
    swagger_types: ClassVar[dict[str, str]] = {"provider": "str", "model": "str"}
    attribute_map: ClassVar[dict[str, str]] = {
        "provider": "embeddingModelProvider",
        "model": "embeddingModel",
    }

    def __init__(self, provider: str, model: str) -> None:
        self._provider = provider
        self._model = model

    @property
    def provider(self) -> str:
        return self._provider

    @provider.setter
    def provider(self, provider: str) -> None:
        self._provider = provider

    @property
    def model(self) -> str:
        return self._model

    @model.setter
    def model(self, model: str) -> None:
        self._model = model
