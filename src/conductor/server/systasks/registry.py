"""The system tasks: which task types the server runs itself, and how (docs/engine.md §6).

`SYSTEM_TASK_CLASSES` is the single list of system task classes. Each class declares its
`task_type` and `is_async` (queued under its type and run by `engine/async_tasks.py`, or run
inside the decide loop); `engine/task_types.py` derives the sync / async type sets from it, so a
type is never listed twice. `SystemTaskRegistry` is the TaskType -> instance table that
`bootstrap.system_task_registry` fills with instances of these classes (a class missing from
the list is refused by `register`: the engine would not know to run it).
"""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.nesting import too_deep_message, value_too_deep
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SystemTask, SystemTaskContext, failed
from conductor.server.systasks.do_while import DoWhile
from conductor.server.systasks.event import Event
from conductor.server.systasks.http import Http
from conductor.server.systasks.human import Human
from conductor.server.systasks.inline import Inline
from conductor.server.systasks.join import ExclusiveJoin, Join
from conductor.server.systasks.json_jq import JsonJqTransform
from conductor.server.systasks.noop import Noop
from conductor.server.systasks.set_variable import SetVariable
from conductor.server.systasks.sub_workflow import StartWorkflow, SubWorkflow
from conductor.server.systasks.switch import LegacyDecision, Switch
from conductor.server.systasks.terminate import Terminate
from conductor.server.systasks.wait import Wait

# Every system task this server implements, one class per task type.
SYSTEM_TASK_CLASSES: tuple[type[SystemTask], ...] = (
    Wait,
    Inline,
    JsonJqTransform,
    SetVariable,
    Noop,
    Terminate,
    Switch,
    LegacyDecision,
    Join,
    ExclusiveJoin,
    DoWhile,
    SubWorkflow,
    StartWorkflow,
    Human,
    Http,
    Event,
)

# task type -> is_async, from the classes above.
SYSTEM_TASK_TYPES: dict[str, bool] = {cls.task_type: cls.is_async for cls in SYSTEM_TASK_CLASSES}


class SystemTaskRegistry:
    def __init__(self) -> None:
        self._tasks: dict[str, SystemTask] = {}

    def register(self, task: SystemTask) -> None:
        if SYSTEM_TASK_TYPES.get(task.task_type) != task.is_async:
            # engine/task_types.py sorts types from SYSTEM_TASK_CLASSES: a task missing there
            # would never be run (or run the wrong way).
            raise ValueError(f"System task {task.task_type} is not in SYSTEM_TASK_CLASSES")
        self._tasks[task.task_type] = _DepthChecked(task) if task.task_type in OUTPUT_PRODUCERS else task

    def get(self, task_type: str) -> SystemTask | None:
        return self._tasks.get(task_type)

    def async_types(self) -> list[str]:
        return [t for t, impl in self._tasks.items() if impl.is_async]

    def __contains__(self, task_type: str) -> bool:
        return task_type in self._tasks


# System tasks whose output is new data (a script's, jq's or an HTTP server's) rather than a
# composition of outputs already checked (JOIN, DO_WHILE, SUB_WORKFLOW wrap those one or two
# levels deeper: checking them would fail a JOIN over a worker output that was just accepted).
OUTPUT_PRODUCERS = frozenset({TaskType.INLINE, TaskType.JSON_JQ_TRANSFORM, TaskType.HTTP})


class _DepthChecked:
    """A system task whose outputs may not nest deeper than ``ctx.max_json_depth``.

    A too-deep output fails the task with a clear reason instead of being stored, where it broke
    recursive readers (an INLINE result nested 600 deep raised RecursionError: the request that
    ran the task answered 500 and the worker's update was lost).  Checked here, once for all of
    them, rather than in each task.
    """

    def __init__(self, task: SystemTask) -> None:
        self.task = task
        self.task_type = task.task_type
        self.is_async = task.is_async

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return _checked(task, await self.task.start(task, workflow, ctx), ctx)

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return _checked(task, await self.task.execute(task, workflow, ctx), ctx)

    async def cancel(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> None:
        await self.task.cancel(task, workflow, ctx)


def _checked(before: Task, after: Task | None, ctx: SystemTaskContext) -> Task | None:
    if after is None or after.output_data is before.output_data:
        return after
    limit = ctx.max_json_depth
    if not value_too_deep(after.output_data, limit):
        return after
    # The output is dropped: keeping it would store it.
    reason = too_deep_message(f"The output of {after.task_type} task {after.reference_task_name}", limit)
    return failed(replace(after, output_data={}), reason, terminal=True)
