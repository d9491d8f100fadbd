"""Task state-change events (``WorkflowTask.onStateChange``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from enum import Enum
from typing import Any, ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["StateChangeConfig", "StateChangeEvent", "StateChangeEventType"]


class StateChangeEventType(Enum):
    onScheduled = "onScheduled"
    onStart = "onStart"
    onFailed = "onFailed"
    onSuccess = "onSuccess"
    onCancelled = "onCancelled"


class StateChangeEvent(WireModel):
    """An event to publish: ``type`` is the sink, ``payload`` the message (both required, as
    in the official constructor)."""

    _swagger_names: ClassVar[Mapping[str, str]] = {"payload": "Dict[str, object]"}

    type: str | None
    payload: dict[str, Any] | None

    def to_str(self) -> str:
        """The official rendering (also ``repr``)."""
        return f"StateChangeEvent{{type='{self.type}', payload={self.payload}}}"


def _event_type_name(value: Any) -> Any:
    # The official setter stores the member's name: config.type = StateChangeEventType.onStart.
    return value.name if isinstance(value, Enum) else value


class StateChangeConfig(WireModel):
    """Which events to publish for one or more state changes.

    ``event_type`` may be one :class:`StateChangeEventType`, a list of them (stored
    comma-joined, as the server expects) or a raw string.
    """

    _converters: ClassVar[Mapping[str, Callable[[Any], Any]]] = {"type": _event_type_name}

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

    def to_str(self) -> str:
        """The official rendering (also ``repr``)."""
        return f"StateChangeConfig{{type='{self.type}', events={self.events}}}"
