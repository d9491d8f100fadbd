"""JOIN and EXCLUSIVE_JOIN: wait for forked branches (docs/engine.md §6.8, §6.15)."""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.domain.task_index import index_of, iteration_ref
from conductor.server.domain.task_types import TaskType
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed


class Join(SyncSystemTask):
    task_type: str = TaskType.JOIN

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return await self.execute(task, workflow, ctx) or task

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        # The task index counts, per JOIN, the branches not ended yet and those that failed:
        # while some run and none failed there is nothing to do, whatever the fan-out's size.
        # (Conductor also copies each ended branch's output into the JOIN as it goes; here the
        # JOIN's output is filled when it ends, which keeps each update O(1).)
        state = index_of(workflow).join_state(task.task_id)
        if state is not None and state[0] > 0 and state[1] == 0:
            return None
        join_on = task.input_data.get("joinOn") or []
        output: dict[str, object] = {}
        failures: list[Task] = []
        optional_failures: list[Task] = []
        all_done = True
        branches = [workflow.task_by_ref(str(ref)) for ref in join_on]
        for ref, branch in zip(join_on, branches, strict=True):
            if branch is None:
                all_done = False
                continue
            if branch.output_data:
                output[str(ref)] = branch.output_data
            if not branch.status.is_terminal:
                all_done = False
                continue
            wt = branch.workflow_task
            # A permissive failure waits until every branch has ended.
            if (
                not branch.status.is_successful
                and not wt.optional
                and (not wt.permissive or all(b is not None and b.status.is_terminal for b in branches))
            ):
                failures.append(branch)
            if wt.optional and branch.status is TaskStatus.COMPLETED_WITH_ERRORS:
                optional_failures.append(branch)
        if failures:
            reason = " ".join(str(b.reason_for_incompletion) for b in failures)
            if all(b.status is TaskStatus.CANCELED for b in failures):
                return replace(
                    task, status=TaskStatus.CANCELED, reason_for_incompletion=reason, output_data=output
                )
            return failed(replace(task, output_data=output), reason)
        if not all_done:
            return replace(task, output_data=output) if output != task.output_data else None
        if optional_failures:
            reason = (
                " ".join(f"{b.task_def_name}/{b.task_id}" for b in optional_failures)
                + " completed with errors"
            )
            return replace(
                task,
                status=TaskStatus.COMPLETED_WITH_ERRORS,
                reason_for_incompletion=reason,
                output_data=output,
            )
        return completed(replace(task, output_data=output))


class ExclusiveJoin(SyncSystemTask):
    """Completes with the output of the first joinOn task that ran (not SKIPPED) and ended; the
    defaultExclusiveJoinTask list is consulted when none of them did."""

    task_type: str = TaskType.EXCLUSIVE_JOIN

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return await self.execute(task, workflow, ctx) or replace(task, status=TaskStatus.IN_PROGRESS)

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        join_on = _in_iteration(node.join_on, task)
        chosen: Task | None = None
        found = failures = False
        reason = ""
        for ref in join_on:
            branch = workflow.task_by_ref(ref)
            if branch is None or branch.status is TaskStatus.SKIPPED:
                continue
            chosen, found = branch, branch.status.is_terminal
            others = [workflow.task_by_ref(r) for r in join_on]
            failures = not branch.status.is_successful and (
                not branch.workflow_task.permissive
                or all(o is not None and o.status.is_terminal for o in others)
            )
            if failures:
                reason = " ".join(
                    str(o.reason_for_incompletion)
                    for o in others
                    if o is not None and not o.status.is_successful
                )
            break
        if not found:
            for ref in _in_iteration(node.default_exclusive_join_task, task):
                branch = workflow.task_by_ref(ref)
                if branch is None or branch.status is TaskStatus.SKIPPED:
                    continue
                chosen, found = branch, branch.status.is_terminal
                failures = not branch.status.is_successful
                if failures:
                    reason = f"{branch.reason_for_incompletion} "
                break
        if failures:
            return failed(task, reason)
        if found and chosen is not None:
            return completed(replace(task, output_data=dict(chosen.output_data)))
        return None


def _in_iteration(refs: list[str], task: Task) -> list[str]:
    """Inside a loop the branches of this iteration carry the iteration suffix (Conductor
    suffixes only `joinOn`; the defaults get it too here, or they could never match)."""
    return [iteration_ref(r, task.iteration) for r in refs]
