"""``TimeoutPolicy``: what happens when a workflow exceeds ``timeoutSeconds``."""

from __future__ import annotations

from enum import Enum

__all__ = ["TimeoutPolicy"]


class TimeoutPolicy(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    TIME_OUT_WORKFLOW = "TIME_OUT_WF"
    ALERT_ONLY = "ALERT_ONLY"
