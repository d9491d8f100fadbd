"""The TaskType -> SystemTask table, filled in by `bootstrap`."""

from __future__ import annotations

from conductor.server.systasks.base import SystemTask


class SystemTaskRegistry:
    def __init__(self) -> None:
        self._tasks: dict[str, SystemTask] = {}

    def register(self, task: SystemTask) -> None:
        self._tasks[task.task_type] = task

    def get(self, task_type: str) -> SystemTask | None:
        return self._tasks.get(task_type)

    def async_types(self) -> list[str]:
        return [t for t, impl in self._tasks.items() if impl.is_async]

    def __contains__(self, task_type: str) -> bool:
        return task_type in self._tasks
