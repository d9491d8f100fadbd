"""Event handlers (/api/event) and the in-process `conductor` event bus they listen to.

An EVENT task (or any caller) publishes `(event name, payload)`; every active handler for that
event whose condition holds runs its actions: start a workflow, complete / fail a task,
terminate a workflow or update its variables. Action fields may use `${...}` expressions over
the payload, as in Conductor.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from conductor.server.domain.errors import ConductorError, Conflict, NotFound, ValidationFailed, Violation
from conductor.server.domain.events import EventHandler
from conductor.server.domain.requests import StartWorkflowRequest
from conductor.server.domain.status import TaskResultStatus
from conductor.server.expressions.templating import resolve
from conductor.server.persistence.database import Database
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.services.tasks import TaskService
from conductor.server.services.workflows import WorkflowService

log = logging.getLogger("conductor.server.events")


def _validate(handler: EventHandler) -> None:
    problems = []
    if not handler.name:
        problems.append(Violation("eventHandler.name", "Missing event handler name"))
    if not handler.event:
        problems.append(Violation("eventHandler.event", "Missing event location"))
    if not handler.actions:
        problems.append(
            Violation("eventHandler.actions", "No actions specified. Please specify at-least one action")
        )
    if problems:
        raise ValidationFailed(problems)


class EventService:
    def __init__(self, db: Database, workflows: WorkflowService, tasks: TaskService, javascript: Any) -> None:
        self.db = db
        self.workflows = workflows
        self.tasks = tasks
        self.javascript = javascript
        self._background: set[asyncio.Task[None]] = set()

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

    def publish(self, event: str, payload: dict[str, Any]) -> None:
        """Dispatch in the background: handlers may act on the publishing workflow itself."""
        job = asyncio.get_running_loop().create_task(self.dispatch(event, payload))
        self._background.add(job)
        job.add_done_callback(self._background.discard)

    async def dispatch(self, event: str, payload: dict[str, Any]) -> int:
        """Run every matching handler now; returns how many actions ran."""
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
                    await self._run(action.action, action, payload, event)
                    ran += 1
                except ConductorError as exc:
                    log.warning(
                        "event handler %s: action %s failed: %s", handler.name, action.action, exc.message
                    )
        return ran

    async def _run(self, kind: str, action: Any, payload: dict[str, Any], event: str) -> None:
        if kind == "start_workflow" and action.start_workflow is not None:
            spec = action.start_workflow
            inp = resolve(dict(spec.input), payload)
            assert isinstance(inp, dict)
            inp.setdefault("conductor.event.name", event)
            request = StartWorkflowRequest(
                name=str(resolve(spec.name, payload)) if spec.name else None,
                version=spec.version,
                correlation_id=str(resolve(spec.correlation_id, payload)) if spec.correlation_id else None,
                input=inp,
                task_to_domain=spec.task_to_domain,
            )
            await self.workflows.start(request)
        elif kind in ("complete_task", "fail_task"):
            details = action.complete_task if kind == "complete_task" else action.fail_task
            if details is None:
                return
            status = TaskResultStatus.COMPLETED if kind == "complete_task" else TaskResultStatus.FAILED
            workflow_id = str(resolve(details.workflow_id, payload))
            output = resolve(dict(details.output), payload)
            assert isinstance(output, dict)
            ref = resolve(details.task_ref_name, payload) if details.task_ref_name else None
            if ref:
                await self.tasks.update_by_ref(workflow_id, str(ref), status, output, None)
        elif kind == "terminate_workflow" and action.terminate_workflow is not None:
            spec = action.terminate_workflow
            await self.workflows.terminate(str(resolve(spec.workflow_id, payload)), spec.termination_reason)
        elif kind == "update_workflow_variables" and action.update_workflow_variables is not None:
            spec = action.update_workflow_variables
            variables = resolve(dict(spec.variables), payload)
            assert isinstance(variables, dict)
            await self.workflows.update_variables(str(resolve(spec.workflow_id, payload)), variables)
        else:
            log.warning("unsupported event action %s", kind)
