"""The decider: a pure function from (workflow snapshot with its definition, now) to a Decision.

It never touches a store, a queue or the network. It does not mutate its input: changed tasks
come back as copies in `Decision.updated_tasks`, new ones in `Decision.new_tasks` (without a
seq; the runner numbers them). Semantics follow Conductor's DeciderService (docs/engine.md §2, §4).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from msgspec.structs import replace

from conductor.server.domain.definitions import TaskDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.ids import new_id
from conductor.server.domain.snapshot import base_ref, workflow_doc
from conductor.server.domain.status import TaskStatus, TimeoutPolicy, WorkflowStatus, WorkflowTimeoutPolicy
from conductor.server.domain.task_index import TaskIndex, doc_entry, index_of, iteration_ref
from conductor.server.domain.task_types import TaskType
from conductor.server.engine import operators as _operators  # noqa: F401 - registers mappers
from conductor.server.engine.deadlines import task_deadlines, tracker_of
from conductor.server.engine.mappers import (
    MapContext,
    MappingError,
    MetadataView,
    MissingMetadata,
    map_node,
    task_def_of,
)
from conductor.server.engine.navigation import Navigator, navigator_for
from conductor.server.engine.params import resolve_map, task_input
from conductor.server.engine.retry import retry_delay_seconds
from conductor.server.engine.task_types import BUILT_IN_TYPES
from conductor.server.systasks.do_while import body_refs, has_nested_loop

IdFactory = Callable[[], str]


def _uuid() -> str:
    return new_id()  # time-ordered (domain/ids.py)


@dataclass(frozen=True, slots=True)
class Termination:
    status: WorkflowStatus
    reason: str
    failed_task: Task | None = None


@dataclass
class Decision:
    new_tasks: list[Task] = field(default_factory=list)
    updated_tasks: list[Task] = field(default_factory=list)
    complete: bool = False
    termination: Termination | None = None
    # Extra queue delay in ms per new task id (retry jitter); the runner adds it to the delay.
    jitter_ms: dict[str, int] = field(default_factory=dict)
    # A definition the decision needs and `metadata` lacks: fetch it and decide again.
    missing: MissingMetadata | None = None

    @property
    def changed(self) -> bool:
        return bool(self.new_tasks or self.updated_tasks or self.complete or self.termination)


class _Terminate(Exception):
    def __init__(self, status: WorkflowStatus, reason: str, task: Task | None = None) -> None:
        super().__init__(reason)
        self.termination = Termination(status, reason, task)


class _View:
    """The task list as this decision sees it: the snapshot plus the changes made so far.

    Two ways to look, with the same answers: `incremental` asks the workflow's TaskIndex and
    visits only the tasks that can have something to do (ended but not yet acted on, due by a
    deadline, running loops); the full way scans every task, as Conductor's decider does. The
    full way stays as the reference the incremental one is checked against.
    """

    def __init__(self, workflow: Workflow, incremental: bool) -> None:
        self.workflow = workflow
        self.incremental = incremental
        self.updated: dict[str, Task] = {}
        self._doc: dict[str, Any] | None = None
        if incremental:
            self.ix: TaskIndex | None = index_of(workflow)
            self.tasks = self.ix.tasks  # read-only here: changes go to `updated`
            self._index = self.ix.pos
        else:
            self.ix = None
            self.tasks = list(workflow.tasks)
            self._index = {t.task_id: i for i, t in enumerate(self.tasks)}

    def current(self, task: Task) -> Task:
        return self.updated.get(task.task_id, task)

    def update(self, task: Task, **changes: Any) -> Task:
        new = replace(task, **changes)
        if self.ix is None:
            self.tasks[self._index[task.task_id]] = new
        self.updated[task.task_id] = new
        self._doc = None
        return new

    def all_tasks(self) -> list[Task]:
        if self.ix is None:
            return self.tasks
        return [self.updated.get(t.task_id, t) for t in self.tasks] if self.updated else list(self.tasks)

    def doc(self) -> dict[str, Any]:
        if self._doc is None:
            if self.ix is None:
                self._doc = workflow_doc(self.workflow, self.tasks)
            else:
                doc = workflow_doc(self.workflow)
                for task in self.updated.values():
                    base = base_ref(task)
                    if self.ix.base_pos.get(base) == self._index.get(task.task_id):
                        doc[base] = doc_entry(task)
                self._doc = doc
        return self._doc

    def by_ref(self, ref: str) -> Task | None:
        if self.ix is not None:
            found = self.ix.by_ref(ref)
            return None if found is None else self.updated.get(found.task_id, found)
        for task in reversed(self.tasks):
            if task.reference_task_name == ref:
                return task
        return None


def decide(
    workflow: Workflow,
    now: int,
    new_id: IdFactory = _uuid,
    metadata: MetadataView | None = None,
    *,
    incremental: bool = True,
) -> Decision:
    """Decide what happens next. `metadata` holds the registered definitions looked up by name
    at run time; without it (unit tests) such lookups find nothing and nothing fails for it.
    `incremental=False` visits every task (the reference the incremental way is checked
    against: PYCONDUCTOR_DECIDER_CHECK)."""
    decision = Decision()
    if workflow.status.is_terminal:
        return decision
    view = _View(workflow, incremental)
    try:
        _check_workflow_timeout(workflow, now)
        if workflow.status is WorkflowStatus.PAUSED:
            return decision
        _decide(view, now, new_id, decision, metadata)
    except MissingMetadata as need:
        return Decision(missing=need)
    except _Terminate as stop:
        decision.termination = stop.termination
        decision.new_tasks = []
        decision.complete = False
    except MappingError as exc:
        decision.termination = Termination(WorkflowStatus.FAILED, str(exc))
        decision.new_tasks = []
        decision.complete = False
    decision.updated_tasks = list(view.updated.values())
    return decision


def _work_list(view: _View, now: int) -> list[Task]:
    """The tasks this decision visits, in list order."""
    ix = view.ix
    if ix is None:
        return list(view.tasks)
    candidates = set(ix.settled)
    candidates |= tracker_of(view.workflow).due(now)
    candidates |= ix.nonterminal.get(TaskType.DO_WHILE, set())
    return ix.in_order(candidates)


def _decide(
    view: _View, now: int, new_id: IdFactory, decision: Decision, metadata: MetadataView | None
) -> None:
    workflow = view.workflow
    definition = workflow.workflow_definition
    nav = navigator_for(definition)
    to_schedule: dict[str, Task] = {}
    ix = view.ix

    def schedule(tasks: list[Task]) -> None:
        for task in tasks:
            to_schedule.setdefault(task.reference_task_name, task)

    def ctx(**kw: Any) -> MapContext:
        return MapContext(
            workflow=workflow, doc_source=view.doc, now=now, new_id=new_id, nav=nav, metadata=metadata, **kw
        )

    if ix is not None:
        started = bool(ix.live)
    else:
        started = any(t.status is not TaskStatus.SKIPPED and not t.executed for t in view.tasks)
    if not started:
        first = _first_unskipped(definition.tasks, view, nav)
        if first is None and not definition.tasks:
            raise _Terminate(WorkflowStatus.COMPLETED, "No tasks found to be executed")
        if first is not None:
            schedule(_filter_existing(map_node(first, ctx()), view))

    # References of executed tasks: the index's, plus those this decision executes.
    executed_refs: set[str] = set()
    if ix is None:
        executed_refs = {t.reference_task_name for t in view.tasks if t.executed}
    terminate_task_done = bool(ix.terminated) if ix is not None else False
    for original in _work_list(view, now):
        task = view.current(original)
        if task.task_type == TaskType.TERMINATE and task.status.is_terminal and task.status.is_successful:
            terminate_task_done = True
        if task.retried or task.status is TaskStatus.SKIPPED or task.executed:
            continue
        if not task.status.is_terminal:
            task = _check_timeouts(view, task, task_def_of(task.workflow_task), now)
            if (
                task.task_type == TaskType.WAIT
                and task.status is TaskStatus.IN_PROGRESS
                and task.wait_timeout > 0
                and now >= task.wait_timeout
            ):
                task = view.update(task, status=TaskStatus.COMPLETED, end_time=now, update_time=now)
        if task.status.is_terminal and not task.status.is_successful:
            retry = _retry(view, task, now, new_id, decision)
            if retry is not None:
                to_schedule[retry.reference_task_name] = retry
                task = view.update(task, retried=True)
            elif not (task.workflow_task.permissive and not task.workflow_task.optional):
                task = view.update(task, status=TaskStatus.COMPLETED_WITH_ERRORS)
        if task.task_type == TaskType.DO_WHILE and not task.status.is_terminal and task.iteration > 0:
            schedule(_loop_iteration(task, view, nav, ctx))
        if task.status.is_terminal and not task.executed and not task.retried:
            task = view.update(task, executed=True)
            executed_refs.add(task.reference_task_name)
            schedule(_successors(task, view, nav, ctx))

    def was_executed(ref: str) -> bool:
        return ref in executed_refs or (ix is not None and ref in ix.executed_refs)

    new_tasks = [t for ref, t in to_schedule.items() if not was_executed(ref)]
    existing = ix.keys if ix is not None else {(t.reference_task_name, t.retry_count) for t in view.tasks}
    new_tasks = [t for t in new_tasks if (t.reference_task_name, t.retry_count) not in existing]
    decision.new_tasks = new_tasks
    if terminate_task_done or (not new_tasks and _is_complete(view, nav)):
        _permissive_gate(view)
        decision.complete = True


def _first_unskipped(nodes: list[WorkflowTask], view: _View, nav: Navigator) -> WorkflowTask | None:
    node = nodes[0] if nodes else None
    while node is not None:
        existing = view.by_ref(node.task_reference_name)
        if existing is None or existing.status is not TaskStatus.SKIPPED:
            return node
        node = nav.next_node(node.task_reference_name)
    return None


def _filter_existing(tasks: list[Task], view: _View) -> list[Task]:
    """Drop tasks whose reference already exists as IN_PROGRESS or terminal."""
    out = []
    for task in tasks:
        existing = view.by_ref(task.reference_task_name)
        if existing is not None and (
            existing.status is TaskStatus.IN_PROGRESS or existing.status.is_terminal
        ):
            continue
        out.append(task)
    return out


def _successors(task: Task, view: _View, nav: Navigator, ctx: Callable[..., MapContext]) -> list[Task]:
    ref = task.workflow_task.task_reference_name
    # A DO_WHILE's own iteration counter says nothing about where its successors live.
    it = 0 if task.task_type == TaskType.DO_WHILE else task.iteration
    if task.task_type in (TaskType.SWITCH, TaskType.DECISION) and task.status.is_successful:
        branch = chosen_branch(task)
        if branch:
            return _filter_existing(map_node(branch[0], ctx(iteration=it)), view)
    node = nav.next_node(ref)
    # Successors that were skipped are skipped over, repeatedly.
    while node is not None:
        ref_name = node.task_reference_name
        if node.type != TaskType.DO_WHILE:
            ref_name = iteration_ref(ref_name, it)
        existing = view.by_ref(ref_name)
        if existing is None or existing.status is not TaskStatus.SKIPPED:
            break
        node = nav.next_node(node.task_reference_name)
    if node is None:
        return []
    iteration = it if node.type != TaskType.DO_WHILE else 0
    if node.type == TaskType.DO_WHILE and it > 0:
        return []  # the loop advances through its own DO_WHILE task
    return _filter_existing(map_node(node, ctx(iteration=iteration)), view)


def chosen_branch(task: Task) -> list[WorkflowTask]:
    """The case list a completed SWITCH / DECISION selected (empty: continue after it)."""
    node = task.workflow_task
    results = task.output_data.get("evaluationResult") or task.output_data.get("caseOutput") or []
    case = results[0] if isinstance(results, list) and results else None
    if isinstance(case, str) and case in node.decision_cases:
        return node.decision_cases[case]
    return node.default_case


def _loop_iteration(loop: Task, view: _View, nav: Navigator, ctx: Callable[..., MapContext]) -> list[Task]:
    """Schedule the first body node of the loop's current iteration if nothing of it exists."""
    node = loop.workflow_task
    if not node.loop_over:
        return []
    refs = body_refs(node)
    if view.ix is not None and not has_nested_loop(node.loop_over):
        # Inside a loop every task of iteration N carries the `__N` suffix.
        if any(view.ix.by_ref(iteration_ref(ref, loop.iteration)) is not None for ref in refs):
            return []
    else:
        for task in view.all_tasks():
            if task.iteration == loop.iteration and base_ref(task) in refs:
                return []
    return _filter_existing(map_node(node.loop_over[0], ctx(iteration=loop.iteration)), view)


