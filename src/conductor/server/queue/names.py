"""Queue names: `[domain:]taskType[@executionNameSpace][-isolationGroupId]` (docs/api.md §3.6)."""

from __future__ import annotations

# The sweeper's queue: one message per running workflow, delivered at its next deadline
# (docs/architecture.md, "The sweeper").
DECIDER_QUEUE = "_deciderQueue"


def queue_name(
    task_type: str,
    domain: str | None = None,
    isolation_group: str | None = None,
    namespace: str | None = None,
) -> str:
    name = f"{domain}:{task_type}" if domain else task_type
    if namespace:
        name = f"{name}@{namespace}"
    if isolation_group:
        name = f"{name}-{isolation_group}"
    return name
