"""``prompt``.

Ported from the official SDK (``conductor.client.workflow.task.llm_tasks.utils.prompt``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from typing import ClassVar


class Prompt:
    swagger_types: ClassVar[dict[str, str]] = {"name": "str", "variables": "str"}
    attribute_map: ClassVar[dict[str, str]] = {"name": "promptName", "variables": "promptVariables"}

    def __init__(self, name: str, variables: dict[str, object]) -> None:
        self._name = name
        self._variables = variables

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        self._name = name

    @property
    def variables(self) -> dict[str, object]:
        return self._variables

    @variables.setter
    def variables(self, variables: dict[str, object]) -> None:
        self._variables = variables
