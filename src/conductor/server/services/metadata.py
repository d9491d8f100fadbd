"""Registration, versioning and validation of task and workflow definitions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from conductor.server.clock import Clock
from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.errors import Conflict, NotFound, ValidationFailed, Violation
from conductor.server.domain.requests import BulkResponse
from conductor.server.domain.subworkflows import find_cycle
from conductor.server.domain.task_types import REFUSED_TYPES, TaskType
from conductor.server.domain.validation import ExpressionCheck, validate_task_defs, validate_workflow_def
from conductor.server.engine.task_types import SYSTEM_TYPES
from conductor.server.expressions.durations import parse_duration, parse_until
from conductor.server.expressions.javascript import check_syntax
from conductor.server.expressions.templating import (
    MAX_EXPRESSION_DEPTH,
    SYSTEM_PARAMETERS,
    expression_depth,
    invalid_expressions,
    referenced_roots,
)
from conductor.server.persistence.database import Database
from conductor.server.persistence.sql.store import SqlTx

# Task types that run inside the server, as Conductor, Orkes and the official SDKs name them
# (engine/task_types.py lists those this engine knows, domain/task_types.py::REFUSED_TYPES the
# others). A node of such a type that this server
# does not implement used to be accepted and then failed, or sat in a queue nothing consumes,
# for ever (KAFKA_PUBLISH): it is refused at registration instead, naming the type. Any other
# type stays a worker task queued under its type (Conductor's USER_DEFINED), and SIMPLE tasks
# may have any name.
SERVER_SIDE_TYPES = SYSTEM_TYPES | REFUSED_TYPES


class TaskTypes(Protocol):
    """The system task registry as this service sees it (systasks/registry.py)."""

    def __contains__(self, task_type: str) -> bool: ...


# Run by the decider itself (engine/operators.py), with no entry in the system task registry.
OPERATOR_TYPES = frozenset(
    {
        TaskType.SIMPLE,
        TaskType.FORK_JOIN,
        TaskType.FORK_JOIN_DYNAMIC,
        TaskType.DYNAMIC,
        TaskType.SUB_WORKFLOW,
        TaskType.JOIN,
    }
)


def unsupported_type(task_type: str, system_tasks: TaskTypes) -> bool:
    """A server-side type that neither the decider nor a registered system task runs."""
    return (
        task_type in SERVER_SIDE_TYPES and task_type not in OPERATOR_TYPES and task_type not in system_tasks
    )


def type_violation(node: WorkflowTask, path: str) -> Violation:
    return Violation(
        f"{path}.type",
        f"taskType: {node.type} is not supported by this server (taskName: {node.name}): nothing here "
        "would run it; use a SIMPLE task and a worker instead",
        node.type,
    )


def expression_check(node: WorkflowTask, path: str) -> list[Violation]:
    """Registration checks that need an expression engine (Conductor rejects these with 400):
    literal WAIT durations / instants must parse, and SWITCH / DECISION scripts must compile."""
    problems: list[Violation] = []
    params = node.input_parameters
    if node.type == TaskType.WAIT:
        duration, until = params.get("duration"), params.get("until")
        if isinstance(duration, str) and "${" not in duration:
            try:
                parse_duration(duration)
            except ValueError as exc:
                problems.append(
                    Violation(f"{path}.inputParameters.duration", f"Invalid duration '{duration}': {exc}")
                )
        if isinstance(until, str) and "${" not in until:
            try:
                parse_until(until)
            except ValueError:
                problems.append(
                    Violation(
                        f"{path}.inputParameters.until", f"Invalid/Unsupported Wait Until format: {until}"
                    )
                )
    script = None
    if node.type == TaskType.SWITCH and (node.evaluator_type or "").lower() in (
        "javascript",
        "graaljs",
        "js",
    ):
        script = node.expression
    elif node.type == TaskType.DECISION and node.case_expression:
        script = node.case_expression
    if script:
        error = check_syntax(script)
        if error is not None:
            problems.append(
                Violation(
                    path,
                    f"Expression is not well formatted for taskType: {node.type} taskName: {node.name}: {error}",
                )
            )
    return problems


def _too_deep(value: object) -> bool:
    """Whether a JSON value holds a string nesting ``${...}`` beyond MAX_EXPRESSION_DEPTH."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if expression_depth(item) > MAX_EXPRESSION_DEPTH:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def depth_violations(params: Mapping[str, object], path: str) -> list[Violation]:
    """Parameters whose `${...}` nest too deeply to be checked or evaluated (a pyconductor limit:
    each level costs a parse and a stack frame)."""
    return [
        Violation(
            path,
            f"key: {key} value nests ${{...}} expressions more than " f"{MAX_EXPRESSION_DEPTH} levels deep",
        )
        for key, value in params.items()
        if _too_deep(value)
    ]


