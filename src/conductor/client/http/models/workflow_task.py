"""``WorkflowTask``: one node of a workflow definition (and ``CacheConfig``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.state_change_event import StateChangeConfig, StateChangeEvent
from conductor.client.http.models.sub_workflow_params import SubWorkflowParams
from conductor.client.http.models.task_def import TaskDef

__all__ = ["CacheConfig", "WorkflowTask"]


class CacheConfig(WireModel):
    key: str | None = None
    ttl_in_second: int | None = None


def _state_change_map(value: Any) -> Any:
    if isinstance(value, StateChangeConfig):
        return {value.type or "": value.events or []}
    return value


class WorkflowTask(WireModel):
    """A task inside a :class:`~conductor.client.http.models.workflow_def.WorkflowDef`.

    ``on_state_change`` also accepts a :class:`StateChangeConfig`, stored as
    ``{config.type: config.events}`` like the official SDK does.
    """

    # As the official setter: a StateChangeConfig is stored as {config.type: config.events}.
    _converters: ClassVar[Mapping[str, Callable[[Any], Any]]] = {
        "on_state_change": _state_change_map,
    }

    name: str | None = None
    task_reference_name: str | None = None
    description: str | None = None
    input_parameters: dict[str, Any] | None = None
    type: str | None = None
    dynamic_task_name_param: str | None = None
    case_value_param: str | None = None
    case_expression: str | None = None
    script_expression: str | None = None
    decision_cases: dict[str, list[WorkflowTask]] | None = None
    dynamic_fork_join_tasks_param: str | None = None
    dynamic_fork_tasks_param: str | None = None
    dynamic_fork_tasks_input_param_name: str | None = None
    default_case: list[WorkflowTask] | None = None
    fork_tasks: list[list[WorkflowTask]] | None = None
    start_delay: int | None = None
    sub_workflow_param: SubWorkflowParams | None = None
    join_on: list[str] | None = None
    sink: str | None = None
    optional: bool | None = None
    task_definition: TaskDef | None = None
    rate_limited: bool | None = None
    default_exclusive_join_task: list[str] | None = None
    async_complete: bool | None = None
    loop_condition: str | None = None
    loop_over: list[WorkflowTask] | None = None
    retry_count: int | None = None
    evaluator_type: str | None = None
    expression: str | None = None
    workflow_task_type: str | None = None
    on_state_change: dict[str, list[StateChangeEvent]] | StateChangeConfig | None = None
    cache_config: CacheConfig | None = None
    join_status: str | None = None
    permissive: bool | None = None
    items: str | None = None
    join_mode: str | None = None
    metadata: dict[str, Any] | None = None
