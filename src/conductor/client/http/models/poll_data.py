"""``PollData``: when a worker last polled a task queue."""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["PollData"]


class PollData(WireModel):
    queue_name: str | None = None
    domain: str | None = None
    worker_id: str | None = None
    last_poll_time: int | None = None
