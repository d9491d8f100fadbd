"""Workflow test runs (`POST /api/workflow/test`): the real engine, with worker tasks' results
taken from mocks (docs/api.md §2.11).

What Conductor OSS does (`core/.../service/WorkflowTestService.java`), reproduced here:

- The run is an ordinary, stored workflow, started like `POST /workflow` with `taskToDomain["*"]`
  set to a fresh random domain, so no real worker polls its worker tasks (system tasks take no
  domain: SWITCH, INLINE, SET_VARIABLE, ... run for real, and so does an HTTP task).
- Then a loop over the run's non-terminal tasks:
  - a task that is not an operator (JOIN, DO_WHILE, SET_VARIABLE, FORK, INLINE, TERMINATE,
    DECISION, DYNAMIC, FORK_JOIN, FORK_JOIN_DYNAMIC, SWITCH, SUB_WORKFLOW) and whose reference
    name has no entry in `taskRefToMockOutput` stops the loop: the run is answered as it stands,
    RUNNING (a WAIT, a HUMAN or an unmocked worker task);
  - a SUB_WORKFLOW whose child started and whose reference has a `subWorkflowTestRequest` gets
    that request's mocks applied to the child, recursively;
  - an operator, or a task whose mock list is used up, drops its entry and the workflow is
    decided again;
  - otherwise the next mock of the list is applied, in order, as a worker's result
    (`status`, `output` merged over the task's output): a FAILED mock followed by a COMPLETED one
    is a failed attempt, the retry the task definition allows, and its success;
  - a mock with `executionTime` or `queueWaitTime` > 0 backdates the task's `startTime` (now minus
    executionTime) and `scheduledTime` (minus both) with its status and output, then decides:
    how a test exercises `timeoutSeconds`.
- The loop ends when the run is terminal, when no mock entry is left after a round (the first
  round always happens), or after 20,000 rounds.

Ours also ends it when a round changes nothing (no mock used, no entry dropped, no task changed):
Conductor spins to its 20,000-round limit there and answers the same RUNNING run.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field

from msgspec.structs import replace

from conductor.server.domain.errors import NotFound
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.requests import TaskMock, TaskResult, WorkflowTestRequest
from conductor.server.domain.status import TaskResultStatus, TaskStatus
from conductor.server.engine.runner import Changes
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService

# Conductor's WorkflowTestService.operators: these are decided, never mocked.
OPERATOR_TYPES = frozenset(
    {
        "JOIN",
        "DO_WHILE",
        "SET_VARIABLE",
        "FORK",
        "INLINE",
        "TERMINATE",
        "DECISION",
        "DYNAMIC",
        "FORK_JOIN",
        "FORK_JOIN_DYNAMIC",
        "SWITCH",
        "SUB_WORKFLOW",
    }
)
MAX_ROUNDS = 20_000


@dataclass
class _Plan:
    """The mocks still to apply to one run, and the plans of its children by SUB_WORKFLOW ref."""

    mocks: dict[str, list[TaskMock]]
    children: dict[str, _Plan] = field(default_factory=dict)

    @classmethod
    def of(cls, request: WorkflowTestRequest) -> _Plan:
        return cls(
            mocks={
                ref: list(attempts or []) for ref, attempts in (request.task_ref_to_mock_output or {}).items()
            },
            children={ref: cls.of(sub) for ref, sub in (request.sub_workflow_test_request or {}).items()},
        )

    def remaining(self) -> tuple[object, ...]:
        """How many mocks are left, here and in the children's plans."""
        return (
            tuple((ref, len(attempts)) for ref, attempts in self.mocks.items()),
            tuple((ref, child.remaining()) for ref, child in self.children.items()),
        )


