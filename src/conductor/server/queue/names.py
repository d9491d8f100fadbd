"""Queue names: `[domain:]taskType[@executionNameSpace][-isolationGroupId]` (docs/api.md §3.6)."""

from __future__ import annotations


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
