"""How the engine treats each task type: worker task, or a system task run synchronously inside
the decide loop, or asynchronously from its own queue (docs/engine.md §6).

The system tasks come from `systasks/registry.py::SYSTEM_TASK_CLASSES` (each class's `task_type`
and `is_async`); only the types the decider handles itself, with no class, are listed here.
Module-level tables, so the pure decider and mappers need no bootstrap.
"""

from __future__ import annotations

from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.registry import SYSTEM_TASK_TYPES

# Sync types with no system task class: the forks are completed by their mappers
# (engine/operators.py); LAMBDA is refused at registration, and one chosen at run time by a
# DYNAMIC task fails as "not supported" when the runner finds no system task for it.
_SYNC_WITHOUT_CLASS = frozenset(
    {TaskType.FORK, TaskType.FORK_JOIN, TaskType.FORK_JOIN_DYNAMIC, TaskType.LAMBDA}
)
# Refused at registration; one chosen at run time is queued under its type as before.
_ASYNC_WITHOUT_CLASS = frozenset({TaskType.KAFKA_PUBLISH})

# Run inside the decide loop; they never touch a queue.
SYNC_SYSTEM_TYPES: frozenset[str] = (
    frozenset(t for t, is_async in SYSTEM_TASK_TYPES.items() if not is_async) | _SYNC_WITHOUT_CLASS
)

# Queued under their type name and executed by the server's system-task runner.
ASYNC_SYSTEM_TYPES: frozenset[str] = (
    frozenset(t for t, is_async in SYSTEM_TASK_TYPES.items() if is_async) | _ASYNC_WITHOUT_CLASS
)

SYSTEM_TYPES = SYNC_SYSTEM_TYPES | ASYNC_SYSTEM_TYPES

# Control-flow types that are never retried (TaskType.isBuiltIn plus FORK).
BUILT_IN_TYPES = frozenset(
    {
        TaskType.DECISION,
        TaskType.SWITCH,
        TaskType.FORK,
        TaskType.JOIN,
        TaskType.EXCLUSIVE_JOIN,
        TaskType.DO_WHILE,
    }
)

# Runtime taskType of a definition node type, where it differs (FORK_JOIN runs as FORK).
RUNTIME_TYPE: dict[str, str] = {TaskType.FORK_JOIN: TaskType.FORK, TaskType.FORK_JOIN_DYNAMIC: TaskType.FORK}


def is_system_type(task_type: str) -> bool:
    return task_type in SYSTEM_TYPES


def is_worker_type(task_type: str) -> bool:
    return task_type not in SYSTEM_TYPES
