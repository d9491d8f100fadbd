"""Workflow lifecycle operations: pause, resume, terminate, remove, restart, retry, rerun, skip,
reset callbacks (docs/engine.md §7, Conductor's WorkflowExecutorOps).

Each step on one workflow is one `runner.run`: the change and the decide that follows commit
together. Operations that touch several workflows (a retried child and its parents, a rerun
found in a child) run one such step per workflow, children first, never holding two locks.

Walking up (`_walk_up`, Conductor's updateAndPushParents): when a child is retried, restarted
or rerun, each ancestor's SUB_WORKFLOW task goes back to IN_PROGRESS and the ancestor is
revived; its unsuccessful sibling sub-workflows are retried in place and its canceled siblings
are reset, so the whole tree can complete again. It stops at an optional or superseded
SUB_WORKFLOW task, or at an orphan whose parent task is gone (the parent was restarted).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import Any

from msgspec.structs import replace

from conductor.server.clock import Clock
from conductor.server.domain.definitions import WorkflowDef
from conductor.server.domain.errors import BadRequest, ConductorError, Conflict, InvalidState, NotFound
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.ids import new_id
from conductor.server.domain.requests import RerunWorkflowRequest, SkipTaskRequest
from conductor.server.domain.snapshot import workflow_doc
from conductor.server.domain.status import TaskStatus, WorkflowStatus
from conductor.server.domain.task_types import TaskType
from conductor.server.engine.decider import Termination
from conductor.server.engine.navigation import Navigator
from conductor.server.engine.params import task_input
from conductor.server.engine.runner import Changes, WorkflowRunner
from conductor.server.engine.task_types import ASYNC_SYSTEM_TYPES, is_worker_type
from conductor.server.persistence.database import Database
from conductor.server.persistence.sql.store import SqlTx

# Tasks that are reset in place (same id) by retry and rerun: they are evaluated, not started.
IN_PLACE_TYPES = frozenset({TaskType.DO_WHILE, TaskType.FORK, TaskType.JOIN, TaskType.EXCLUSIVE_JOIN})
# The listener event a parent gets when a child was changed by an operation.
_PARENT_EVENT = {"retried": "RETRIED", "restarted": "RESTARTED", "reran": "RERAN"}


def _unsuccessful(task: Task) -> bool:
    return task.status.is_terminal and not task.status.is_successful


def _enqueue(wf: Workflow, task: Task, changes: Changes, now: int) -> None:
    """Queue a SCHEDULED task that workers or the async system-task runner pick up."""
    if is_worker_type(task.task_type) or task.task_type in ASYNC_SYSTEM_TYPES:
        changes.enqueue(task, now + task.callback_after_seconds * 1000, priority=wf.priority)


def _drop_tasks(workflow: Workflow, changes: Changes, doomed: list[Task]) -> None:
    ids = {t.task_id for t in doomed}
    workflow.tasks = [t for t in workflow.tasks if t.task_id not in ids]
    for task_id in ids:
        changes.delete(task_id)


def _revive(wf: Workflow, now: int) -> None:
    wf.status = WorkflowStatus.RUNNING
    wf.reason_for_incompletion = None
    wf.failed_task_id = None
    wf.failed_reference_task_names = []
    wf.failed_task_names = []
    wf.end_time = 0
    wf.last_retried_time = now


class WorkflowLifecycle:
    """Mixed into WorkflowService, which provides the collaborators declared here."""

    db: Database
    clock: Clock
    runner: WorkflowRunner

    async def _populate_task_defs(self, definition: WorkflowDef) -> None:
        raise NotImplementedError

    async def _load(self, workflow_id: str) -> Workflow:
        loaded = await self.db.read(lambda tx: tx.get_workflow(workflow_id, True))
        if loaded is None:
            raise NotFound(f"No such workflow found by id: {workflow_id}")
        return loaded[0]

    def _notify(self, workflow: Workflow, event: str) -> None:
        self.runner.status_listener.notify(workflow, event)

    # ---- pause / resume / terminate / remove ------------------------------------------------

    async def pause(self, workflow_id: str) -> None:
        def mutate(wf: Workflow, changes: Changes) -> Workflow | None:
            if wf.status.is_terminal:
                raise Conflict(
                    f"Workflow {wf.workflow_name}.{wf.workflow_version}/{wf.workflow_id} has ended, "
                    "status cannot be updated."
                )
            if wf.status is WorkflowStatus.PAUSED:
                changes.skip = True
                return None
            wf.status = WorkflowStatus.PAUSED
            changes.decide = False
            return wf

        paused = await self.runner.run(workflow_id, mutate)
        if paused is not None:
            self._notify(paused, "PAUSED")

    async def resume(self, workflow_id: str) -> None:
        def mutate(wf: Workflow, changes: Changes) -> Workflow:
            if wf.status is not WorkflowStatus.PAUSED:
                raise InvalidState(
                    f"The workflow {workflow_id} is not PAUSED so cannot resume. "
                    f"Current status is {wf.status.value}"
                )
            wf.status = WorkflowStatus.RUNNING
            wf.last_retried_time = self.clock.now_ms()
            return wf

        self._notify(await self.runner.run(workflow_id, mutate), "RESUMED")

    async def terminate(
        self, workflow_id: str, reason: str | None, trigger_failure_workflow: bool = False
    ) -> None:
        """Manual termination: in-flight tasks CANCELED, child workflows terminated. The
        failureWorkflow runs only when asked for (Conductor never runs it on this path)."""

        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status is WorkflowStatus.COMPLETED:
                raise Conflict("Cannot terminate a COMPLETED workflow.")
            if wf.status is WorkflowStatus.TERMINATED:
                changes.skip = True
                return
            changes.termination = Termination(WorkflowStatus.TERMINATED, reason or "")
            changes.run_failure_workflow = trigger_failure_workflow

        await self.runner.run(workflow_id, mutate)

    async def remove(self, workflow_id: str, archive: bool) -> None:
        def job(tx: SqlTx) -> None:
            loaded = tx.get_workflow(workflow_id, with_tasks=False)
            if loaded is None:
                raise NotFound(f"No such workflow found by id: {workflow_id}")
            status = loaded[0].status
            if archive and not status.is_terminal:
                raise BadRequest(f"Cannot archive workflow: {workflow_id} with status: {status.value}")
            tx.delete_workflow(workflow_id)

        async with self.runner.locks.hold(workflow_id):
            self.runner.forget(workflow_id)
            await self.db.write(job)

    async def terminate_remove(self, workflow_id: str, reason: str | None, archive: bool) -> None:
        with contextlib.suppress(Conflict):  # a COMPLETED workflow is simply removed
            await self.terminate(workflow_id, reason)
        await self.remove(workflow_id, archive=False)

    # ---- restart ----------------------------------------------------------------------------

    async def restart(self, workflow_id: str, use_latest_definitions: bool) -> None:
        """Same id, no tasks, a new run; input and variables are kept."""
        latest: WorkflowDef | None = None
        if use_latest_definitions:
            current = await self._load(workflow_id)
            latest = await self.db.read(lambda tx: tx.get_workflow_def(current.workflow_name, None))
            if latest is None:
                raise NotFound(f"Unable to find latest definition for {workflow_id}")
            await self._populate_task_defs(latest)

        def mutate(wf: Workflow, changes: Changes) -> Workflow:
            if not wf.status.is_terminal:
                raise Conflict(f"Workflow: {workflow_id} is not in terminal state, unable to restart.")
            if wf.status is WorkflowStatus.COMPLETED and not wf.workflow_definition.restartable:
                raise NotFound(f"Workflow: {workflow_id} is non-restartable")
            if latest is not None:
                wf.workflow_definition = latest
                wf.workflow_version = latest.version
            _drop_tasks(wf, changes, list(wf.tasks))
            self._reset_run(wf)
            wf.create_time = self.clock.now_ms()
            return wf

        self._notify(await self.runner.run(workflow_id, mutate), "RESTARTED")
        await self._walk_up(workflow_id, "restarted")

    def _reset_run(self, wf: Workflow) -> None:
        wf.tasks = []
        wf.status = WorkflowStatus.RUNNING
        wf.reason_for_incompletion = None
        wf.failed_task_id = None
        wf.failed_reference_task_names = []
        wf.failed_task_names = []
        wf.output = {}
        wf.end_time = 0
        wf.last_retried_time = 0

    # ---- retry ------------------------------------------------------------------------------

    async def retry(self, workflow_id: str, resume_subworkflow_tasks: bool = False) -> None:
        """Retry from the failed tasks. With `resume_subworkflow_tasks` the deepest failed child
        is retried in place (same ids) instead of starting fresh children."""
        wf = await self._load(workflow_id)
        if not wf.status.is_terminal:
            raise NotFound(f"Workflow is still running.  status={wf.status.value}")
        if not wf.tasks:
            raise Conflict("Workflow has not started yet")
        target = wf
        if resume_subworkflow_tasks:
            first = next((t for t in wf.tasks if _unsuccessful(t)), None)
            if first is None:
                return
            target = await self._deepest_failed(first, wf)
        await self._retry_in_place(target.workflow_id)
        await self._walk_up(target.workflow_id, "retried")

    async def _deepest_failed(self, task: Task, holder: Workflow) -> Workflow:
        """Conductor's findLastFailedSubWorkflowIfAny: descend through failed sub-workflows."""
        if not _unsuccessful(task):
            return holder
        if task.task_type == TaskType.SUB_WORKFLOW and task.sub_workflow_id:
            try:
                child = await self._load(task.sub_workflow_id)
            except NotFound:
                return holder
            first = next((t for t in child.tasks if _unsuccessful(t)), None)
            return await self._deepest_failed(first, child) if first is not None else holder
        if task.task_type == TaskType.DO_WHILE:
            sub = next(
                (t for t in holder.tasks if t.task_type == TaskType.SUB_WORKFLOW and _unsuccessful(t)), None
            )
            if sub is not None:
                return await self._deepest_failed(sub, holder)
        return holder

    async def _retry_in_place(self, workflow_id: str) -> None:
        """Conductor's retry(workflow): reschedule the newest unsuccessful task of each reference."""

        def mutate(wf: Workflow, changes: Changes) -> Workflow:
            if not wf.status.is_terminal:
                raise NotFound(f"Workflow is still running.  status={wf.status.value}")
            now = self.clock.now_ms()
            retriable: dict[str, Task] = {}
            revived: list[Task] = []
            for task in wf.tasks:
                kind, status = task.task_type, task.status
                if (
                    status is TaskStatus.FAILED
                    and kind in (TaskType.JOIN, TaskType.EXCLUSIVE_JOIN)
                    and _joins_permissive_failure(wf, task)
                ):
                    revived.append(task)
                elif status in (
                    TaskStatus.FAILED,
                    TaskStatus.FAILED_WITH_TERMINAL_ERROR,
                    TaskStatus.TIMED_OUT,
                ):
                    retriable[task.reference_task_name] = task
                elif status is TaskStatus.CANCELED:
                    if kind in (TaskType.JOIN, TaskType.DO_WHILE):
                        revived.append(task)
                    else:
                        retriable[task.reference_task_name] = task
                else:
                    retriable.pop(task.reference_task_name, None)
            if not retriable and wf.status is not WorkflowStatus.TIMED_OUT:
                raise Conflict(
                    "There are no retryable tasks! Use restart if you want to attempt entire workflow "
                    "execution again."
                )
            _revive(wf, now)
            for task in revived:
                changes.put(_in_progress(task))
            doc = workflow_doc(wf)
            seq = max(t.seq for t in wf.tasks)
            for task in sorted(retriable.values(), key=lambda t: t.seq):
                if task.task_type in IN_PLACE_TYPES:
                    changes.put(replace(_in_progress(task), retry_count=task.retry_count + 1))
                    continue
                changes.put(replace(task, retried=True, executed=True))
                seq += 1
                fresh = _retry_copy(task, doc, now, seq)
                changes.put(fresh)
                _enqueue(wf, fresh, changes, now)
            return wf

        self._notify(await self.runner.run(workflow_id, mutate), "RETRIED")

    # ---- walking up to the parents ----------------------------------------------------------

    async def _walk_up(self, workflow_id: str, operation: str) -> None:
        child = await self._load(workflow_id)
        trail = f"{child.workflow_name}.{child.workflow_version}/{child.workflow_id}"
        while child.parent_workflow_id and child.parent_workflow_task_id:
            try:
                parent = await self._load(child.parent_workflow_id)
            except NotFound:
                return
            link = parent.task_by_id(child.parent_workflow_task_id)
            if (
                link is None
                or link.workflow_task.optional
                or (link.retried and link.task_type == TaskType.SUB_WORKFLOW)
            ):
                return  # an orphan, an optional child, or one superseded by a newer attempt
            resumed = await self._resume_sibling_children(parent, link)
            message = f"Sub workflow {trail} {operation}."
            revive = partial(self._revive_parent, link_id=link.task_id, resumed=resumed, message=message)
            revived = await self.runner.run(parent.workflow_id, revive)
            if revived is None:
                return
            self._notify(revived, _PARENT_EVENT.get(operation, "RETRIED"))
            trail = f"{revived.workflow_name}.{revived.workflow_version}/{revived.workflow_id} -> {trail}"
            child = revived

    async def _resume_sibling_children(self, parent: Workflow, link: Task) -> set[str]:
        """Retry, in place, the children of the parent's other unsuccessful SUB_WORKFLOW tasks."""
        resumed: set[str] = set()
        for task in parent.tasks:
            if (
                task.task_type != TaskType.SUB_WORKFLOW
                or task.task_id == link.task_id
                or task.retried
                or not task.sub_workflow_id
                or not _unsuccessful(task)
            ):
                continue
            try:
                child = await self._load(task.sub_workflow_id)
            except NotFound:
                continue
            if child.status is WorkflowStatus.RUNNING:
                resumed.add(task.task_id)
            elif any(_unsuccessful(t) for t in child.tasks):
                try:
                    await self._retry_in_place(child.workflow_id)
                except ConductorError:
                    continue
                resumed.add(task.task_id)
        return resumed

    def _revive_parent(
        self, wf: Workflow, changes: Changes, link_id: str, resumed: set[str], message: str
    ) -> Workflow | None:
        link = wf.task_by_id(link_id)
        if link is None:
            changes.skip = True
            return None
        now = self.clock.now_ms()
        changes.put(_in_progress(link))
        changes.log(link.task_id, message, now)
        _revive(wf, now)
        for task in wf.tasks:
            if task.task_id == link_id or task.retried:
                continue
            if task.task_id in resumed:
                changes.put(_in_progress(task))
            elif task.status is TaskStatus.CANCELED:
                if task.task_type in (TaskType.JOIN, TaskType.DO_WHILE):
                    changes.put(_in_progress(task))
                else:
                    again = _reset_in_place(task, now)
                    changes.put(again)
                    _enqueue(wf, again, changes, now)
            elif task.task_type == TaskType.JOIN and _unsuccessful(task):
                # A JOIN that failed over this branch evaluates again (adjustStateIfSubWorkflowChanged).
                changes.put(_in_progress(task))
        return wf

    # ---- rerun ------------------------------------------------------------------------------

    async def rerun(self, workflow_id: str, request: RerunWorkflowRequest) -> str:
        found = await self._rerun(
            workflow_id,
            request.re_run_from_task_id,
            request.task_input,
            request.workflow_input,
            request.correlation_id,
        )
        if not found:
            raise BadRequest(f"Task {request.re_run_from_task_id} not found")
        return workflow_id

    async def _rerun(
        self,
        workflow_id: str,
        task_id: str | None,
        task_input: dict[str, Any] | None,
        workflow_input: dict[str, Any] | None,
        correlation_id: str | None,
    ) -> bool:
        wf = await self._load(workflow_id)
        if not wf.status.is_terminal:
            raise Conflict(f"Workflow: {workflow_id} is not in terminal state, unable to rerun.")

        def rerun_head(wf: Workflow, changes: Changes) -> None:
            """Reset the run's status, input and correlation id (every rerun does this)."""
            _revive(wf, self.clock.now_ms())
            if workflow_input is not None:
                wf.input = dict(workflow_input)
            if correlation_id is not None:
                wf.correlation_id = correlation_id

        if task_id is None:

            def from_scratch(wf: Workflow, changes: Changes) -> Workflow:
                rerun_head(wf, changes)
                _drop_tasks(wf, changes, list(wf.tasks))
                wf.output = {}
                return wf

            self._notify(await self.runner.run(workflow_id, from_scratch), "RERAN")
            await self._walk_up(workflow_id, "reran")
            return True

        target = wf.task_by_id(task_id)
        if target is None:
            return await self._rerun_in_children(wf, task_id, task_input, rerun_head)

        def from_task(wf: Workflow, changes: Changes) -> Workflow:
            rerun_head(wf, changes)
            now = self.clock.now_ms()
            current = wf.task_by_id(task_id)
            assert current is not None
            if current.task_type == TaskType.SUB_WORKFLOW:
                # Reset in place and start a fresh child; later tasks (parallel branches) stay.
                reset = replace(_cleared(current, now), status=TaskStatus.SCHEDULED, sub_workflow_id=None)
                changes.put(reset)
            else:
                _drop_tasks(wf, changes, [t for t in wf.tasks if t.seq > current.seq])
                if current.task_type == TaskType.FORK:
                    self._remap_fork(wf, changes, current)
                else:
                    reset = replace(_cleared(current, now), status=TaskStatus.SCHEDULED)
                    if task_input is not None:
                        reset.input_data = dict(task_input)
                    changes.put(reset)
                    _enqueue(wf, reset, changes, now)
            self._finalize_rerun(wf, changes, current, now)
            return wf

        self._notify(await self.runner.run(workflow_id, from_task), "RETRIED")
        await self._walk_up(workflow_id, "reran")
        return True

    def _remap_fork(self, wf: Workflow, changes: Changes, fork: Task) -> None:
        """A fork is re-created whole (branches and JOIN): drop it and let the decider map its
        node again as the successor of the task before it."""
        _drop_tasks(wf, changes, [fork])
        nav = Navigator(wf.workflow_definition)
        for task in reversed(wf.tasks):
            following = nav.next_node(task.workflow_task.task_reference_name)
            if (
                following is not None
                and following.task_reference_name == fork.workflow_task.task_reference_name
            ):
                changes.put(replace(task, executed=False))
                return

    def _finalize_rerun(self, wf: Workflow, changes: Changes, target: Task, now: int) -> None:
        """Every other unsuccessful task runs again (Conductor's finalizeRerun)."""
        for task in wf.tasks:
            if (
                task.task_id == target.task_id
                or task.reference_task_name == target.reference_task_name
                or task.retried
                or not _unsuccessful(task)
            ):
                continue
            again = replace(_cleared(task, now), start_time=now, output_data=task.output_data)
            if task.task_type == TaskType.SUB_WORKFLOW:
                output = {k: v for k, v in task.output_data.items() if k != "subWorkflowId"}
                again = replace(again, sub_workflow_id=None, output_data=output)
            if task.task_type in (TaskType.JOIN, TaskType.DO_WHILE):
                again = replace(again, status=TaskStatus.IN_PROGRESS)
            else:
                again = replace(again, status=TaskStatus.SCHEDULED)
                _enqueue(wf, again, changes, now)
            changes.put(again)

    async def _rerun_in_children(
        self,
        wf: Workflow,
        task_id: str,
        task_input: dict[str, Any] | None,
        rerun_head: Callable[[Workflow, Changes], None],
    ) -> bool:
        """The task lives in a descendant: rerun it there; this workflow resumes its child."""
        for task in wf.tasks:
            if task.task_type != TaskType.SUB_WORKFLOW or not task.sub_workflow_id:
                continue
            try:
                found = await self._rerun(task.sub_workflow_id, task_id, task_input, None, None)
            except (Conflict, NotFound):
                continue  # a running or removed child cannot hold the task to rerun
            if not found:
                continue

            def resume_link(wf: Workflow, changes: Changes, link_id: str = task.task_id) -> None:
                rerun_head(wf, changes)
                link = wf.task_by_id(link_id)
                if link is not None and link.status is not TaskStatus.IN_PROGRESS:
                    changes.put(_in_progress(link))

            await self.runner.run(wf.workflow_id, resume_link)
            return True
        return False

    # ---- skip / reset callbacks -------------------------------------------------------------

    async def skip_task(self, workflow_id: str, ref: str, request: SkipTaskRequest | None) -> None:
        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status is not WorkflowStatus.RUNNING:
                raise InvalidState(
                    f"The workflow {workflow_id} is not running so the task referenced by {ref} "
                    "cannot be skipped"
                )
            node = next((n for n in wf.workflow_definition.all_tasks() if n.task_reference_name == ref), None)
            if node is None:
                raise InvalidState(
                    f"The task referenced by {ref} does not exist in the WorkflowDefinition "
                    f"{wf.workflow_name}"
                )
            if wf.task_by_ref(ref) is not None:
                raise InvalidState(f"The task referenced {ref} has already been processed, cannot be skipped")
            now = self.clock.now_ms()
            skipped = Task(
                task_id=new_id(),
                task_type=node.name,
                task_def_name=node.name,
                reference_task_name=ref,
                workflow_instance_id=wf.workflow_id,
                workflow_type=wf.workflow_name,
                correlation_id=wf.correlation_id,
                status=TaskStatus.SKIPPED,
                input_data=dict(request.task_input or {}) if request else {},
                output_data=dict(request.task_output or {}) if request else {},
                seq=max((t.seq for t in wf.tasks), default=0) + 1,
                scheduled_time=now,
                end_time=now,
                update_time=now,
                workflow_priority=wf.priority,
                # Kept (without its TaskDef) so that navigation can step over the skipped node.
                workflow_task=replace(node, task_definition=None),
            )
            changes.put(skipped)

        await self.runner.run(workflow_id, mutate)

    async def reset_callbacks(self, workflow_id: str) -> None:
        """Worker tasks waiting out a callbackAfterSeconds become pollable now."""

        def mutate(wf: Workflow, changes: Changes) -> None:
            if wf.status.is_terminal:
                raise Conflict(f"Workflow is in terminal state. Status = {wf.status.value}")
            now = self.clock.now_ms()
            for task in wf.tasks:
                if (
                    task.status is TaskStatus.SCHEDULED
                    and is_worker_type(task.task_type)
                    and task.callback_after_seconds > 0
                ):
                    changes.put(replace(task, callback_after_seconds=0))
                    changes.enqueue(task, now, priority=wf.priority)
            changes.decide = False

        await self.runner.run(workflow_id, mutate)


