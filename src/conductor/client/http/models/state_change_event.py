"""Task state-change events (``WorkflowTask.onStateChange``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["StateChangeConfig", "StateChangeEvent", "StateChangeEventType"]


class StateChangeEventType(Enum):
    onScheduled = "onScheduled"
    onStart = "onStart"
    onFailed = "onFailed"
    onSuccess = "onSuccess"
    onCancelled = "onCancelled"


@dataclass
class StateChangeEvent(WireModel):
    """An event to publish: ``type`` is the sink, ``payload`` the message."""

    type: str | None = None
    payload: dict[str, Any] | None = None


@dataclass(init=False)
class StateChangeConfig(WireModel):
    """Which events to publish for one or more state changes.

    ``event_type`` may be one :class:`StateChangeEventType`, a list of them (stored
    comma-joined, as the server expects) or a raw string.
    """

    type: str | None = None
    events: list[StateChangeEvent] | None = field(default=None)

    def __init__(
        self,
        event_type: str | StateChangeEventType | list[StateChangeEventType] | None = None,
        events: list[StateChangeEvent] | None = None,
        *,
        type: str | None = None,
    ) -> None:
        if isinstance(event_type, list):
            type = ",".join(e.name for e in event_type)
        elif isinstance(event_type, StateChangeEventType):
            type = event_type.name
        elif event_type is not None:
            type = event_type
        self.type = type
        self.events = events
