"""How the engine treats each task type: worker task, or a system task run synchronously inside
the decide loop, or asynchronously from its own queue (docs/engine.md §6)."""

from __future__ import annotations

# Run inside the decide loop; they never touch a queue.
SYNC_SYSTEM_TYPES = frozenset(
    {
        "SWITCH",
        "DECISION",
        "FORK",
        "FORK_JOIN",
        "FORK_JOIN_DYNAMIC",
        "INLINE",
        "LAMBDA",
        "SET_VARIABLE",
        "TERMINATE",
        "NOOP",
        "JSON_JQ_TRANSFORM",
        "EVENT",
        "HUMAN",
        "DO_WHILE",
        "EXCLUSIVE_JOIN",
        "JOIN",
        "WAIT",
        "SUB_WORKFLOW",
        "START_WORKFLOW",
    }
)

# Queued under their type name and executed by the server's system-task runner.
ASYNC_SYSTEM_TYPES = frozenset({"HTTP", "KAFKA_PUBLISH"})

SYSTEM_TYPES = SYNC_SYSTEM_TYPES | ASYNC_SYSTEM_TYPES

# Control-flow types that are never retried (TaskType.isBuiltIn plus FORK).
BUILT_IN_TYPES = frozenset({"DECISION", "SWITCH", "FORK", "JOIN", "EXCLUSIVE_JOIN", "DO_WHILE"})

# Runtime taskType of a definition node type, where it differs (FORK_JOIN runs as FORK).
RUNTIME_TYPE = {"FORK_JOIN": "FORK", "FORK_JOIN_DYNAMIC": "FORK"}


def is_system_type(task_type: str) -> bool:
    return task_type in SYSTEM_TYPES


def is_worker_type(task_type: str) -> bool:
    return task_type not in SYSTEM_TYPES
