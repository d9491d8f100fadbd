"""``TaskExecLog``: one log line attached to a task execution."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["TaskExecLog"]


class TaskExecLog(WireModel):
    """A log entry; ``created_time`` is epoch milliseconds (the server accepts any integer)."""

    log: str | None = None
    task_id: str | None = None
    created_time: int | None = None
