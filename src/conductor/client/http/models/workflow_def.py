"""``WorkflowDef``: a registered (or inline) workflow definition."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import field
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel, to_json_value
from conductor.client.http.models.rate_limit import RateLimit
from conductor.client.http.models.schema_def import SchemaDef
from conductor.client.http.models.workflow_task import WorkflowTask

__all__ = ["WorkflowDef", "to_workflow_def"]


class WorkflowDef(WireModel):
    """Workflow definition. ``None`` fields are omitted so the server applies its defaults;
    like the official SDK, ``outputParameters`` defaults to ``{}`` and ``enforceSchema`` to
    false."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "timeout_policy": ("TIME_OUT_WF", "ALERT_ONLY"),
    }
    # As the official getter: a definition whose tasks were cleared still lists none.
    _empty: ClassVar[Mapping[str, Callable[[], Any]]] = {"tasks": list}

    owner_app: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    created_by: str | None = None
    updated_by: str | None = None
    name: str | None = None
    description: str | None = None
    version: int | None = None
    tasks: list[WorkflowTask] | None = field(default_factory=list)  # official default: []
    input_parameters: list[str] | None = None
    output_parameters: dict[str, Any] | None = field(default_factory=dict)
    failure_workflow: str | None = None
    schema_version: int | None = None
    restartable: bool | None = None
    workflow_status_listener_enabled: bool | None = None
    workflow_status_listener_sink: str | None = None
    owner_email: str | None = None
    timeout_policy: str | None = None
    timeout_seconds: int | None = None
    variables: dict[str, Any] | None = None
    input_template: dict[str, Any] | None = None
    input_schema: SchemaDef | dict[str, Any] | None = None
    output_schema: SchemaDef | dict[str, Any] | None = None
    enforce_schema: bool = False
    metadata: dict[str, Any] | None = None
    rate_limit_config: RateLimit | None = None
    failure_workflow_version: int | None = None
    masked_fields: list[str] | None = None

    def toJSON(self) -> str:
        """The definition as a JSON string."""
        return json.dumps(to_json_value(self))


def to_workflow_def(data: str | None = None, json_data: dict[str, Any] | None = None) -> WorkflowDef:
    """Build a :class:`WorkflowDef` from a JSON string or an already decoded dict."""
    if json_data is not None:
        return WorkflowDef.from_dict(json_data)
    if data is not None:
        return WorkflowDef.from_dict(json.loads(data))
    raise ValueError("missing data or json_data parameter")