def _is_complete(view: _View, nav: Navigator) -> bool:
    """Conductor's checkForWorkflowCompletion."""
    ix = view.ix
    if ix is not None:
        # Any task still running answers it; the full walk runs once, at the very end.
        running = ix.nonterminal_count()
        for task in view.updated.values():
            before = ix.by_id(task.task_id)
            if before is not None and not before.status.is_terminal and task.status.is_terminal:
                running -= 1
        if running > 0:
            return False
    status_by_ref: dict[str, TaskStatus] = {}
    pending: list[Task] = []
    for task in view.all_tasks():
        status_by_ref[task.reference_task_name] = task.status
        if not task.status.is_terminal:
            return False
        if task.task_type == TaskType.TERMINATE and task.status.is_successful:
            return True
        if not task.retried or not task.executed:
            pending.append(task)
    if not status_by_ref:
        return False
    # Unsuccessful top-level tasks (permissive ones) do not block completion: the permissive
    # gate decides what they mean.
    for ref in nav.top_level_refs():
        status = status_by_ref.get(ref)
        if status is None or not status.is_terminal:
            return False
    for task in pending:
        nxt = nav.next_node(task.workflow_task.task_reference_name)
        if nxt is None:
            continue
        ref = nxt.task_reference_name
        it = 0 if task.task_type == TaskType.DO_WHILE else task.iteration
        if nxt.type != TaskType.DO_WHILE:
            ref = iteration_ref(ref, it)
        if ref not in status_by_ref:
            return False
    return True


