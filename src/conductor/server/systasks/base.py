"""The contract between the engine and system tasks (tasks the server runs itself).

A system task gets a task record and a read-only workflow snapshot and returns an updated copy
of the task (or None when nothing changed). It never touches a store or a queue; anything it
needs from outside (the clock, expression engines, starting a child workflow) comes in the
`SystemTaskContext` that `bootstrap` builds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from msgspec.structs import replace

from conductor.server.clock import Clock
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.nesting import DEFAULT_MAX_JSON_DEPTH
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import TaskStatus


class ScriptEngine(Protocol):
    """JavaScript for INLINE and DO_WHILE conditions (`expressions/javascript.py`)."""

    async def evaluate(self, script: str, bindings: Any) -> Any: ...

    async def evaluate_condition(self, script: str, bindings: Any) -> bool: ...


class JqTransformer(Protocol):
    """jq for JSON_JQ_TRANSFORM (`expressions/jq.py`): (first result, all results)."""

    async def transform(self, query: str, data: Any) -> tuple[Any, list[Any]]: ...


class HttpCaller(Protocol):
    """Outbound HTTP for the HTTP task (`systasks/http.py::HttpClient`)."""

    async def call(self, request: dict[str, Any]) -> dict[str, Any]: ...


class StartWorkflow(Protocol):
    """Start a workflow; `parent`: (workflow id, task id) of the SUB_WORKFLOW task that owns it;
    `workflow_id`: the id to start it under (an existing child with it is reused)."""

    def __call__(
        self,
        request: StartWorkflowRequest,
        parent: tuple[str, str] | None = None,
        workflow_id: str | None = None,
    ) -> Awaitable[str]: ...


# (event name, payload, message id): publish on the in-process event bus (EVENT tasks, status
# listeners); the handlers run in the background.
Publish = Callable[[str, dict[str, Any], str | None], None]


@dataclass
class SystemTaskContext:
    clock: Clock
    # Optional collaborators; a task that needs one it lacks fails with a clear reason.
    javascript: ScriptEngine | None = None
    jq: JqTransformer | None = None
    http: HttpCaller | None = None
    start_workflow: StartWorkflow | None = None
    get_workflow: Callable[[str], Awaitable[Workflow | None]] | None = None
    # (workflow id, reason): terminate a child; one already ended or removed is left alone.
    terminate_workflow: Callable[[str, str], Awaitable[None]] | None = None
    publish_event: Publish | None = None
    # Decide this workflow again soon, in a task of its own (sub_workflow.py defers deeply
    # nested child starts to it).
    decide_soon: Callable[[str], None] | None = None
    # Outputs nested deeper fail their task (see registry.py): PYCONDUCTOR_MAX_JSON_DEPTH.
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH


class SystemTask(Protocol):
    task_type: str
    # Async tasks are queued under their type and run by the system-task runner; sync ones run
    # inside the decide loop.
    is_async: bool

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None: ...

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None: ...

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None: ...


def completed(task: Task, output: dict[str, Any] | None = None) -> Task:
    """A copy of `task` COMPLETED with `output` (merged over its current output)."""
    data = dict(task.output_data)
    if output:
        data.update(output)
    return replace(task, status=TaskStatus.COMPLETED, output_data=data)


def failed(task: Task, reason: str, *, terminal: bool = False, output: dict[str, Any] | None = None) -> Task:
    """A copy of `task` FAILED (or FAILED_WITH_TERMINAL_ERROR, never retried) with a reason."""
    data = dict(task.output_data)
    if output:
        data.update(output)
    status = TaskStatus.FAILED_WITH_TERMINAL_ERROR if terminal else TaskStatus.FAILED
    return replace(task, status=status, reason_for_incompletion=reason[:500], output_data=data)


class SyncSystemTask:
    """Base for tasks that finish inside `start` (most sync system tasks)."""

    task_type: str = ""
    is_async: bool = False

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        raise NotImplementedError

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return None

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None:
        return None
