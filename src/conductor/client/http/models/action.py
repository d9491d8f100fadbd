"""``Action``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.start_workflow import StartWorkflow
    from conductor.client.http.models.task_details import TaskDetails
    from conductor.client.http.models.terminate_workflow import TerminateWorkflow
    from conductor.client.http.models.update_workflow_variables import UpdateWorkflowVariables

__all__ = ["Action"]


class Action(WireModel):
    """``Action`` (official ``conductor.client.http.models.action``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "action": (
            "start_workflow",
            "complete_task",
            "fail_task",
            "terminate_workflow",
            "update_workflow_variables",
        ),
    }

    _json_names: ClassVar[Mapping[str, str]] = {
        "start_workflow": "start_workflow",
        "complete_task": "complete_task",
        "fail_task": "fail_task",
        "expand_inline_json": "expandInlineJSON",
        "terminate_workflow": "terminate_workflow",
        "update_workflow_variables": "update_workflow_variables",
    }
    action: str | None = None
    start_workflow: StartWorkflow | None = None
    complete_task: TaskDetails | None = None
    fail_task: TaskDetails | None = None
    expand_inline_json: bool | None = None
    terminate_workflow: TerminateWorkflow | None = None
    update_workflow_variables: UpdateWorkflowVariables | None = None