# ---- task resets ---------------------------------------------------------------------------


def _joins_permissive_failure(wf: Workflow, join: Task) -> bool:
    refs = join.input_data.get("joinOn") or []
    for ref in refs:
        branch = wf.task_by_ref(str(ref))
        if (
            branch is not None
            and branch.workflow_task.permissive
            and not branch.workflow_task.optional
            and branch.status is TaskStatus.FAILED
        ):
            return True
    return False


def _in_progress(task: Task) -> Task:
    """Back to IN_PROGRESS to be evaluated again (JOIN, DO_WHILE, a resumed SUB_WORKFLOW)."""
    return replace(
        task, status=TaskStatus.IN_PROGRESS, end_time=0, reason_for_incompletion=None, executed=False
    )


def _cleared(task: Task, now: int) -> Task:
    """The task's runtime state wiped, as for a new run of the same task id."""
    return replace(
        task,
        scheduled_time=now,
        start_time=0,
        end_time=0,
        update_time=now,
        output_data={},
        retried=False,
        executed=False,
        poll_count=0,
        worker_id=None,
        reason_for_incompletion=None,
    )


def _reset_in_place(task: Task, now: int) -> Task:
    return replace(
        _cleared(task, now),
        status=TaskStatus.SCHEDULED,
        retry_count=task.retry_count + 1,
        output_data=task.output_data,
    )


def _retry_copy(task: Task, doc: dict[str, Any], now: int, seq: int) -> Task:
    """A new attempt of a failed or canceled task (Conductor's taskToBeRescheduled)."""
    fresh_id = new_id()
    node = task.workflow_task
    fresh_input = task_input(node.input_parameters, doc, fresh_id, node.task_definition)
    if task.task_type == TaskType.SUB_WORKFLOW:
        fresh_input = {"workflowInput": {**task.input_data.get("workflowInput", {}), **fresh_input}}
    return replace(
        _cleared(task, now),
        task_id=fresh_id,
        retried_task_id=task.task_id,
        status=TaskStatus.SCHEDULED,
        retry_count=task.retry_count + 1,
        seq=seq,
        callback_after_seconds=0,
        sub_workflow_id=None,
        wait_timeout=0,
        input_data={**task.input_data, **fresh_input},
    )
