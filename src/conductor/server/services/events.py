"""Event handlers (/api/event) and the in-process `conductor` event bus they listen to.

An EVENT task (or any caller) publishes `(event name, payload)`; every active handler for that
event whose condition holds runs its actions: start a workflow, complete / fail a task,
terminate a workflow or update its variables. Action fields may use `${...}` expressions over
the payload, as in Conductor.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from conductor.server.domain.errors import ConductorError, Conflict, NotFound, ValidationFailed, Violation
from conductor.server.domain.events import Action, EventHandler, StartWorkflowAction, TaskDetails
from conductor.server.domain.requests import StartWorkflowRequest, TaskResult
from conductor.server.domain.snapshot import base_ref
from conductor.server.domain.status import TaskResultStatus
from conductor.server.domain.validation import sink_message, unsupported_sink
from conductor.server.expressions.templating import resolve
from conductor.server.persistence.database import Database
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService
from conductor.server.systasks.base import ScriptEngine

log = logging.getLogger("conductor.server.events")


def _validate(handler: EventHandler) -> None:
    problems = []
    if not handler.name:
        problems.append(Violation("eventHandler.name", "Missing event handler name"))
    if not handler.event:
        problems.append(Violation("eventHandler.event", "Missing event location"))
    elif unsupported_sink(handler.event, expressions=False):
        # Only the in-process `conductor` bus publishes events here: a handler listening on
        # Kafka, SQS, AMQP, NATS, ... would be stored and never called.
        where = f"event of event handler: {handler.name}"
        problems.append(Violation("eventHandler.event", sink_message(handler.event, where), handler.event))
    if not handler.actions:
        problems.append(
            Violation("eventHandler.actions", "No actions specified. Please specify at-least one action")
        )
    if problems:
        raise ValidationFailed(problems)


class EventService:
    def __init__(
        self, db: Database, workflows: WorkflowService, tasks: TaskService, javascript: ScriptEngine
    ) -> None:
        self.db = db
        self.workflows = workflows
        self.tasks = tasks
        self.javascript = javascript
        self._background: set[asyncio.Task[int]] = set()

    # ---- handler CRUD ---------------------------------------------------------------------

    async def add(self, handler: EventHandler) -> None:
        _validate(handler)

        def job(tx: SqlTx) -> None:
            if tx.get_event_handler(handler.name) is not None:
                raise Conflict(f"EventHandler with name {handler.name} already exists!")
            tx.upsert_event_handler(handler)

        await self.db.write(job)

    async def update(self, handler: EventHandler) -> None:
        _validate(handler)

        def job(tx: SqlTx) -> None:
            if tx.get_event_handler(handler.name) is None:
                raise NotFound(f"EventHandler with name {handler.name} not found!")
            tx.upsert_event_handler(handler)

        await self.db.write(job)

    async def remove(self, name: str) -> None:
        if not await self.db.write(lambda tx: tx.delete_event_handler(name)):
            raise NotFound(f"EventHandler with name {name} not found!")

    async def list(self, event: str | None = None, active_only: bool = False) -> list[EventHandler]:
        return await self.db.read(lambda tx: tx.list_event_handlers(event, active_only))

    # ---- the bus --------------------------------------------------------------------------

    def publish(self, event: str, payload: dict[str, Any], message_id: str | None = None) -> None:
        """Dispatch in the background: handlers may act on the publishing workflow itself."""
        job = asyncio.get_running_loop().create_task(self.dispatch(event, payload, message_id))
        self._background.add(job)
        job.add_done_callback(self._background.discard)

    async def dispatch(self, event: str, payload: dict[str, Any], message_id: str | None = None) -> int:
        """Run every matching handler now; returns how many actions ran."""
        message_id = message_id or str(uuid.uuid4())
        ran = 0
        for handler in await self.list(event, active_only=True):
            if handler.condition:
                try:
                    if not await self.javascript.evaluate_condition(handler.condition, payload):
                        continue
                except Exception as exc:
                    log.warning("event handler %s: condition failed: %s", handler.name, exc)
                    continue
            for action in handler.actions:
                try:
                    await self._run(action, payload, event, message_id)
                    ran += 1
                except ConductorError as exc:
                    log.warning(
                        "event handler %s: action %s failed: %s", handler.name, action.action, exc.message
                    )
        return ran

    async def _run(self, action: Action, payload: dict[str, Any], event: str, message_id: str) -> None:
        kind = action.action
        if kind == "start_workflow" and action.start_workflow is not None:
            await self._start_workflow(action.start_workflow, payload, event, message_id)
        elif kind == "complete_task" and action.complete_task is not None:
            await self._update_task(
                action.complete_task, TaskResultStatus.COMPLETED, payload, event, message_id
            )
        elif kind == "fail_task" and action.fail_task is not None:
            await self._update_task(action.fail_task, TaskResultStatus.FAILED, payload, event, message_id)
        elif kind == "terminate_workflow" and action.terminate_workflow is not None:
            spec = action.terminate_workflow
            await self.workflows.terminate(str(resolve(spec.workflow_id, payload)), spec.termination_reason)
        elif kind == "update_workflow_variables" and action.update_workflow_variables is not None:
            update = action.update_workflow_variables
            variables = resolve(dict(update.variables), payload)
            assert isinstance(variables, dict)
            await self.workflows.update_variables(str(resolve(update.workflow_id, payload)), variables)
        else:
            log.warning("unsupported event action %s", kind)

    async def _start_workflow(
        self, spec: StartWorkflowAction, payload: dict[str, Any], event: str, message_id: str
    ) -> None:
        """Inputs are `${...}` over the event payload; taskToDomain falls back to the payload's."""
        inp = resolve(dict(spec.input), payload)
        assert isinstance(inp, dict)
        inp["conductor.event.messageId"] = message_id
        inp["conductor.event.name"] = event
        correlation = resolve(spec.correlation_id, payload) if spec.correlation_id else None
        domains = spec.task_to_domain if spec.task_to_domain is not None else payload.get("taskToDomain")
        request = StartWorkflowRequest(
            name=spec.name,
            version=spec.version,
            correlation_id=str(correlation) if correlation is not None else spec.correlation_id,
            input=inp,
            task_to_domain=dict(domains) if isinstance(domains, dict) and domains else None,
        )
        await self.workflows.start(request)

    async def _update_task(
        self,
        details: TaskDetails,
        status: TaskResultStatus,
        payload: dict[str, Any],
        event: str,
        message_id: str,
    ) -> None:
        """complete_task / fail_task: the task by id, or by workflow id and reference (the newest
        iteration of a loop task); its output is the resolved action map (SimpleActionProcessor)."""
        spec: dict[str, Any] = {
            "workflowId": details.workflow_id,
            "taskId": details.task_id,
            "taskRefName": details.task_ref_name,
            "reasonForIncompletion": details.reason_for_incompletion,
            **details.output,
        }
        replaced = resolve(spec, payload)
        assert isinstance(replaced, dict)
        workflow_id, task_id = replaced.get("workflowId"), replaced.get("taskId")
        ref = replaced.get("taskRefName")
        target = None
        if task_id:
            target = await self.tasks.get(str(task_id))
        elif workflow_id and ref:
            workflow = await self.workflows.get(str(workflow_id))
            same = [t for t in workflow.tasks if t.reference_task_name == ref or base_ref(t) == ref]
            if same:
                target = max(same, key=lambda t: (t.iteration, t.seq))
        if target is None:
            log.warning(
                "event %s: no task found with taskId: %s, reference name: %s, workflowId: %s",
                event,
                task_id,
                ref,
                workflow_id,
            )
            return
        output = {**replaced, "conductor.event.messageId": message_id, "conductor.event.name": event}
        reason = replaced.get("reasonForIncompletion")
        result = TaskResult(
            workflow_instance_id=target.workflow_instance_id,
            task_id=target.task_id,
            status=status,
            output_data=output,
            reason_for_incompletion=None
            if status is TaskResultStatus.COMPLETED or reason is None
            else str(reason),
        )
        await self.tasks.update(result)
