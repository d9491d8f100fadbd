"""Lookups into a workflow's task list that cost the same for 10 tasks and for 10,000.

A running workflow's tasks are one list in `seq` order. Scanning it on every task update (find a
task, its newest attempt, which tasks are still open, which JOIN waits for what) makes each
update cost O(tasks) and a whole fan-out O(tasks²) (docs/engine.md §8). `TaskIndex` is a memo
of that list, attached to the `Workflow` object (never stored, never sent), kept current by the
one function that replaces tasks in place (`replace`) and by catching up on appends; a list
that was swapped or shortened (keepLastN, rerun) is simply indexed again.

Every answer equals what a scan of `workflow.tasks` would give; the decider's self-check mode
(PYCONDUCTOR_DECIDER_CHECK) compares the two on every decision of the test suite.
"""

from __future__ import annotations

from typing import Any

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus

_ATTR = "_task_index"


def index_of(workflow: Workflow) -> TaskIndex:
    """The workflow's index, built or brought up to date with `workflow.tasks`."""
    ix: TaskIndex | None = workflow.__dict__.get(_ATTR)
    tasks = workflow.tasks
    if ix is None or ix.tasks is not tasks or len(tasks) < ix.count:
        ix = TaskIndex(tasks)
        workflow.__dict__[_ATTR] = ix
    elif len(tasks) > ix.count:
        ix.catch_up()
    return ix


def replace_task(workflow: Workflow, task: Task) -> None:
    """Put `task` in place of the task with its id, or append it when it is new."""
    ix = index_of(workflow)
    i = ix.position(task.task_id)
    if i is None:
        workflow.tasks.append(task)
        ix.catch_up()
    else:
        ix.replace(i, task)


def doc_entry(task: Task) -> dict[str, Any]:
    """What `${ref.…}` expressions see of a task (docs/engine.md §3.2)."""
    return {
        "input": task.input_data,
        "output": task.output_data,
        "taskType": task.task_type,
        "status": task.status.value,
        "referenceTaskName": task.reference_task_name,
        "retryCount": task.retry_count,
        "correlationId": task.correlation_id,
        "pollCount": task.poll_count,
        "taskDefName": task.task_def_name,
        "scheduledTime": task.scheduled_time,
        "startTime": task.start_time,
        "endTime": task.end_time,
        "workflowInstanceId": task.workflow_instance_id,
        "taskId": task.task_id,
        "reasonForIncompletion": task.reason_for_incompletion,
        "callbackAfterSeconds": task.callback_after_seconds,
        "workerId": task.worker_id,
        "iteration": task.iteration,
        "domain": task.domain,
    }


def iteration_ref(ref: str, iteration: int) -> str:
    """`ref` as named in iteration `iteration` of a DO_WHILE loop, `<ref>__<N>` (docs/engine.md
    §6.13); unchanged outside a loop (iteration 0). The one place the suffix is built."""
    return f"{ref}__{iteration}" if iteration > 0 else ref


def base_ref(task: Task) -> str:
    """The reference name without a loop iteration's `__N` suffix."""
    ref = task.reference_task_name
    if task.iteration > 0 and task.task_type != "DO_WHILE":
        suffix = iteration_ref("", task.iteration)
        if ref.endswith(suffix):
            return ref[: -len(suffix)]
    return ref