def _permissive_gate(view: _View) -> None:
    """A permissive task that ended unsuccessfully fails the workflow once everything else is done."""
    newest: dict[str, Task] = {}
    for task in view.all_tasks():
        wt = task.workflow_task
        if wt.permissive and not wt.optional:
            seen = newest.get(task.reference_task_name)
            if seen is None or task.retry_count >= seen.retry_count:
                newest[task.reference_task_name] = task
    failures = [t for t in newest.values() if t.status.is_terminal and not t.status.is_successful]
    if failures:
        reason = ". ".join(
            f"Task {t.task_id} failed with status: {t.status.value} and reason: '{t.reason_for_incompletion}'"
            for t in failures
        )
        raise _Terminate(WorkflowStatus.FAILED, reason)


# ---- timeouts ------------------------------------------------------------------------------


def _check_workflow_timeout(workflow: Workflow, now: int) -> None:
    definition = workflow.workflow_definition
    if definition.timeout_seconds <= 0:
        return
    started = workflow.last_retried_time or workflow.create_time
    elapsed = now - started
    if elapsed < definition.timeout_seconds * 1000:
        return
    if definition.timeout_policy is WorkflowTimeoutPolicy.TIME_OUT_WF:
        raise _Terminate(
            WorkflowStatus.TIMED_OUT,
            f"Workflow timed out after {elapsed // 1000} seconds. Timeout configured as "
            f"{definition.timeout_seconds} seconds. Timeout policy configured to TIME_OUT_WF",
        )


