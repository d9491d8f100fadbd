"""Event handlers: actions run when an event (e.g. from an EVENT task) matches (docs/api.md §4.12).

The Action JSON keys are snake_case in Conductor (`start_workflow`, `complete_task`, ...), so
these structs keep Python names as they are on the wire for those keys.
"""

from __future__ import annotations

from typing import Any

import msgspec

from conductor.server.domain.numbers import Int64


class StartWorkflowAction(msgspec.Struct, rename="camel", kw_only=True):
    name: str | None = None
    version: Int64 | None = None
    correlation_id: str | None = None
    input: dict[str, Any] = msgspec.field(default_factory=dict)
    task_to_domain: dict[str, str] | None = None


class TaskDetails(msgspec.Struct, rename="camel", kw_only=True):
    workflow_id: str | None = None
    task_ref_name: str | None = None
    output: dict[str, Any] = msgspec.field(default_factory=dict)
    task_id: str | None = None
    reason_for_incompletion: str | None = None


class TerminateWorkflowAction(msgspec.Struct, rename="camel", kw_only=True):
    workflow_id: str | None = None
    termination_reason: str | None = None


class UpdateVariablesAction(msgspec.Struct, rename="camel", kw_only=True):
    workflow_id: str | None = None
    variables: dict[str, Any] = msgspec.field(default_factory=dict)
    append_array: bool = False


class Action(msgspec.Struct, kw_only=True):
    action: str
    start_workflow: StartWorkflowAction | None = None
    complete_task: TaskDetails | None = None
    fail_task: TaskDetails | None = None
    terminate_workflow: TerminateWorkflowAction | None = None
    update_workflow_variables: UpdateVariablesAction | None = None
    expandInlineJSON: bool = False


class EventHandler(msgspec.Struct, rename="camel", kw_only=True):
    name: str = ""
    event: str = ""
    condition: str | None = None
    evaluator_type: str | None = None
    actions: list[Action] = msgspec.field(default_factory=list)
    active: bool = False
