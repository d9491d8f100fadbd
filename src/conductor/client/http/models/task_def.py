"""``TaskDef``: the registered definition of a task type (retries, timeouts, limits)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel
from conductor.client.http.models.schema_def import SchemaDef

__all__ = ["TaskDef"]


class TaskDef(WireModel):
    """Task definition. Fields left ``None`` are omitted, so the server applies its defaults
    (retryCount 3, retryDelaySeconds 60, responseTimeoutSeconds 3600, ...).

    ``input_schema``/``output_schema`` also accept a plain ``{"name", "version"}`` dict.
    """

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "timeout_policy": ("RETRY", "TIME_OUT_WF", "ALERT_ONLY"),
        "retry_logic": ("FIXED", "EXPONENTIAL_BACKOFF", "LINEAR_BACKOFF"),
    }

    owner_app: str | None = None
    create_time: int | None = None
    update_time: int | None = None
    created_by: str | None = None
    updated_by: str | None = None
    name: str | None = None
    description: str | None = None
    retry_count: int | None = None
    timeout_seconds: int | None = None
    input_keys: list[str] | None = None
    output_keys: list[str] | None = None
    timeout_policy: str | None = None
    retry_logic: str | None = None
    retry_delay_seconds: int | None = None
    response_timeout_seconds: int | None = None
    concurrent_exec_limit: int | None = None
    input_template: dict[str, Any] | None = None
    rate_limit_per_frequency: int | None = None
    rate_limit_frequency_in_seconds: int | None = None
    isolation_group_id: str | None = None
    execution_name_space: str | None = None
    owner_email: str | None = None
    poll_timeout_seconds: int | None = None
    backoff_scale_factor: int | None = None
    input_schema: SchemaDef | dict[str, Any] | None = None
    output_schema: SchemaDef | dict[str, Any] | None = None
    # The official SDK always sends ``enforceSchema: false``; the server's default is false too.
    enforce_schema: bool = False
    base_type: str | None = None
    total_timeout_seconds: int | None = None
    runtime_metadata: list[str] | None = None
    max_retry_delay_seconds: int | None = None
    backoff_jitter_ms: int | None = None
    task_status_listener_enabled: bool | None = None