def _reference_violations(node: WorkflowTask, path: str, known: set[str]) -> list[Violation]:
    """Top-level inputs may only reference `workflow` or a task of this definition (as Conductor
    checks at registration; nested tasks are not checked, as in Conductor)."""
    problems: list[Violation] = []
    for key, value in node.input_parameters.items():
        if _too_deep(value):
            continue  # reported by depth_violations
        for bad in invalid_expressions({key: value}):
            problems.append(
                Violation(f"{path}.inputParameters", f"key: {key} input parameter value: {bad} is not valid")
            )
        for root in sorted(referenced_roots({key: value})):
            if root not in known and root not in SYSTEM_PARAMETERS:
                problems.append(
                    Violation(
                        f"{path}.inputParameters",
                        f"taskReferenceName: {root} for given task: {node.name} input value: {key} of input "
                        f"parameter: {value} is not defined in workflow definition.",
                    )
                )
    return problems


class MetadataService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        expression_check: ExpressionCheck | None = expression_check,
        system_tasks: TaskTypes | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.expression_check = expression_check
        # The system task registry (filled after this service is built, read at each check);
        # None: task types are not checked.
        self.system_tasks = system_tasks

    # ---- task definitions -----------------------------------------------------------------

    async def register_task_defs(self, defs: list[TaskDef]) -> None:
        validate_task_defs(defs)
        now = self.clock.now_ms()
        for td in defs:
            td.create_time = now
            td.update_time = 0
            td.created_by = td.created_by or ""

        def job(tx: SqlTx) -> None:
            for td in defs:
                tx.upsert_task_def(td)

        await self.db.write(job)

    async def update_task_def(self, td: TaskDef) -> None:
        validate_task_defs([td], "taskDef")
        now = self.clock.now_ms()

        def job(tx: SqlTx) -> None:
            existing = tx.get_task_def(td.name)
            if existing is None:
                raise NotFound(f"No such task by name {td.name}")
            td.create_time = existing.create_time
            td.created_by = existing.created_by
            td.update_time = now
            tx.upsert_task_def(td)

        await self.db.write(job)

    async def get_task_def(self, name: str) -> TaskDef:
        td = await self.db.read(lambda tx: tx.get_task_def(name))
        if td is None:
            raise NotFound(f"No such taskType found by name: {name}")
        return td

    async def list_task_defs(self) -> list[TaskDef]:
        return await self.db.read(lambda tx: tx.list_task_defs())

    async def delete_task_def(self, name: str) -> None:
        if not await self.db.write(lambda tx: tx.delete_task_def(name)):
            raise NotFound(f"No such task definition: {name}")

    # ---- workflow definitions -------------------------------------------------------------

    def validate(self, wf: WorkflowDef, path: str = "workflowDef") -> None:
        top_level = {id(node) for node in wf.tasks}
        known = {node.task_reference_name for node in wf.all_tasks()} | {"workflow"}
        node_check = self.expression_check
        system_tasks = self.system_tasks

        def check(node: WorkflowTask, node_path: str) -> list[Violation]:
            problems = depth_violations(node.input_parameters, f"{node_path}.inputParameters")
            if system_tasks is not None and unsupported_type(node.type, system_tasks):
                problems.append(type_violation(node, node_path))
            if node_check is not None:
                problems.extend(node_check(node, node_path))
            if id(node) in top_level:
                problems.extend(_reference_violations(node, node_path, known))
            return problems

        outputs = depth_violations(wf.output_parameters, f"{path}.outputParameters")
        try:
            validate_workflow_def(wf, path, check)
        except ValidationFailed as failed:
            failed.violations.extend(outputs)
            raise
        if outputs:
            raise ValidationFailed(outputs)

    async def check_sub_workflow_cycles(
        self, defs: list[tuple[WorkflowDef, str]], *, registering: bool = True
    ) -> None:
        """400 when a definition always starts itself again through its sub workflows (it would
        never end); ``defs`` are (definition, path) pairs, seen by each other as registered
        when ``registering`` (an inline definition at start is not)."""

        def job(tx: SqlTx) -> list[Violation]:
            def lookup(name: str, version: int | None) -> WorkflowDef | None:
                batch = [d for d, _ in defs if d.name == name and version in (None, d.version)]
                if batch and registering:
                    return max(batch, key=lambda d: d.version)
                return tx.get_workflow_def(name, version)

            problems = []
            for wf, path in defs:
                cycle = find_cycle(wf, lookup, registering=registering)
                if cycle is not None:
                    problems.append(
                        Violation(
                            path,
                            f"Sub workflow cycle: {' -> '.join(cycle)}: each always starts the next as a "
                            "SUB_WORKFLOW, so the workflow would never end",
                        )
                    )
            return problems

        problems = await self.db.read(job)
        if problems:
            raise ValidationFailed(problems)

    async def validate_definition(self, wf: WorkflowDef) -> None:
        """Everything registration checks (POST /metadata/workflow/validate)."""
        self.validate(wf)
        await self.check_sub_workflow_cycles([(wf, "workflowDef")])

    async def register_workflow_def(self, wf: WorkflowDef, overwrite: bool) -> None:
        await self.validate_definition(wf)
        now = self.clock.now_ms()

        def job(tx: SqlTx) -> None:
            existing = tx.get_workflow_def(wf.name, wf.version)
            if existing is not None:
                if not overwrite:
                    raise Conflict(f"Workflow with {wf.name}.{wf.version} already exists!")
                wf.create_time = existing.create_time
                wf.update_time = now
            else:
                wf.create_time = now
            tx.upsert_workflow_def(wf)

        await self.db.write(job)

    async def upsert_workflow_defs(self, defs: list[WorkflowDef]) -> BulkResponse:
        if not defs:
            from conductor.server.domain.errors import ValidationFailed

            raise ValidationFailed([Violation("workflowDefs", "WorkflowDef list cannot be empty")])
        for i, wf in enumerate(defs):
            self.validate(wf, f"workflowDefs[{i}]")
        await self.check_sub_workflow_cycles([(wf, f"workflowDefs[{i}]") for i, wf in enumerate(defs)])
        now = self.clock.now_ms()

        def job(tx: SqlTx) -> BulkResponse:
            result = BulkResponse()
            for wf in defs:
                existing = tx.get_workflow_def(wf.name, wf.version)
                wf.create_time = existing.create_time if existing else now
                wf.update_time = now
                tx.upsert_workflow_def(wf)
                result.bulk_successful_results.append(wf.name)
            return result

        return await self.db.write(job)

    async def get_workflow_def(self, name: str, version: int | None) -> WorkflowDef:
        wf = await self.db.read(lambda tx: tx.get_workflow_def(name, version))
        if wf is None:
            raise NotFound(f"No such workflow found by name: {name}, version: {_java(version)}")
        return wf

    async def list_workflow_defs(self, name: str | None = None) -> list[WorkflowDef]:
        return await self.db.read(lambda tx: tx.list_workflow_defs(name))

    async def delete_workflow_def(self, name: str, version: int) -> None:
        if not await self.db.write(lambda tx: tx.delete_workflow_def(name, version)):
            raise NotFound(f"No such workflow definition: {name} version: {version}")


def _java(value: object) -> str:
    """How Java's String.format prints a value (None is "null"), for Conductor's messages."""
    return "null" if value is None else str(value)