def _apply_timeout_policy(view: _View, task: Task, td: TaskDef, reason: str, now: int) -> Task:
    if td.timeout_policy is TimeoutPolicy.ALERT_ONLY:
        return task
    task = view.update(
        task, status=TaskStatus.TIMED_OUT, reason_for_incompletion=reason, end_time=now, update_time=now
    )
    if td.timeout_policy is TimeoutPolicy.TIME_OUT_WF:
        raise _Terminate(WorkflowStatus.TIMED_OUT, reason, task)
    return task


def _check_timeouts(view: _View, task: Task, td: TaskDef, now: int) -> Task:
    policy = td.timeout_policy.value
    if td.total_timeout_seconds > 0 and task.first_scheduled_time > 0:
        elapsed = now - task.first_scheduled_time
        if elapsed >= td.total_timeout_seconds * 1000:
            reason = (
                f"Task total timeout of {td.total_timeout_seconds} seconds exceeded after "
                f"{elapsed // 1000} seconds. Timeout policy configured to {policy}"
            )
            task = _apply_timeout_policy(view, task, td, reason, now)
            if task.status.is_terminal:
                return task
    if td.timeout_seconds > 0 and task.start_time > 0:
        elapsed = now - (task.start_time + task.start_delay_in_seconds * 1000)
        if elapsed >= td.timeout_seconds * 1000:
            reason = (
                f"Task timed out after {elapsed // 1000} seconds. Timeout configured as "
                f"{td.timeout_seconds} seconds. Timeout policy configured to {policy}"
            )
            task = _apply_timeout_policy(view, task, td, reason, now)
            if task.status.is_terminal:
                return task
    poll_timeout = td.poll_timeout_seconds or 0
    if poll_timeout > 0 and task.status is TaskStatus.SCHEDULED:
        elapsed = now - (task.scheduled_time + task.start_delay_in_seconds * 1000)
        if elapsed >= (poll_timeout + task.callback_after_seconds) * 1000:
            reason = (
                f"Task poll timed out after {elapsed // 1000} seconds. Poll timeout configured as "
                f"{poll_timeout} seconds. Timeout policy configured to {policy}"
            )
            task = _apply_timeout_policy(view, task, td, reason, now)
            if task.status.is_terminal:
                return task
    if (
        task.status is TaskStatus.IN_PROGRESS
        and td.response_timeout_seconds != 0
        and not task.workflow_task.async_complete
        and task.task_type != TaskType.WAIT
    ):
        silent = now - task.update_time
        if silent >= (td.response_timeout_seconds + task.callback_after_seconds) * 1000:
            reason = (
                f"responseTimeout: {td.response_timeout_seconds} exceeded for the taskId: "
                f"{task.task_id} with Task Status: {task.status.value}"
            )
            task = view.update(
                task,
                status=TaskStatus.TIMED_OUT,
                reason_for_incompletion=reason,
                end_time=now,
                update_time=now,
            )
    return task


