"""Metadata: task definitions and workflow definitions.

The structs carry snake_case attribute names; `rename="camel"` declares the mapping to
Conductor's JSON field names, so the same objects are decoded from requests, stored, and
encoded into responses without a second copy of every model (msgspec does this in C).
Defaults are Conductor's: SDKs omit fields they do not set, so defaults are part of the wire
contract (docs/api.md §8.9). Unknown JSON fields are ignored, as Jackson does in the reference.
"""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.numbers import Int64
from conductor.server.domain.status import (
    IdempotencyStrategy,
    RetryLogic,
    TimeoutPolicy,
    WorkflowTimeoutPolicy,
)
from conductor.server.domain.task_types import TaskType


def without_nulls(value: Any) -> Any:
    """JSON nulls dropped from maps, before converting raw JSON into these structs (a WorkflowTask
    of a dynamic fork, an inline sub-workflow definition, a START_WORKFLOW request): SDKs and
    scripts carry unset fields as null, meaning "the default" (Jackson ignores them the same
    way)."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


class TaskDef(msgspec.Struct, rename="camel", kw_only=True):
    name: str = ""
    description: str | None = None
    retry_count: Int64 = 3
    timeout_seconds: Int64 = 0
    total_timeout_seconds: Int64 = 0
    input_keys: list[str] = msgspec.field(default_factory=list)
    output_keys: list[str] = msgspec.field(default_factory=list)
    timeout_policy: TimeoutPolicy = TimeoutPolicy.TIME_OUT_WF
    retry_logic: RetryLogic = RetryLogic.FIXED
    retry_delay_seconds: Int64 = 60
    response_timeout_seconds: Int64 = 3600
    poll_timeout_seconds: Int64 | None = None
    concurrent_exec_limit: Int64 | None = None
    rate_limit_per_frequency: Int64 = 0
    rate_limit_frequency_in_seconds: Int64 = 1
    input_template: dict[str, Any] = msgspec.field(default_factory=dict)
    isolation_group_id: str | None = None
    execution_name_space: str | None = None
    owner_email: str | None = None
    backoff_scale_factor: Int64 = 1
    max_retry_delay_seconds: Int64 = 0
    backoff_jitter_ms: Int64 = 0
    base_type: str | None = None
    runtime_metadata: list[str] = msgspec.field(default_factory=list)
    task_status_listener_enabled: bool = True
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    enforce_schema: bool = False
    owner_app: str | None = None
    create_time: Int64 = 0
    update_time: Int64 = 0
    created_by: str | None = None
    updated_by: str | None = None


class SubWorkflowParams(msgspec.Struct, rename="camel", kw_only=True):
    name: str | None = None
    version: Int64 | None = None
    task_to_domain: dict[str, str] | None = None
    # Either an inline definition or a `${...}` expression that yields one.
    workflow_definition: WorkflowDef | str | None = None
    idempotency_key: str | None = None
    idempotency_strategy: IdempotencyStrategy | None = None
    priority: Any = None


class WorkflowTask(msgspec.Struct, rename="camel", kw_only=True):
    name: str = ""
    task_reference_name: str = ""
    description: str | None = None
    type: str = TaskType.SIMPLE
    input_parameters: dict[str, Any] = msgspec.field(default_factory=dict)
    optional: bool = False
    permissive: bool = False
    start_delay: Int64 = 0
    retry_count: Int64 | None = None
    async_complete: bool = False
    rate_limited: bool | None = None
    task_definition: TaskDef | None = None
    dynamic_task_name_param: str | None = None
    case_value_param: str | None = None
    case_expression: str | None = None
    script_expression: str | None = None
    evaluator_type: str | None = None
    expression: str | None = None
    decision_cases: dict[str, list[WorkflowTask]] = msgspec.field(default_factory=dict)
    default_case: list[WorkflowTask] = msgspec.field(default_factory=list)
    fork_tasks: list[list[WorkflowTask]] = msgspec.field(default_factory=list)
    join_on: list[str] = msgspec.field(default_factory=list)
    join_status: str | None = None
    join_mode: str | None = None
    dynamic_fork_tasks_param: str | None = None
    dynamic_fork_tasks_input_param_name: str | None = None
    dynamic_fork_join_tasks_param: str | None = None
    default_exclusive_join_task: list[str] = msgspec.field(default_factory=list)
    loop_condition: str | None = None
    loop_over: list[WorkflowTask] = msgspec.field(default_factory=list)
    items: str | None = None
    sub_workflow_param: SubWorkflowParams | None = None
    sink: str | None = None
    on_state_change: dict[str, Any] = msgspec.field(default_factory=dict)
    cache_config: dict[str, Any] | None = None
    metadata: dict[str, Any] = msgspec.field(default_factory=dict)
    # HTTP shorthand: `uri` / `method` beside `type` (as the seed's JSON writes them) are folded
    # into `inputParameters.http_request` on decode and never stored on the node itself.
    uri: str | msgspec.UnsetType = msgspec.UNSET
    method: str | msgspec.UnsetType = msgspec.UNSET

    def __post_init__(self) -> None:
        if self.uri is not msgspec.UNSET or self.method is not msgspec.UNSET:
            request = self.input_parameters.get("http_request")
            merged = dict(request) if isinstance(request, dict) else {}
            if isinstance(self.uri, str):
                merged.setdefault("uri", self.uri)
            if isinstance(self.method, str):
                merged.setdefault("method", self.method)
            self.input_parameters = {**self.input_parameters, "http_request": merged}
            self.uri = msgspec.UNSET
            self.method = msgspec.UNSET

    def children(self) -> list[list[WorkflowTask]]:
        """Every nested task list of this node (switch cases, fork branches, loop body)."""
        lists: list[list[WorkflowTask]] = list(self.decision_cases.values())
        if self.default_case:
            lists.append(self.default_case)
        lists.extend(self.fork_tasks)
        if self.loop_over:
            lists.append(self.loop_over)
        return lists


class WorkflowDef(msgspec.Struct, rename="camel", kw_only=True):
    name: str = ""
    description: str | None = None
    version: Int64 = 1
    tasks: list[WorkflowTask] = msgspec.field(default_factory=list)
    input_parameters: list[str] = msgspec.field(default_factory=list)
    output_parameters: dict[str, Any] = msgspec.field(default_factory=dict)
    input_template: dict[str, Any] = msgspec.field(default_factory=dict)
    variables: dict[str, Any] = msgspec.field(default_factory=dict)
    failure_workflow: str | None = None
    failure_workflow_version: Int64 | None = None
    schema_version: Int64 = 2
    restartable: bool = True
    workflow_status_listener_enabled: bool = False
    workflow_status_listener_sink: str | None = None
    owner_email: str | None = None
    timeout_policy: WorkflowTimeoutPolicy = WorkflowTimeoutPolicy.ALERT_ONLY
    timeout_seconds: Int64 = 0
    rate_limit_config: dict[str, Any] | None = None
    cache_config: dict[str, Any] | None = None
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    enforce_schema: bool = True
    metadata: dict[str, Any] = msgspec.field(default_factory=dict)
    masked_fields: list[str] = msgspec.field(default_factory=list)
    owner_app: str | None = None
    create_time: Int64 = 0
    update_time: Int64 = 0
    created_by: str | None = None
    updated_by: str | None = None

    def all_tasks(self) -> list[WorkflowTask]:
        """Every node, nested ones included, in definition order (depth first)."""
        out: list[WorkflowTask] = []

        def walk(nodes: list[WorkflowTask]) -> None:
            for node in nodes:
                out.append(node)
                for branch in node.children():
                    walk(branch)

        walk(self.tasks)
        return out


class WorkflowDefSummary(msgspec.Struct, rename="camel", kw_only=True):
    name: str
    version: Int64
    create_time: Int64 | None = None
    update_time: Int64 | None = None
