"""The contract between the engine and system tasks (tasks the server runs itself).

A system task gets a task record and a read-only workflow snapshot and returns an updated copy
of the task (or None when nothing changed). It never touches a store or a queue; anything it
needs from outside (the clock, expression engines, starting a child workflow) comes in the
`SystemTaskContext` that `bootstrap` builds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from conductor.server.clock import Clock
from conductor.server.domain.execution import Task, Workflow


@dataclass
class SystemTaskContext:
    clock: Clock
    # Optional collaborators; a task that needs one it lacks fails with a clear reason.
    javascript: Any = None
    jq: Any = None
    http: Any = None
    start_workflow: Callable[..., Awaitable[str]] | None = None
    services: dict[str, Any] = field(default_factory=dict)


class SystemTask(Protocol):
    task_type: str
    # Async tasks are queued under their type and run by the system-task runner; sync ones run
    # inside the decide loop.
    is_async: bool

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None: ...

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None: ...

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None: ...