def deadlines(workflow: Workflow) -> list[int]:
    """Every future instant at which a decide could change this workflow without any event
    (visiting every task; the runner asks the incremental DeadlineTracker instead)."""
    out: list[int] = []
    timeout = workflow_deadline(workflow)
    if timeout is not None:
        out.append(timeout)
    for task in workflow.tasks:
        out.extend(task_deadlines(task))
    return out


def workflow_deadline(workflow: Workflow) -> int | None:
    definition = workflow.workflow_definition
    if definition.timeout_seconds > 0 and definition.timeout_policy is WorkflowTimeoutPolicy.TIME_OUT_WF:
        return (workflow.last_retried_time or workflow.create_time) + definition.timeout_seconds * 1000
    return None


# ---- retries -------------------------------------------------------------------------------


def _retry(view: _View, task: Task, now: int, new_id: IdFactory, decision: Decision) -> Task | None:
    node = task.workflow_task
    td = task_def_of(node)
    expected = node.retry_count if node.retry_count is not None else td.retry_count
    if not task.status.is_retriable or task.task_type in BUILT_IN_TYPES or task.retry_count >= expected:
        if node.optional or node.permissive:
            return None
        if task.status is TaskStatus.CANCELED:
            status = WorkflowStatus.TERMINATED
        elif task.status is TaskStatus.TIMED_OUT:
            status = WorkflowStatus.TIMED_OUT
        else:
            status = WorkflowStatus.FAILED
        raise _Terminate(
            status,
            f"Task {task.task_id} failed with status: {status.value} and reason: "
            f"'{task.reason_for_incompletion}'",
            task,
        )
    if (
        td.total_timeout_seconds > 0
        and task.first_scheduled_time > 0
        and now - task.first_scheduled_time >= td.total_timeout_seconds * 1000
    ):
        status = WorkflowStatus.TIMED_OUT if task.status is TaskStatus.TIMED_OUT else WorkflowStatus.FAILED
        raise _Terminate(
            status,
            f"Task {task.task_id} failed with status: {status.value} and reason: "
            f"'{task.reason_for_incompletion}'",
            task,
        )
    delay = retry_delay_seconds(td, task.retry_count)
    retry_id = new_id()
    # Inputs are re-resolved against the current workflow and merged over the old input.
    fresh = task_input(node.input_parameters, view.doc(), retry_id, node.task_definition)
    retried = replace(
        task,
        task_id=retry_id,
        retried_task_id=task.task_id,
        status=TaskStatus.SCHEDULED,
        retry_count=task.retry_count + 1,
        poll_count=0,
        seq=0,
        scheduled_time=now,
        start_time=0,
        end_time=0,
        update_time=0,
        worker_id=None,
        sub_workflow_id=None,
        output_data={},
        input_data={**task.input_data, **fresh},
        callback_after_seconds=delay,
        start_delay_in_seconds=delay,
        executed=False,
        retried=False,
        wait_timeout=0,
    )
    if td.backoff_jitter_ms > 0:
        decision.jitter_ms[retry_id] = random.randint(0, td.backoff_jitter_ms)
    return retried