class WorkflowTestService:
    def __init__(self, workflows: WorkflowService, tasks: TaskService) -> None:
        self.workflows = workflows
        self.tasks = tasks

    async def run(self, request: WorkflowTestRequest) -> Workflow:
        """Start the run, apply the mocks, answer the run with its tasks."""
        plan = _Plan.of(request)
        # A domain no worker polls: the run's worker tasks wait for their mocks.
        task_to_domain = {**(request.task_to_domain or {}), "*": str(uuid.uuid4())}
        workflow_id = await self.workflows.start(replace(request, task_to_domain=task_to_domain))
        await self._drive(workflow_id, plan)
        return await self.workflows.get(workflow_id, include_tasks=True)

    async def _drive(self, workflow_id: str, plan: _Plan) -> None:
        seen: tuple[object, ...] | None = None
        for _ in range(MAX_ROUNDS):
            workflow = await self.workflows.get(workflow_id, include_tasks=True)
            if workflow.status.is_terminal:
                return
            active = [t for t in workflow.tasks if not t.status.is_terminal]
            if any(
                t.task_type not in OPERATOR_TYPES and t.reference_task_name not in plan.mocks for t in active
            ):
                return  # a task nothing will complete: answer the run as it stands
            state = _fingerprint(workflow, plan)
            if state == seen:
                return  # the last round changed nothing and this one would not either
            seen = state
            for task in active:
                ref = task.reference_task_name
                child = plan.children.get(ref)
                if task.task_type == "SUB_WORKFLOW" and task.sub_workflow_id and child is not None:
                    await self._drive(task.sub_workflow_id, child)
                attempts = plan.mocks.get(ref)
                if not attempts or task.task_type in OPERATOR_TYPES:
                    plan.mocks.pop(ref, None)
                    await self.workflows.decide(workflow_id)
                else:
                    await self._apply(task, attempts.pop(0))
            if not plan.mocks:
                # Checked after a round, not before: a run with only sub-workflow mocks still
                # gets one round, which drives its children.
                return

    async def _apply(self, task: Task, mock: TaskMock) -> None:
        status = mock.status or TaskResultStatus.COMPLETED
        output = {**task.output_data, **(mock.output or {})}
        if mock.execution_time > 0 or mock.queue_wait_time > 0:
            await self._apply_backdated(task, status, output, mock)
            return
        # A task gone meanwhile (a DO_WHILE's keepLastN dropped it): the mock is used up, as in Conductor.
        with contextlib.suppress(NotFound):
            await self._update(task, status, output)

    async def _update(self, task: Task, status: TaskResultStatus, output: dict[str, object]) -> None:
        await self.tasks.update(
            TaskResult(
                workflow_instance_id=task.workflow_instance_id,
                task_id=task.task_id,
                status=status,
                output_data=output,
                reason_for_incompletion=task.reason_for_incompletion,
                callback_after_seconds=task.callback_after_seconds,
                worker_id=task.worker_id,
            )
        )

    async def _apply_backdated(
        self, task: Task, status: TaskResultStatus, output: dict[str, object], mock: TaskMock
    ) -> None:
        """The attempt as if it had run `executionTime` ms after waiting `queueWaitTime` ms, so
        the decide that follows applies the task's timeouts to it."""
        task_id = task.task_id

        def mutate(wf: Workflow, changes: Changes) -> None:
            current = wf.task_by_id(task_id)
            if current is None or current.status.is_terminal or wf.status.is_terminal:
                changes.skip = True
                return
            now = self.workflows.clock.now_ms()
            new_status = TaskStatus(status.value)
            updated = replace(
                current,
                status=new_status,
                output_data=output,
                scheduled_time=now - (mock.execution_time + mock.queue_wait_time),
                start_time=now - mock.execution_time,
                update_time=now,
            )
            if new_status.is_terminal:
                updated.end_time = now
                changes.dequeue(task_id)
            changes.put(updated)

        await self.workflows.runner.run(task.workflow_instance_id, mutate)


def _fingerprint(workflow: Workflow, plan: _Plan) -> tuple[object, ...]:
    return (
        workflow.status,
        tuple((t.task_id, t.status, t.sub_workflow_id) for t in workflow.tasks),
        plan.remaining(),
    )
