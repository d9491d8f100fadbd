"""``JavascriptTask``: an INLINE task running ECMAScript on the server.

``$`` in the script is the task's input: ``bindings`` become inputs next to ``expression``
and ``evaluatorType`` (``graaljs``; ``.evaluator_type("javascript")`` switches the name, both
run the same engine). The script's completion value is the task output ``result``, which is
what :meth:`JavascriptTask.output` points at.
"""

from __future__ import annotations

from typing import Any, Self

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["JavascriptTask"]


class JavascriptTask(TaskInterface):
    def __init__(self, task_ref_name: str, script: str, bindings: dict[str, Any] | None = None) -> None:
        super().__init__(
            task_reference_name=task_ref_name,
            task_type=TaskType.INLINE,
            input_parameters={"evaluatorType": "graaljs", "expression": script},
        )
        if bindings is not None:
            self.input_parameters.update(bindings)

    def output(self, json_path: str | None = None) -> str:
        """``${ref.output.result[.<json_path>]}``."""
        if json_path is None:
            return "${" + f"{self.task_reference_name}.output.result" + "}"
        return "${" + f"{self.task_reference_name}.output.result.{json_path}" + "}"

    # The official class turns the base's `evaluator_type` property into this builder method.
    def evaluator_type(self, evaluator_type: str) -> Self:  # type: ignore[override]
        """Set the ``evaluatorType`` input (``graaljs`` or ``javascript``); returns the task."""
        self.input_parameters["evaluatorType"] = evaluator_type
        return self
