"""``TaskInterface``: the base of every DSL task, and the conversion to ``WorkflowTask``.

A task object is a small builder: its constructor takes what the task type needs, and
``to_workflow_task()`` returns the :class:`~conductor.client.http.models.WorkflowTask` model
that goes into a workflow definition (a few operators return a list: the task plus the JOIN
that must follow it).

Expression helpers return Conductor ``${...}`` references: ``task.output("a.b")`` is
``"${ref.output.a.b}"``, ``task.input("x")`` is ``"${ref.input.x}"``, and, as in the official
SDK, reading any unknown public attribute ``task.foo`` gives ``"${ref.output.foo}"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from typing import Any, Self

from conductor.client.http.models.workflow_task import CacheConfig, WorkflowTask
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["TaskInterface", "get_task_interface_list_as_workflow_task_list"]


def _require(value: object, kind: type | tuple[type, ...], what: str, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, kind):
        raise TypeError(f"invalid type for {what}: {type(value).__name__}")


def get_task_interface_list_as_workflow_task_list(*tasks: TaskInterface) -> list[WorkflowTask]:
    """The ``WorkflowTask`` models of ``tasks``, flattening tasks that expand to several."""
    converted: list[WorkflowTask] = []
    for task in tasks:
        converted.extend(as_workflow_tasks(task.to_workflow_task()))
    return converted


def as_workflow_tasks(converted: WorkflowTask | list[WorkflowTask]) -> list[WorkflowTask]:
    return list(converted) if isinstance(converted, list) else [converted]


class TaskInterface:
    """Common state of every task: reference name, type, name, inputs, optional, cache."""

    def __init__(
        self,
        task_reference_name: str,
        task_type: TaskType,
        task_name: str | None = None,
        description: str | None = None,
        optional: bool | None = None,
        input_parameters: dict[str, Any] | None = None,
        cache_key: str | None = None,
        cache_ttl_second: int = 0,
    ) -> None:
        self._name = task_name or task_reference_name
        self.task_reference_name = task_reference_name
        self.task_type = task_type
        self.task_name = task_name if task_name is not None else task_type.value
        self.description = description
        self.optional = optional
        self.input_parameters = input_parameters if input_parameters is not None else {}
        # The official constructor stores these but only `cache()` makes them take effect;
        # here both spellings configure the cache.
        self._cache_key = cache_key
        self._cache_ttl_second = cache_ttl_second
        self._expression: str | None = None
        self._evaluator_type: str | None = None

    # -- properties (type-checked like the official setters) -------------------------------

    @property
    def task_reference_name(self) -> str:
        return self._task_reference_name

    @task_reference_name.setter
    def task_reference_name(self, task_reference_name: str) -> None:
        _require(task_reference_name, str, "task_reference_name")
        self._task_reference_name = task_reference_name

    @property
    def task_type(self) -> TaskType:
        return self._task_type

    @task_type.setter
    def task_type(self, task_type: TaskType) -> None:
        _require(task_type, TaskType, "task_type")
        self._task_type = task_type

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        _require(name, str, "name")
        self._name = name

    @property
    def expression(self) -> str | None:
        return self._expression

    @expression.setter
    def expression(self, expression: str | None) -> None:
        self._expression = expression

    @property
    def evaluator_type(self) -> str | None:
        return self._evaluator_type

    @evaluator_type.setter
    def evaluator_type(self, evaluator_type: str | None) -> None:
        self._evaluator_type = evaluator_type

    @property
    def description(self) -> str | None:
        return self._description

    @description.setter
    def description(self, description: str | None) -> None:
        _require(description, str, "description", optional=True)
        self._description = description

    @property
    def optional(self) -> bool | None:
        return self._optional

    @optional.setter
    def optional(self, optional: bool | None) -> None:
        _require(optional, bool, "optional", optional=True)
        self._optional = optional

    @property
    def input_parameters(self) -> dict[str, Any]:
        return self._input_parameters

    @input_parameters.setter
    def input_parameters(self, input_parameters: Any) -> None:
        if input_parameters is None:
            self._input_parameters = {}
            return
        if not isinstance(input_parameters, dict):
            # An object's attributes become the inputs (official behaviour).
            try:
                input_parameters = dict(vars(input_parameters))
            except TypeError as err:
                raise ValueError(f"Invalid type: {type(input_parameters)}") from err
        self._input_parameters = deepcopy(input_parameters)

    # -- builders --------------------------------------------------------------------------

    def input_parameter(self, key: str, value: Any) -> Self:
        """Set one input parameter; returns the task so calls can be chained."""
        _require(key, str, "input parameter key")
        self._input_parameters[key] = deepcopy(value)
        return self

    def cache(self, cache_key: str, cache_ttl_second: int) -> None:
        """Cache the task's output under ``cache_key`` (an expression) for the given seconds."""
        self._cache_key = cache_key
        self._cache_ttl_second = cache_ttl_second

    def to_workflow_task(self) -> WorkflowTask | list[WorkflowTask]:
        """The ``WorkflowTask`` model (operators that need a JOIN after them return a list)."""
        return self._base_workflow_task()

    def _base_workflow_task(self) -> WorkflowTask:
        cache_config = None
        if self._cache_ttl_second > 0 and self._cache_key is not None:
            cache_config = CacheConfig(key=self._cache_key, ttl_in_second=self._cache_ttl_second)
        return WorkflowTask(
            name=self._name,
            task_reference_name=self._task_reference_name,
            type=self._task_type.value,
            description=self._description,
            input_parameters=self._input_parameters,
            optional=self._optional,
            cache_config=cache_config,
            expression=self._expression,
            evaluator_type=self._evaluator_type,
        )

    # -- expressions -----------------------------------------------------------------------

    def output(self, json_path: str | None = None) -> str:
        """``${ref.output}``, ``${ref.output.<path>}`` (a path may start with a dot)."""
        if json_path is None:
            return "${" + f"{self.task_reference_name}.output" + "}"
        if json_path.startswith("."):
            return "${" + f"{self.task_reference_name}.output{json_path}" + "}"
        return "${" + f"{self.task_reference_name}.output.{json_path}" + "}"

    def input(self, json_path: str | None = None, key: str | None = None, value: Any = None) -> str | Self:
        """With ``key`` and ``value``: set that input and return the task. Otherwise the
        expression ``${ref.input[.<json_path>]}``."""
        if key is not None and value is not None:
            self.input_parameters[key] = value
            return self
        if json_path is None:
            return "${" + f"{self.task_reference_name}.input" + "}"
        return "${" + f"{self.task_reference_name}.input.{json_path}" + "}"

    def __getattr__(self, name: str) -> str:
        # Only reached when normal lookup fails: `task.foo` -> "${ref.output.foo}".
        reference = self.__dict__.get("_task_reference_name")
        if name.startswith("_") or reference is None:
            raise AttributeError(name)
        return "${" + f"{reference}.output.{name}" + "}"


def workflow_task_list(tasks: TaskInterface | Iterable[TaskInterface]) -> list[TaskInterface]:
    """A copied list of tasks from a single task or an iterable (operators accept both)."""
    if isinstance(tasks, TaskInterface):
        return [deepcopy(tasks)]
    return [deepcopy(t) for t in tasks]
