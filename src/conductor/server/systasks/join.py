"""JOIN and EXCLUSIVE_JOIN: wait for forked branches (engine.md §6.8, §6.15)."""

from __future__ import annotations

from msgspec.structs import replace

from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.systasks.base import SyncSystemTask, SystemTaskContext, completed, failed


class Join(SyncSystemTask):
    task_type = "JOIN"

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return await self.execute(task, workflow, ctx) or task

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
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
    task_type = "EXCLUSIVE_JOIN"

    async def start(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        return await self.execute(task, workflow, ctx) or replace(task, status=TaskStatus.IN_PROGRESS)

    async def execute(self, task: Task, workflow: Workflow, ctx: SystemTaskContext) -> Task | None:
        node = task.workflow_task
        for refs in (node.join_on, node.default_exclusive_join_task):
            for ref in refs:
                branch = workflow.task_by_ref(ref)
                if branch is None or branch.status is TaskStatus.SKIPPED:
                    continue
                if not branch.status.is_terminal:
                    return None
                if branch.status.is_successful:
                    return completed(replace(task, output_data=dict(branch.output_data)))
                return failed(task, str(branch.reason_for_incompletion))
        return None