class TaskIndex:
    """Positions and derived sets of one task list. Membership sets hold task ids."""

    def __init__(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.count = 0
        self.pos: dict[str, int] = {}
        self.ref_pos: dict[str, int] = {}  # newest (last) position of each reference name
        self.base_pos: dict[str, int] = {}  # newest position of each base reference name
        self.doc: dict[str, dict[str, Any]] = {}  # doc entry of each base reference's newest task
        self.max_seq = 0
        self.keys: set[tuple[str, int]] = set()  # (reference name, retry count) of every task
        self.executed_refs: dict[str, int] = {}
        # The decider's work list: not executed, not retried, not SKIPPED...
        self.open: set[str] = set()
        # ... and of those, the terminal ones (their successors are due).
        self.settled: set[str] = set()
        # Not SKIPPED and not executed: while there is one, the workflow has started.
        self.live: set[str] = set()
        self.nonterminal: dict[str, set[str]] = {}  # by task type
        self.terminated: set[str] = set()  # successful TERMINATE tasks
        # JOIN bookkeeping: for each non-terminal JOIN, the joinOn references whose newest task
        # is not terminal yet, and those that ended unsuccessfully.
        self.join_pending: dict[str, set[str]] = {}
        self.join_failed: dict[str, set[str]] = {}
        self.ref_joins: dict[str, set[str]] = {}
        # Ids whose task changed since the engine last looked (its deadline heap drains this).
        self.touched: list[str] = []
        self.catch_up()

    # ---- lookups ----------------------------------------------------------------------------

    def position(self, task_id: str) -> int | None:
        i = self.pos.get(task_id)
        if i is None or i >= len(self.tasks) or self.tasks[i].task_id != task_id:
            return None
        return i

    def by_id(self, task_id: str) -> Task | None:
        i = self.position(task_id)
        return None if i is None else self.tasks[i]

    def by_ref(self, ref: str) -> Task | None:
        """The newest task (highest position) with this reference name."""
        i = self.ref_pos.get(ref)
        return None if i is None else self.tasks[i]

    def nonterminal_count(self) -> int:
        return sum(len(ids) for ids in self.nonterminal.values())

    def in_order(self, ids: set[str] | list[str]) -> list[Task]:
        """The tasks with these ids, in list order."""
        tasks = self.tasks
        return [tasks[i] for i in sorted(self.pos[t] for t in ids if t in self.pos)]

    # ---- maintenance ------------------------------------------------------------------------

    def catch_up(self) -> None:
        """Index tasks appended since the last call."""
        tasks = self.tasks
        for i in range(self.count, len(tasks)):
            task = tasks[i]
            self.pos[task.task_id] = i
            ref = task.reference_task_name
            previous = self.ref_pos.get(ref)
            self.ref_pos[ref] = i
            base = base_ref(task)
            self.base_pos[base] = i
            self.doc[base] = doc_entry(task)
            self.keys.add((ref, task.retry_count))
            if task.seq > self.max_seq:
                self.max_seq = task.seq
            self._add(task)
            if previous is not None or ref in self.ref_joins:
                self._newest_changed(ref, task)
        self.count = len(tasks)

    def replace(self, i: int, task: Task) -> None:
        old = self.tasks[i]
        self._remove(old)
        self.tasks[i] = task
        if task.seq > self.max_seq:
            self.max_seq = task.seq
        if self.base_pos.get(base_ref(task)) == i:
            self.doc[base_ref(task)] = doc_entry(task)
        self._add(task)
        if self.ref_pos.get(task.reference_task_name) == i:
            self._newest_changed(task.reference_task_name, task)

    def _add(self, task: Task) -> None:
        task_id = task.task_id
        status = task.status
        terminal = status.is_terminal
        skipped = status is TaskStatus.SKIPPED
        self.touched.append(task_id)
        if task.executed:
            self.executed_refs[task.reference_task_name] = (
                self.executed_refs.get(task.reference_task_name, 0) + 1
            )
        elif not skipped:
            self.live.add(task_id)
            if not task.retried:
                self.open.add(task_id)
                if terminal:
                    self.settled.add(task_id)
        if not terminal:
            self.nonterminal.setdefault(task.task_type, set()).add(task_id)
            if task.task_type == "JOIN" and task_id not in self.join_pending:
                self._register_join(task)
        else:
            if task.task_type == "TERMINATE" and status.is_successful:
                self.terminated.add(task_id)
            if task_id in self.join_pending:
                self._unregister_join(task_id)

    def _remove(self, task: Task) -> None:
        task_id = task.task_id
        if task.executed:
            ref = task.reference_task_name
            left = self.executed_refs.get(ref, 0) - 1
            if left > 0:
                self.executed_refs[ref] = left
            else:
                self.executed_refs.pop(ref, None)
        self.live.discard(task_id)
        self.open.discard(task_id)
        self.settled.discard(task_id)
        bucket = self.nonterminal.get(task.task_type)
        if bucket is not None:
            bucket.discard(task_id)
        self.terminated.discard(task_id)

    # ---- JOIN -------------------------------------------------------------------------------

    def _register_join(self, join: Task) -> None:
        pending: set[str] = set()
        failed: set[str] = set()
        for raw in join.input_data.get("joinOn") or []:
            ref = str(raw)
            self.ref_joins.setdefault(ref, set()).add(join.task_id)
            branch = self.by_ref(ref)
            if branch is None or not branch.status.is_terminal:
                pending.add(ref)
            elif not branch.status.is_successful:
                failed.add(ref)
        self.join_pending[join.task_id] = pending
        self.join_failed[join.task_id] = failed

    def _unregister_join(self, join_id: str) -> None:
        self.join_pending.pop(join_id, None)
        self.join_failed.pop(join_id, None)

    def _newest_changed(self, ref: str, task: Task) -> None:
        joins = self.ref_joins.get(ref)
        if not joins:
            return
        for join_id in joins:
            pending = self.join_pending.get(join_id)
            if pending is None:
                continue
            failed = self.join_failed[join_id]
            if task.status.is_terminal:
                pending.discard(ref)
                if task.status.is_successful:
                    failed.discard(ref)
                else:
                    failed.add(ref)
            else:
                pending.add(ref)
                failed.discard(ref)

    def join_state(self, join_id: str) -> tuple[int, int] | None:
        """(branches not ended, branches ended unsuccessfully) of a non-terminal JOIN."""
        pending = self.join_pending.get(join_id)
        if pending is None:
            return None
        return len(pending), len(self.join_failed[join_id])