# ---- outputs ------------------------------------------------------------------------------


def workflow_output(workflow: Workflow) -> dict[str, Any]:
    """Output on completion or termination (DeciderService.updateWorkflowOutput)."""
    for task in workflow.tasks:
        if task.task_type == TaskType.TERMINATE and task.status.is_terminal and task.status.is_successful:
            return dict(task.output_data)
    params = workflow.workflow_definition.output_parameters
    if params:
        return resolve_map(params, workflow_doc(workflow))
    if workflow.tasks:
        return dict(workflow.tasks[-1].output_data)
    return {}


# ---- self-check --------------------------------------------------------------------------


def decision_mismatch(
    workflow: Workflow, now: int, metadata: MetadataView | None, decision: Decision
) -> str | None:
    """Decide again visiting every task and say how the result differs from `decision` (None:
    the same). New task ids are replayed so both decisions name their tasks alike."""
    ids = itertools.chain([t.task_id for t in decision.new_tasks], iter(_uuid, None))
    state = random.getstate()
    full = decide(workflow, now, lambda: next(ids), metadata, incremental=False)
    random.setstate(state)

    def summary(d: Decision) -> tuple[object, ...]:
        return (
            sorted((t.reference_task_name, t.task_type, t.status.value, t.retry_count) for t in d.new_tasks),
            sorted((t.task_id, t.status.value, t.executed, t.retried) for t in d.updated_tasks),
            d.complete,
            None if d.termination is None else (d.termination.status, d.termination.reason),
        )

    mine, reference = summary(decision), summary(full)
    return None if mine == reference else f"incremental {mine} != full {reference}"
