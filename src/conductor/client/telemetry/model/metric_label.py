"""``metric_label``.

Ported from the official SDK (``conductor.client.telemetry.model.metric_label``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from enum import Enum


class MetricLabel(str, Enum):
    ENTITY_NAME = "entityName"
    EXCEPTION = "exception"
    METHOD = "method"
    OPERATION = "operation"
    PAYLOAD_TYPE = "payload_type"
    PAYLOAD_TYPE_CAMEL = "payloadType"
    STATUS = "status"
    TASK_TYPE = "taskType"
    URI = "uri"
    WORKFLOW_TYPE = "workflowType"
    WORKFLOW_VERSION = "version"
